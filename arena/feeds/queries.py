"""What changed in an arena, newest first, for its Atom feed: new commitments (a new
version of one or one adopted from another arena said so), proposals merged into
others, the selection of proposals, check-ins, review outcomes, and the arena's
commitments adopted in other arenas.

Hidden proposals and check-ins are left out (a feed is read elsewhere, where a
placeholder would say nothing); so is a merge when either proposal is hidden. Each
kind is read newest first and at most LIMIT of it, so the feed takes a fixed handful
of queries whatever the arena's size.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import aliased, joinedload

from arena.arenas.models import Arena, Cycle
from arena.audit.models import AuditEntry
from arena.commitments.models import CheckIn, Commitment
from arena.extensions import db
from arena.proposals.models import Proposal, ProposalStatus
from arena.reviews.models import Review

LIMIT = 50


@dataclass(frozen=True)
class Change:
    # "commitment", "version", "adoption", "adopted_elsewhere", "merge", "selection",
    # "check_in", "review"
    kind: str
    key: str  # stable within the site: the entry's id is made from it
    at: datetime
    item: object
    commitment: Commitment | None = None
    # The proposal merged into, or the commitment adopted from.
    other: object = None


def _commitment_kind(commitment: Commitment) -> str:
    if commitment.previous_id is not None:
        return "version"
    return "adoption" if commitment.origin_id is not None else "commitment"


def _commitments(arena: Arena):
    rows = db.session.scalars(
        select(Commitment)
        .where(Commitment.arena_id == arena.id)
        .options(
            joinedload(Commitment.cycle),
            joinedload(Commitment.previous).joinedload(Commitment.cycle),
            joinedload(Commitment.origin).joinedload(Commitment.arena),
        )
        .order_by(Commitment.created_at.desc(), Commitment.id.desc())
        .limit(LIMIT)
    )
    return [Change(_commitment_kind(c), f"commitment-{c.id}", c.created_at, c, c) for c in rows]


def _adopted_elsewhere(arena: Arena):
    """The arena's commitments taken up by other arenas: news for this arena too."""
    origin = aliased(Commitment)
    rows = db.session.execute(
        select(Commitment, origin)
        .join(origin, origin.id == Commitment.origin_id)
        .where(origin.arena_id == arena.id, Commitment.arena_id != arena.id)
        .options(joinedload(Commitment.arena))
        .order_by(Commitment.created_at.desc(), Commitment.id.desc())
        .limit(LIMIT)
    )
    return [
        Change("adopted_elsewhere", f"commitment-{c.id}-adopted", c.created_at, c, c, o)
        for c, o in rows
    ]


def _merges(arena: Arena):
    """Duplicates merged into another proposal, when both are visible; the moment is
    the merge's audit row (the duplicate's last change when there is none)."""
    target = aliased(Proposal)
    merged_at = (
        select(AuditEntry.target_id, func.max(AuditEntry.created_at).label("at"))
        .where(
            AuditEntry.arena_id == arena.id,
            AuditEntry.action == "proposal.merge",
            AuditEntry.target_type == "proposal",
        )
        .group_by(AuditEntry.target_id)
        .subquery()
    )
    at = func.coalesce(merged_at.c.at, Proposal.updated_at)
    rows = db.session.execute(
        select(Proposal, target, at)
        .join(Cycle, Cycle.id == Proposal.cycle_id)
        .join(target, target.id == Proposal.merged_into_id)
        .outerjoin(merged_at, merged_at.c.target_id == Proposal.id)
        .where(
            Cycle.arena_id == arena.id,
            Proposal.status == ProposalStatus.MERGED,
            Proposal.hidden_at.is_(None),
            target.hidden_at.is_(None),
        )
        .order_by(at.desc(), Proposal.id.desc())
        .limit(LIMIT)
    )
    return [
        Change("merge", f"proposal-{p.id}-merge", when, p, other=into) for p, into, when in rows
    ]


def _selections(arena: Arena):
    rows = db.session.scalars(
        select(Proposal)
        .join(Cycle, Cycle.id == Proposal.cycle_id)
        .where(
            Cycle.arena_id == arena.id,
            Proposal.status.in_((ProposalStatus.SELECTED, ProposalStatus.NOT_SELECTED)),
            Proposal.decided_at.is_not(None),
            Proposal.hidden_at.is_(None),
        )
        .order_by(Proposal.decided_at.desc(), Proposal.id.desc())
        .limit(LIMIT)
    )
    return [Change("selection", f"proposal-{p.id}-decision", p.decided_at, p) for p in rows]


def _check_ins(arena: Arena):
    rows = db.session.execute(
        select(CheckIn, Commitment)
        .join(Commitment, Commitment.id == CheckIn.commitment_id)
        .where(Commitment.arena_id == arena.id, CheckIn.hidden_at.is_(None))
        .order_by(CheckIn.created_at.desc(), CheckIn.id.desc())
        .limit(LIMIT)
    )
    return [Change("check_in", f"check-in-{c.id}", c.created_at, c, m) for c, m in rows]


def _reviews(arena: Arena):
    rows = db.session.execute(
        select(Review, Commitment)
        .join(Commitment, Commitment.id == Review.commitment_id)
        .where(Commitment.arena_id == arena.id)
        .order_by(Review.decided_at.desc(), Review.id.desc())
        .limit(LIMIT)
    )
    return [Change("review", f"review-{r.id}", r.decided_at, r, m) for r, m in rows]


def list_changes(arena: Arena) -> list[Change]:
    """The arena's LIMIT latest changes of every kind together, newest first."""
    changes = [
        *_commitments(arena),
        *_adopted_elsewhere(arena),
        *_merges(arena),
        *_selections(arena),
        *_check_ins(arena),
        *_reviews(arena),
    ]
    changes.sort(key=lambda c: (c.at, c.key), reverse=True)
    return changes[:LIMIT]
