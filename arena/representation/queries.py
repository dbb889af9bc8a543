"""Who takes part, per arena and year or for the whole city: `summarise`.

    summary = summarise(arena, 2026)      # or summarise(None, 2026) for the city
    summary.questions                     # per question: its groups, already suppressed
    summary.figure                        # lowest group's participation rate / highest's
    summary.rows()                        # flat dicts for exports and the staff report

Every count in a summary has been through `questions.suppress`: a group of fewer
than 5 people is None ("fewer than 5") and is left out of every figure. Callers
(pages, charts, exports, the staff area's report) never see the raw counts, so
they cannot show them by mistake.

A group's participation rate is its participants (online and at workshops
together) divided by its share of the district's population (the reference
distribution imported with the district statistics); with shares the ratio of
two groups' rates is the same as with head counts. A question's figure is its
lowest rate divided by its highest, over the groups with a reference and at
least 5 participants (1 = every group takes part alike; needs two such groups).
The summary's figure is the lowest of the questions' figures: how far the arena
is from reaching everyone, on the question where it is furthest.

Known limit: suppression is per cell. Totals shown elsewhere can, by
subtraction, narrow down a hidden cell; no secondary suppression is done.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from arena.arenas.models import Arena, Cycle
from arena.extensions import db
from arena.representation import counting
from arena.representation import questions as q
from arena.representation.questions import suppress


@dataclass(frozen=True)
class Group:
    """One answer to one question: counts already suppressed (None = fewer than 5)."""

    question: str
    answer: str
    online: int | None
    workshop: int | None
    total: int | None
    reference_share: float | None  # of the district's population, 0..1; None: no reference
    rate: float | None = None  # total / reference share; None when left out

    @property
    def label(self) -> str:
        return str(q.answer_label(self.question, self.answer))


@dataclass(frozen=True)
class QuestionSummary:
    question: str
    groups: list[Group]
    figure: float | None
    lowest: Group | None = None
    highest: Group | None = None

    @property
    def label(self) -> str:
        return str(q.QUESTION_LABELS[self.question])

    @property
    def has_reference(self) -> bool:
        return any(group.reference_share is not None for group in self.groups)


@dataclass(frozen=True)
class RepresentationSummary:
    arena: Arena | None
    year: int
    online_participants: int | None
    workshop_participants: int | None
    questions: list[QuestionSummary] = field(default_factory=list)
    figure: float | None = None
    reference_years: tuple[int, ...] = ()

    def rows(self) -> list[dict]:
        """One dict per (question, answer) for exports; None means "fewer than 5"."""
        return [
            {
                "arena": self.arena.slug if self.arena else "",
                "year": self.year,
                "question": summary.question,
                "answer": group.answer,
                "label": group.label,
                "online": group.online,
                "workshop": group.workshop,
                "total": group.total,
                "reference_share": group.reference_share,
                "rate": group.rate,
                "question_figure": summary.figure,
                "figure": self.figure,
            }
            for summary in self.questions
            for group in summary.groups
        ]


def list_cycles(arena: Arena | None, year: int) -> list[Cycle]:
    """The arena's cycle of the year, or every arena's cycle of that year."""
    query = select(Cycle).where(Cycle.year == year)
    if arena is not None:
        query = query.where(Cycle.arena_id == arena.id)
    return list(db.session.scalars(query))


def list_years(arena: Arena | None) -> list[int]:
    query = select(Cycle.year).distinct().order_by(Cycle.year.desc())
    if arena is not None:
        query = query.where(Cycle.arena_id == arena.id)
    return list(db.session.scalars(query))


def _question_summary(question, online, workshop, shares) -> QuestionSummary:
    groups = []
    for answer in [*q.ANSWERS[question], q.NOT_ANSWERED]:
        total = suppress(online.get(answer, 0) + workshop.get(answer, 0))
        share = shares.get(answer) if answer in q.REFERENCE_ANSWERS[question] else None
        groups.append(
            Group(
                question,
                answer,
                online=suppress(online.get(answer, 0)),
                workshop=suppress(workshop.get(answer, 0)),
                total=total,
                reference_share=share,
                rate=total / share if total is not None and share else None,
            )
        )
    rated = [group for group in groups if group.rate is not None]
    if len(rated) < 2:
        return QuestionSummary(question, groups, None)
    lowest = min(rated, key=lambda group: group.rate)
    highest = max(rated, key=lambda group: group.rate)
    return QuestionSummary(question, groups, lowest.rate / highest.rate, lowest, highest)


def summarise(arena: Arena | None, year: int) -> RepresentationSummary:
    """Who took part in the arena's cycle of `year` (or every arena's, for None),
    against the reference population; see the module's docstring."""
    cycle_ids = [cycle.id for cycle in list_cycles(arena, year)]
    online_total, online = counting.online_counts(cycle_ids)
    workshop_total, workshop = counting.workshop_counts(cycle_ids)
    arena_ids = [arena.id] if arena is not None else list(db.session.scalars(select(Arena.id)))
    shares, years = counting.reference_shares(arena_ids, year)
    summaries = [
        _question_summary(question, online[question], workshop[question], shares.get(question, {}))
        for question in q.ANSWERS
    ]
    figures = [s.figure for s in summaries if s.figure is not None]
    return RepresentationSummary(
        arena=arena,
        year=year,
        online_participants=suppress(online_total),
        workshop_participants=suppress(workshop_total),
        questions=summaries,
        figure=min(figures) if figures else None,
        reference_years=tuple(sorted(years)),
    )
