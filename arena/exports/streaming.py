"""Reading rows without loading a whole table: every table builder goes through here."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import Select, func, select

from arena.exports.sources import Proposal, Support, Workshop, WorkshopTally
from arena.extensions import db

BATCH = 1000


def stream(query: Select) -> Iterator:
    """The query's rows, fetched from the database in batches of BATCH."""
    result = db.session.execute(query.execution_options(yield_per=BATCH))
    try:
        yield from result
    finally:
        result.close()


def support_totals(cycle_ids: list[int]):
    """(proposal_id, supports) counted from the support rows: one row per proposal."""
    return (
        select(Support.proposal_id.label("proposal_id"), func.count(Support.id).label("supports"))
        .join(Proposal, Proposal.id == Support.proposal_id)
        .where(Proposal.cycle_id.in_(cycle_ids))
        .group_by(Support.proposal_id)
        .subquery()
    )


def workshop_totals(cycle_ids: list[int]):
    """(proposal_id, dot votes, workshops that tallied it): one row per proposal."""
    return (
        select(
            WorkshopTally.proposal_id.label("proposal_id"),
            func.sum(WorkshopTally.votes).label("votes"),
            func.count(WorkshopTally.workshop_id).label("workshops"),
        )
        .join(Workshop, Workshop.id == WorkshopTally.workshop_id)
        .where(Workshop.cycle_id.in_(cycle_ids))
        .group_by(WorkshopTally.proposal_id)
        .subquery()
    )
