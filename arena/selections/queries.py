"""Read-only queries for undoing a selection, and the workshops a result counts (the
result itself: results.py)."""

from __future__ import annotations

from sqlalchemy import distinct, func, select

from arena.arenas.models import Cycle
from arena.commitments.models import Commitment, CommitmentStatus, commitment_proposals
from arena.extensions import db
from arena.proposals.models import Proposal
from arena.workshops.models import Workshop, WorkshopTally


def count_tallied_workshops(cycle: Cycle) -> int:
    """Workshops of the cycle that recorded dot votes: the source of the workshop column."""
    return db.session.scalar(
        select(func.count(distinct(Workshop.id)))
        .join(WorkshopTally, WorkshopTally.workshop_id == Workshop.id)
        .where(Workshop.cycle_id == cycle.id)
    )


def list_commitments_of(proposal: Proposal) -> list[Commitment]:
    return list(
        db.session.scalars(
            select(Commitment)
            .join(commitment_proposals, commitment_proposals.c.commitment_id == Commitment.id)
            .where(commitment_proposals.c.proposal_id == proposal.id)
        )
    )


# Rows written with the commitment when it was created from a proposal: they describe
# it, and go with it when a selection is undone.
OWN_TABLES = frozenset(
    {
        "commitment_owner_users",
        "commitment_owner_organisations",
        "commitment_themes",
        "commitment_co_benefits",
    }
)


def has_attachments(commitment: Commitment) -> bool:
    """Whether anything has been added to the commitment since it was created.

    That is: it has moved on from "planned", more than its one proposal is
    linked to it, or any row anywhere refers to it (a later version, a copy in
    another arena, and the follow-up rows — indicators, check-ins, pledges,
    reviews — as soon as those tables exist: every foreign key to `commitments`
    is looked at, so new follow-up tables are covered without changing this).
    """
    if commitment.status != CommitmentStatus.PLANNED:
        return True
    linked = db.session.scalar(
        select(func.count())
        .select_from(commitment_proposals)
        .where(commitment_proposals.c.commitment_id == commitment.id)
    )
    if linked > 1:
        return True
    for table in db.metadata.sorted_tables:
        if table.name in OWN_TABLES or table.name == commitment_proposals.name:
            continue
        for foreign_key in table.foreign_keys:
            if foreign_key.column.table.name != Commitment.__tablename__:
                continue
            found = db.session.scalar(
                select(func.count()).select_from(table).where(foreign_key.parent == commitment.id)
            )
            if found:
                return True
    return False
