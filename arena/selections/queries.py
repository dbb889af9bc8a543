"""Read-only queries for a cycle's result and for undoing a selection."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import selectinload

from arena.arenas.models import Cycle
from arena.commitments.models import Commitment, CommitmentStatus, commitment_proposals
from arena.commitments.queries import commitments_by_proposal
from arena.extensions import db
from arena.proposals.models import Proposal, ProposalStatus
from arena.workshops.models import Workshop, WorkshopTally
from arena.workshops.queries import workshop_votes_by_proposal

RANKED_STATUSES = (ProposalStatus.PUBLISHED, ProposalStatus.SELECTED, ProposalStatus.NOT_SELECTED)


@dataclass(frozen=True)
class ResultRow:
    """One ranked proposal. Online supports and workshop votes stay apart; only the
    total adds them, and the table shows all three."""

    rank: int
    proposal: Proposal
    online_supports: int
    workshop_votes: int
    workshop_count: int  # how many workshops tallied this proposal
    commitment: Commitment | None

    @property
    def total(self) -> int:
        return self.online_supports + self.workshop_votes


@dataclass
class Results:
    rows: list[ResultRow] = field(default_factory=list)
    merged: list[Proposal] = field(default_factory=list)
    hidden: list[Proposal] = field(default_factory=list)
    workshop_count: int = 0  # workshops of the cycle whose dot votes are counted


def get_results(cycle: Cycle) -> Results:
    """The cycle's proposals ranked by online supports plus workshop votes.

    Hidden, merged and withdrawn proposals are not ranked: merged ones are
    listed with the proposal they joined, hidden ones with their public reason.
    Equal totals share a rank (1, 2, 2, 4); within a tie, more online supports
    and then the older proposal come first.
    """
    proposals = list(
        db.session.scalars(
            select(Proposal)
            .where(Proposal.cycle_id == cycle.id)
            .options(selectinload(Proposal.merged_into), selectinload(Proposal.theme))
        )
    )
    votes = workshop_votes_by_proposal(cycle)
    ranked = [p for p in proposals if not p.is_hidden and p.status in RANKED_STATUSES]
    commitments = commitments_by_proposal([p.id for p in ranked])

    def total(p: Proposal) -> int:
        return p.support_count + votes.get(p.id, (0, 0))[0]

    ranked.sort(key=lambda p: (-total(p), -p.support_count, p.created_at, p.id))
    rows: list[ResultRow] = []
    for position, proposal in enumerate(ranked, start=1):
        rank = rows[-1].rank if rows and rows[-1].total == total(proposal) else position
        workshop_votes, workshop_count = votes.get(proposal.id, (0, 0))
        rows.append(
            ResultRow(
                rank=rank,
                proposal=proposal,
                online_supports=proposal.support_count,
                workshop_votes=workshop_votes,
                workshop_count=workshop_count,
                commitment=commitments.get(proposal.id),
            )
        )
    return Results(
        rows=rows,
        merged=sorted(
            (p for p in proposals if not p.is_hidden and p.status == ProposalStatus.MERGED),
            key=lambda p: p.id,
        ),
        hidden=sorted((p for p in proposals if p.is_hidden), key=lambda p: p.id),
        workshop_count=count_tallied_workshops(cycle),
    )


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
