"""What changed in an arena, newest first, for its Atom feed: new commitments, the
selection of proposals, check-ins and review outcomes.

Hidden proposals and check-ins are left out (a feed is read elsewhere, where a
placeholder would say nothing). Each kind is read newest first and at most LIMIT of
it, so the feed takes four queries whatever the arena's size.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from arena.arenas.models import Arena, Cycle
from arena.commitments.models import CheckIn, Commitment
from arena.extensions import db
from arena.proposals.models import Proposal, ProposalStatus
from arena.reviews.models import Review

LIMIT = 50


@dataclass(frozen=True)
class Change:
    kind: str  # "commitment", "selection", "check_in", "review"
    key: str  # stable within the site: the entry's id is made from it
    at: datetime
    item: object
    commitment: Commitment | None = None


def _commitments(arena: Arena):
    rows = db.session.scalars(
        select(Commitment)
        .where(Commitment.arena_id == arena.id)
        .options(joinedload(Commitment.cycle))
        .order_by(Commitment.created_at.desc(), Commitment.id.desc())
        .limit(LIMIT)
    )
    return [Change("commitment", f"commitment-{c.id}", c.created_at, c, c) for c in rows]


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
    changes = _commitments(arena) + _selections(arena) + _check_ins(arena) + _reviews(arena)
    changes.sort(key=lambda c: (c.at, c.key), reverse=True)
    return changes[:LIMIT]
