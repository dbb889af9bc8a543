"""Read-only workshop queries, shared by views, the result table and exports."""

from __future__ import annotations

from sqlalchemy import case, func, select
from sqlalchemy.orm import selectinload

from arena.arenas.models import Arena, Cycle
from arena.core.database import fits_integer_column
from arena.core.routing import get_child_or_404
from arena.extensions import db
from arena.proposals.models import Proposal
from arena.proposals.queries import is_listed
from arena.workshops.models import AccessCode, Workshop, WorkshopTally


def list_workshops(arena: Arena) -> list[Workshop]:
    """Every workshop of the arena, across its cycles, newest first."""
    return list(
        db.session.scalars(
            select(Workshop)
            .join(Workshop.cycle)
            .where(Cycle.arena_id == arena.id)
            .options(selectinload(Workshop.cycle))
            .order_by(Workshop.held_at.desc(), Workshop.id.desc())
        )
    )


def count_proposals_by_workshop(workshops: list[Workshop]) -> dict[int, int]:
    """How many visible proposals each workshop brought in, in one query."""
    if not workshops:
        return {}
    rows = db.session.execute(
        select(Proposal.workshop_id, func.count(Proposal.id))
        .where(Proposal.workshop_id.in_([w.id for w in workshops]), is_listed())
        .group_by(Proposal.workshop_id)
    )
    return dict(rows.all())


def get_workshop_or_404(arena: Arena, workshop_id: int) -> Workshop:
    """The workshop, only when it belongs to this arena (else 404, as for any wrong address)."""
    return get_child_or_404(Workshop, workshop_id, belongs=lambda w: w.cycle.arena_id == arena.id)


def list_workshop_proposals(workshop: Workshop) -> list[Proposal]:
    """The proposals collected on paper at the workshop, as lists show them."""
    return list(
        db.session.scalars(
            select(Proposal)
            .where(Proposal.workshop_id == workshop.id, is_listed())
            .options(selectinload(Proposal.theme))
            .order_by(Proposal.created_at, Proposal.id)
        )
    )


def list_tallies(workshop: Workshop) -> list[tuple[Proposal, int]]:
    """(proposal, dot votes) at this workshop, most votes first."""
    rows = db.session.execute(
        select(Proposal, WorkshopTally.votes)
        .join(WorkshopTally, WorkshopTally.proposal_id == Proposal.id)
        .where(WorkshopTally.workshop_id == workshop.id)
        .order_by(WorkshopTally.votes.desc(), Proposal.title)
    )
    return [(proposal, votes) for proposal, votes in rows.all()]


def get_tally_values(workshop: Workshop) -> dict[int, int]:
    return dict(
        db.session.execute(
            select(WorkshopTally.proposal_id, WorkshopTally.votes).where(
                WorkshopTally.workshop_id == workshop.id
            )
        ).all()
    )


def _tally_candidates(workshop: Workshop):
    """The proposals a tally may count: those the cycle's lists show, plus any that
    already has a tally here (hidden or withdrawn since), so saving the form never
    drops a number nobody could see."""
    tallied = select(WorkshopTally.proposal_id).where(WorkshopTally.workshop_id == workshop.id)
    return (Proposal.cycle_id == workshop.cycle_id, is_listed() | Proposal.id.in_(tallied))


def count_tally_proposals(workshop: Workshop) -> int:
    return db.session.scalar(select(func.count(Proposal.id)).where(*_tally_candidates(workshop)))


def list_tally_proposals(workshop: Workshop, *, ids=None) -> list[Proposal]:
    """The proposals the tally form asks about (of `ids` only, if given), sorted by
    title, as people look them up on the wall."""
    where = list(_tally_candidates(workshop))
    if ids is not None:
        where.append(Proposal.id.in_([i for i in ids if fits_integer_column(i)]))
    proposals = db.session.scalars(select(Proposal).where(*where))
    return sorted(proposals, key=lambda p: (p.title.casefold(), p.id))


def tallied_and_collected_ids(workshop: Workshop) -> list[int]:
    """The proposals this workshop has dot votes for, or collected on paper."""
    tallied = select(WorkshopTally.proposal_id).where(WorkshopTally.workshop_id == workshop.id)
    collected = select(Proposal.id).where(Proposal.workshop_id == workshop.id)
    return list(db.session.scalars(tallied.union(collected)))


def workshop_votes_by_proposal(
    cycle: Cycle, proposal_ids: list[int] | None = None
) -> dict[int, tuple[int, int]]:
    """{proposal id: (dot votes at the cycle's workshops, number of workshops)} in one query,
    for every proposal of the cycle or only for `proposal_ids` (a page of them: the
    cost of a page then does not grow with the cycle).

    A workshop counts for a proposal when its tally lists the proposal, even with
    0 votes (it was on the wall and got no dots). Proposals that no workshop
    tallied are absent. These votes are never part of `Proposal.support_count`.
    """
    query = _tallies(cycle)
    if proposal_ids is not None:
        query = query.where(WorkshopTally.proposal_id.in_(proposal_ids))
    rows = db.session.execute(query)
    return {
        proposal_id: (int(votes), int(workshops)) for proposal_id, votes, workshops in rows.all()
    }


def _tallies(cycle: Cycle):
    return (
        select(
            WorkshopTally.proposal_id,
            func.sum(WorkshopTally.votes).label("votes"),
            func.count(WorkshopTally.workshop_id).label("workshops"),
        )
        .join(Workshop, Workshop.id == WorkshopTally.workshop_id)
        .where(Workshop.cycle_id == cycle.id)
        .group_by(WorkshopTally.proposal_id)
    )


def tallies_of(cycle: Cycle):
    """workshop_votes_by_proposal as a subquery (proposal_id, votes, workshops), for a
    statement to join: the result's ranking."""
    return _tallies(cycle).subquery()


def get_workshop_votes(proposal: Proposal) -> tuple[int, int]:
    """(dot votes, number of workshops) for one proposal; (0, 0) when none tallied it."""
    votes, workshops = db.session.execute(
        select(func.coalesce(func.sum(WorkshopTally.votes), 0), func.count(WorkshopTally.id)).where(
            WorkshopTally.proposal_id == proposal.id
        )
    ).one()
    return int(votes), int(workshops)


def summarise_codes(arena: Arena, now) -> list[tuple[Workshop | None, int, int, int]]:
    """(workshop or None for the whole arena, codes, redeemed, still usable for a first
    redeem) per workshop, in one query; never the codes themselves."""
    rows = db.session.execute(
        select(
            AccessCode.workshop_id,
            func.count(AccessCode.id),
            func.count(AccessCode.redeemed_at),
            func.sum(
                case(
                    ((AccessCode.redeemed_at.is_(None) & (AccessCode.expires_at > now)), 1), else_=0
                )
            ),
        )
        .where(AccessCode.arena_id == arena.id)
        .group_by(AccessCode.workshop_id)
    ).all()
    workshops = {w.id: w for w in list_workshops(arena)} if rows else {}
    summary = [
        (workshops.get(wid), int(total), int(used), int(open_)) for wid, total, used, open_ in rows
    ]
    return sorted(
        summary,
        key=lambda row: (row[0] is not None, -(row[0].held_at.timestamp()) if row[0] else 0),
    )
