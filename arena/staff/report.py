"""The year's report: what an arena (or every arena) proposed, chose, tested,
measured and decided in one year, for staff to hand to politicians.

Read-only. Each arena's cycle of the year is read with the queries its own pages
use (the ranked result, each commitment's progress), plus one query each for
workshops, pledges and reviews of the whole year.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from arena.extensions import db
from arena.staff.scale import load_commitments, totals_by_commitment
from arena.staff.sources import (
    Arena,
    Commitment,
    CommitmentProgress,
    Cycle,
    Pledge,
    Review,
    ScopeNotFound,
    Theme,
    Workshop,
    get_progress,
    list_chosen,
    list_themes,
    ranked_totals,
    resolve_scope,
)


@dataclass
class ThemeCount:
    theme: Theme
    online: int = 0
    workshop: int = 0

    @property
    def total(self) -> int:
        return self.online + self.workshop


@dataclass
class CommitmentReport:
    commitment: Commitment
    progress: CommitmentProgress
    review: Review | None
    people_pledged: int = 0
    organisations_pledged: int = 0


@dataclass
class ArenaYear:
    """One arena's cycle of the year."""

    arena: Arena
    cycle: Cycle
    themes: list[ThemeCount] = field(default_factory=list)
    online_supports: int = 0
    workshop_votes: int = 0
    workshops: int = 0
    workshop_participants: int = 0
    chosen: list = field(default_factory=list)  # the result rows of selected proposals
    commitments: list[CommitmentReport] = field(default_factory=list)

    @property
    def proposals_online(self) -> int:
        return sum(t.online for t in self.themes)

    @property
    def proposals_from_workshops(self) -> int:
        return sum(t.workshop for t in self.themes)

    @property
    def proposals(self) -> int:
        return self.proposals_online + self.proposals_from_workshops

    @property
    def reviewed(self) -> list[CommitmentReport]:
        return [c for c in self.commitments if c.review is not None]


@dataclass
class YearReport:
    year: int
    arena: Arena | None  # None: the whole city
    arenas: list[ArenaYear]

    def total(self, name: str) -> int:
        return sum(getattr(a, name) for a in self.arenas)

    def total_of(self, name: str) -> int:
        return sum(len(getattr(a, name)) for a in self.arenas)

    @property
    def themes(self) -> list[ThemeCount]:
        """Proposals by theme, added up over the arenas, in the themes' order."""
        summed: dict[int, ThemeCount] = {}
        for arena_year in self.arenas:
            for count in arena_year.themes:
                total = summed.setdefault(count.theme.id, ThemeCount(count.theme))
                total.online += count.online
                total.workshop += count.workshop
        return sorted(summed.values(), key=lambda t: (t.theme.sort_order, t.theme.key))

    @property
    def outcomes(self) -> Counter:
        return Counter(c.review.outcome for a in self.arenas for c in a.reviewed)


class ReportNotFound(LookupError):
    """No such arena, or no cycle in that year (the page answers 404)."""


def _proposed(arena_year: ArenaYear, themes: dict[int, Theme]) -> None:
    """What the arena's cycle proposed, by theme, and what it chose: the counts added up
    by the database, the chosen proposals' rows with their rank."""
    by_theme: dict[int, ThemeCount] = {}
    for total in ranked_totals(arena_year.cycle):
        count = by_theme.setdefault(total.theme_id, ThemeCount(themes[total.theme_id]))
        if total.from_workshop:
            count.workshop += total.proposals
        else:
            count.online += total.proposals
        arena_year.online_supports += total.online_supports
        arena_year.workshop_votes += total.workshop_votes
    arena_year.themes = sorted(by_theme.values(), key=lambda t: (t.theme.sort_order, t.theme.key))
    arena_year.chosen = list_chosen(arena_year.cycle)


def _workshops(cycle_ids: list[int]) -> dict[int, tuple[int, int]]:
    rows = db.session.execute(
        select(Workshop.cycle_id, func.count(Workshop.id), func.sum(Workshop.participant_count))
        .where(Workshop.cycle_id.in_(cycle_ids))
        .group_by(Workshop.cycle_id)
    )
    return {cycle_id: (count, participants or 0) for cycle_id, count, participants in rows}


def _commitments(cycle_ids: list[int]) -> dict[int, list[CommitmentReport]]:
    query = (
        select(Commitment)
        .where(Commitment.cycle_id.in_(cycle_ids))
        .order_by(Commitment.title, Commitment.id)
    )
    commitments = load_commitments(
        query, Commitment.origin, Commitment.owner_organisations, Commitment.owner_users
    )
    pledges = totals_by_commitment(
        Pledge.commitment_id,
        func.count(Pledge.user_id),
        func.count(Pledge.organisation_id),
        where=(Pledge.commitment_id.in_([c.id for c in commitments]),),
    )
    found: dict[int, list[CommitmentReport]] = {}
    for commitment in commitments:
        people, organisations = pledges.get(commitment.id, (0, 0))
        found.setdefault(commitment.cycle_id, []).append(
            CommitmentReport(
                commitment, get_progress(commitment), commitment.review, people, organisations
            )
        )
    return found


def find_arena(slug: str | None) -> Arena | None:
    if not slug:
        return None
    return db.session.scalar(select(Arena).where(Arena.slug == str(slug)[:60]))


def get_report(slug: str | None, year_text, now) -> YearReport:
    """The report for arena `slug` (None: the city) and the year; ReportNotFound when
    the arena is unknown or has no cycle that year (the city: when no arena has one)."""
    try:
        scope = resolve_scope(slug, year_text, now)
    except ScopeNotFound:
        raise ReportNotFound(str(year_text)) from None
    cycles = list(
        db.session.scalars(
            select(Cycle)
            .where(Cycle.id.in_(scope.cycle_ids))
            .options(selectinload(Cycle.arena))
            .join(Arena, Arena.id == Cycle.arena_id)
            .order_by(Arena.sort_order, Arena.name)
        )
    )
    ids = [c.id for c in cycles]
    workshops = _workshops(ids)
    commitments = _commitments(ids)
    themes = {theme.id: theme for theme in list_themes()}
    arenas = []
    for cycle in cycles:
        arena_year = ArenaYear(cycle.arena, cycle, commitments=commitments.get(cycle.id, []))
        arena_year.workshops, arena_year.workshop_participants = workshops.get(cycle.id, (0, 0))
        _proposed(arena_year, themes)
        arenas.append(arena_year)
    return YearReport(year=scope.year, arena=scope.arena, arenas=arenas)
