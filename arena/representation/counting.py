"""The counts behind a representation summary: who took part online, what workshops
counted, and the reference populations. Read-only; `queries.summarise` puts them
together.

Online participants are the people who took part in the cycle (wrote a proposal,
supported one, commented, or joined a commitment), each counted once however much
they did; proposals typed in from a workshop's paper are the workshop's, not the
typist's.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func, select, union

from arena.arenas.models import DistrictStatistic
from arena.commitments.models import Commitment, Pledge
from arena.extensions import db
from arena.proposals.models import Comment, Proposal, Support
from arena.representation import questions as q
from arena.representation.models import ProfileAnswer, WorkshopGroupCount
from arena.workshops.models import Workshop


def _took_part(cycle_ids: list[int], *, per_cycle: bool):
    """Everyone who took part online in the cycles, as a UNION subquery of `user_id`
    (once each), or of (`cycle_id`, `user_id`) (once per cycle). The one definition of
    an online participant, for the representation summary and the staff's comparison."""
    in_cycles = Proposal.cycle_id.in_(cycle_ids)

    def who(cycle, user):
        return select(cycle, user.label("user_id")) if per_cycle else select(user.label("user_id"))

    return union(
        # Paper and imported proposals have no author: nobody took part online there.
        who(Proposal.cycle_id, Proposal.author_id).where(
            in_cycles, Proposal.workshop_id.is_(None), Proposal.author_id.is_not(None)
        ),
        who(Proposal.cycle_id, Support.user_id)
        .join(Proposal, Support.proposal_id == Proposal.id)
        .where(in_cycles),
        who(Proposal.cycle_id, Comment.author_id)
        .join(Proposal, Comment.proposal_id == Proposal.id)
        .where(in_cycles),
        who(Commitment.cycle_id, Pledge.user_id)
        .join(Commitment, Pledge.commitment_id == Commitment.id)
        .where(Commitment.cycle_id.in_(cycle_ids), Pledge.user_id.is_not(None)),
    ).subquery()


def participations(cycle_ids: list[int]):
    """(cycle_id, user_id) of everyone who took part online, once per cycle."""
    return _took_part(cycle_ids, per_cycle=True)


def participant_ids(cycle_ids: list[int]):
    """A subquery of the ids of everyone who took part online in the cycles, once."""
    return _took_part(cycle_ids, per_cycle=False)


def online_counts(cycle_ids: list[int]) -> tuple[int, dict[str, dict[str, int]]]:
    """(participants, {question: {answer: people}}), "not answered" included."""
    people = participant_ids(cycle_ids)
    total = db.session.scalar(select(func.count()).select_from(people)) or 0
    rows = db.session.execute(
        select(ProfileAnswer.question, ProfileAnswer.answer, func.count(ProfileAnswer.user_id))
        .where(ProfileAnswer.user_id.in_(select(people.c.user_id)))
        .group_by(ProfileAnswer.question, ProfileAnswer.answer)
    )
    return total, _by_answer(rows, total)


def _by_answer(rows, total: int) -> dict[str, dict[str, int]]:
    """{question: {answer: number}} from (question, answer, number) rows, with the
    rest of the total as "not answered"."""
    counts: dict[str, dict[str, int]] = {question: {} for question in q.ANSWERS}
    for question, answer, number in rows:
        if answer in q.ANSWERS.get(question, {}):
            counts[question][answer] = int(number or 0)
    for answers in counts.values():
        answers[q.NOT_ANSWERED] = max(total - sum(answers.values()), 0)
    return counts


def workshop_counts(cycle_ids: list[int]) -> tuple[int, dict[str, dict[str, int]]]:
    """(workshop participants, {question: {answer: count}}), "not answered" being the
    participants nobody counted for that question."""
    total = (
        db.session.scalar(
            select(func.sum(Workshop.participant_count)).where(Workshop.cycle_id.in_(cycle_ids))
        )
        or 0
    )
    group = WorkshopGroupCount
    rows = db.session.execute(
        select(group.question, group.answer, func.sum(group.count))
        .join(Workshop, group.workshop_id == Workshop.id)
        .where(Workshop.cycle_id.in_(cycle_ids))
        .group_by(group.question, group.answer)
    )
    return int(total), _by_answer(rows, int(total))


def reference_shares(arena_ids: list[int], year: int) -> tuple[dict[str, dict[str, float]], set]:
    """Each question's reference: the share of the population (0..1) per answer, from
    each arena's latest reference year up to `year`; several arenas add up their people
    (or, when one gave only shares, their shares are averaged). Also the years used."""
    rows = db.session.execute(
        select(
            DistrictStatistic.arena_id,
            DistrictStatistic.indicator,
            DistrictStatistic.year,
            DistrictStatistic.value,
            DistrictStatistic.unit,
        ).where(
            DistrictStatistic.arena_id.in_(arena_ids),
            DistrictStatistic.year <= year,
            DistrictStatistic.indicator.like(q.REFERENCE_PREFIX + "%"),
        )
    ).all()
    latest: dict[tuple, int] = {}
    values: dict[tuple, dict[str, tuple[float, str]]] = defaultdict(dict)
    for arena_id, indicator, row_year, value, unit in rows:
        parsed = q.parse_reference_key(indicator)
        if parsed is None:
            continue
        key = (arena_id, parsed[0])
        if row_year > latest.get(key, 0):
            latest[key], values[key] = row_year, {}
        if row_year == latest[key]:
            values[key][parsed[1]] = (value, unit)
    return _combine(values), set(latest.values())


def _combine(values: dict[tuple, dict[str, tuple[float, str]]]) -> dict[str, dict[str, float]]:
    by_question: dict[str, list[dict[str, tuple[float, str]]]] = defaultdict(list)
    for (_arena_id, question), answers in values.items():
        by_question[question].append(answers)
    shares: dict[str, dict[str, float]] = {}
    for question, arenas in by_question.items():
        if all(unit == q.PEOPLE for answers in arenas for _v, unit in answers.values()):
            people: dict[str, float] = defaultdict(float)
            for answers in arenas:
                for answer, (value, _unit) in answers.items():
                    people[answer] += value
            shares[question] = _normalised(people)
        else:
            each = [_normalised({a: v for a, (v, _u) in answers.items()}) for answers in arenas]
            keys = {answer for share in each for answer in share}
            shares[question] = {k: sum(s.get(k, 0.0) for s in each) / len(each) for k in keys}
    return shares


def _normalised(values: dict[str, float]) -> dict[str, float]:
    total = sum(values.values())
    return {answer: value / total for answer, value in values.items()} if total > 0 else {}
