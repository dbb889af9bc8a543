"""The story of a proposal and of a commitment: one timeline, oldest first, from the
idea through voting, the selection, the commitment, its check-ins and its review, to
its new versions and the arenas that adopted it.

Rules the story follows:
- Support counts and workshop votes appear only once voting has closed, as everywhere.
- A hidden proposal or check-in keeps its place as a placeholder with its public reason.
- A proposal written on paper at a workshop, or brought in from Decidim, has no author:
  the story names the workshop or the platform instead.
- Only what has happened is told; a phase still to come is not.

The whole story takes a fixed handful of queries, whatever its length (no query per
event): the proposals, their workshop votes and merges, the commitment's check-ins,
its review and its neighbours in the lineage are each read once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from arena.arenas.phases import results_are_public
from arena.audit.models import AuditEntry
from arena.commitments.models import CheckIn, Commitment, commitment_proposals
from arena.commitments.queries import commitments_by_proposal
from arena.core.time import local_day
from arena.extensions import db
from arena.proposals.models import Proposal, ProposalStatus
from arena.reviews.models import Review
from arena.workshops.models import WorkshopTally

# Within one day, events keep the order in which they happen in a cycle.
ORDER = (
    "proposed",
    "merged_in",
    "merged",
    "voting_open",
    "voting_closed",
    "decided",
    "committed",
    "continues",
    "adopted_from",
    "testing",
    "check_in",
    "review",
    "new_version",
    "adopted_in",
)


@dataclass(frozen=True)
class Event:
    kind: str
    at: datetime | date
    item: Any = None  # the proposal, commitment, check-in or review the event is about
    details: dict = field(default_factory=dict)

    @property
    def day(self) -> date:
        return local_day(self.at) if isinstance(self.at, datetime) else self.at

    @property
    def is_hidden(self) -> bool:
        return bool(getattr(self.item, "is_hidden", False))


@dataclass
class Story:
    events: list[Event]
    proposals: list[Proposal]
    commitment: Commitment | None


def _sorted(events: list[Event]) -> list[Event]:
    return sorted(events, key=lambda e: (e.day, ORDER.index(e.kind)))


def _load_proposals(ids) -> list[Proposal]:
    return list(
        db.session.scalars(
            select(Proposal)
            .where(Proposal.id.in_(ids))
            # Joined, not selected in: a query of their own would run only when some
            # proposal has one, so the count of statements would depend on the data.
            .options(
                joinedload(Proposal.author),
                joinedload(Proposal.organisation),
                joinedload(Proposal.workshop),
                joinedload(Proposal.cycle),
                joinedload(Proposal.merged_into),
            )
            .order_by(Proposal.created_at, Proposal.id)
        )
    )


def _workshop_votes(ids) -> dict[int, tuple[int, int]]:
    rows = db.session.execute(
        select(WorkshopTally.proposal_id, func.sum(WorkshopTally.votes), func.count())
        .where(WorkshopTally.proposal_id.in_(ids))
        .group_by(WorkshopTally.proposal_id)
    )
    return {pid: (int(votes or 0), int(count)) for pid, votes, count in rows}


def _merge_days(ids) -> dict[int, datetime]:
    """When each of these proposals was merged into another (from the audit log)."""
    rows = db.session.execute(
        select(AuditEntry.target_id, func.max(AuditEntry.created_at))
        .where(
            AuditEntry.action == "proposal.merge",
            AuditEntry.target_type == "proposal",
            AuditEntry.target_id.in_(ids),
        )
        .group_by(AuditEntry.target_id)
    )
    return dict(rows.all())


def _merged_into(ids) -> list[Proposal]:
    return list(
        db.session.scalars(
            select(Proposal)
            .where(Proposal.merged_into_id.in_(ids), Proposal.status == ProposalStatus.MERGED)
            .order_by(Proposal.created_at, Proposal.id)
        )
    )


def proposal_events(proposals: list[Proposal], now: datetime) -> list[Event]:
    """Each proposal's part: written, merged, voted on, selected or not."""
    ids = [p.id for p in proposals]
    if not ids:
        return []
    votes, duplicates = _workshop_votes(ids), _merged_into(ids)
    merged_at = _merge_days([p.id for p in proposals + duplicates])
    events = []
    for proposal in proposals:
        cycle = proposal.cycle
        events.append(Event("proposed", proposal.created_at, proposal))
        if proposal.status == ProposalStatus.MERGED and proposal.merged_into is not None:
            when = merged_at.get(proposal.id, proposal.updated_at)
            events.append(Event("merged", when, proposal, {"into": proposal.merged_into}))
            continue
        if cycle.voting_opens_at <= now < cycle.voting_closes_at:
            events.append(Event("voting_open", cycle.voting_opens_at, proposal, {"cycle": cycle}))
        elif results_are_public(cycle, now):
            workshop_votes, workshops = votes.get(proposal.id, (0, 0))
            details = {"workshop_votes": workshop_votes, "workshops": workshops}
            events.append(Event("voting_closed", cycle.voting_closes_at, proposal, details))
        if proposal.decided_at and proposal.status in (
            ProposalStatus.SELECTED,
            ProposalStatus.NOT_SELECTED,
        ):
            events.append(Event("decided", proposal.decided_at, proposal))
    for duplicate in duplicates:
        when = merged_at.get(duplicate.id, duplicate.updated_at)
        target = next(p for p in proposals if p.id == duplicate.merged_into_id)
        events.append(Event("merged_in", when, duplicate, {"into": target}))
    return events


def _neighbours(commitment: Commitment) -> list[Commitment]:
    """The commitments next to this one in its lineage: the one it continues or came
    from, its next version and its adoptions elsewhere, in one query."""
    near = [i for i in (commitment.previous_id, commitment.origin_id) if i is not None]
    return list(
        db.session.scalars(
            select(Commitment)
            .where(
                or_(
                    Commitment.id.in_(near),
                    Commitment.previous_id == commitment.id,
                    Commitment.origin_id == commitment.id,
                )
            )
            .options(selectinload(Commitment.arena), selectinload(Commitment.cycle))
            .order_by(Commitment.created_at, Commitment.id)
        )
    )


def _check_ins(commitment: Commitment) -> list[CheckIn]:
    return list(
        db.session.scalars(
            select(CheckIn)
            .where(CheckIn.commitment_id == commitment.id)
            .options(selectinload(CheckIn.values), joinedload(CheckIn.organisation))
            .order_by(CheckIn.reported_on, CheckIn.id)
        )
    )


def commitment_events(commitment: Commitment, now: datetime) -> list[Event]:
    """The commitment's part: made, tested, checked in on, reviewed, carried on."""
    events = [Event("committed", commitment.created_at, commitment)]
    for other in _neighbours(commitment):
        if other.id == commitment.previous_id:
            events.append(Event("continues", commitment.created_at, other))
        elif other.id == commitment.origin_id:
            events.append(Event("adopted_from", commitment.created_at, other))
        elif other.previous_id == commitment.id:
            events.append(Event("new_version", other.created_at, other))
        elif other.origin_id == commitment.id:
            events.append(Event("adopted_in", other.created_at, other))
    started = commitment.starts_on or commitment.cycle.testing_starts_at
    if (local_day(started) if isinstance(started, datetime) else started) <= local_day(now):
        events.append(Event("testing", started, commitment))
    events.extend(Event("check_in", c.reported_on, c) for c in _check_ins(commitment))
    review = db.session.scalar(select(Review).where(Review.commitment_id == commitment.id))
    if review is not None:
        events.append(Event("review", review.decided_at, review))
    return events


def proposal_story(proposal: Proposal, now: datetime) -> Story:
    """A proposal's story, carried on by the commitment it became (if any)."""
    [proposal] = _load_proposals([proposal.id])
    commitment = commitments_by_proposal([proposal.id]).get(proposal.id)
    events = proposal_events([proposal], now)
    if commitment is not None:
        events += commitment_events(commitment, now)
    return Story(_sorted(events), [proposal], commitment)


def commitment_story(commitment: Commitment, now: datetime) -> Story:
    """A commitment's story, from the proposals it was made of."""
    proposals = _load_proposals(
        select(commitment_proposals.c.proposal_id)
        .where(commitment_proposals.c.commitment_id == commitment.id)
        .scalar_subquery()
    )
    events = proposal_events(proposals, now) + commitment_events(commitment, now)
    return Story(_sorted(events), proposals, commitment)
