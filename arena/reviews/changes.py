"""Changing a yearly review's decision, until the arena's next cycle starts.

The old decision's effects are taken back first (next year's version, which has not
started, is removed; an offer nobody has adopted is withdrawn), then the new decision
is made as a review would make it. The change and its reason go to the audit log, with
the old decision, in the same transaction.
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import delete, select

from arena.audit import services as audit
from arena.commitments.models import Commitment, Indicator, Pledge
from arena.commitments.services import refuse_if
from arena.core.errors import ActionRefused
from arena.core.permissions import is_facilitator_of
from arena.extensions import db
from arena.following import notices
from arena.following.models import NoticeKind
from arena.reviews import queries, rules
from arena.reviews.models import Review, ReviewOutcome
from arena.reviews.services import STATUS_AFTER, check_review_input, tell_followers
from arena.reviews.versions import create_next_version


def ensure_can_change_review(user, commitment: Commitment, *, now: datetime) -> None:
    """403 for others; 409 for facilitators once the next cycle has started."""
    next_cycle = queries.next_cycle_of(commitment.cycle)
    reason = rules.why_not_change_review(user, commitment, next_cycle, now=now)
    refuse_if(reason, moot=is_facilitator_of(user, commitment.arena))


def _take_back_next_version(commitment: Commitment) -> None:
    """Remove next year's version; refused once someone has joined it or reported on it."""
    version = queries.next_version_of(commitment)
    if version is None:
        return
    pledged = db.session.scalar(select(Pledge.id).where(Pledge.commitment_id == version.id))
    if version.check_ins or pledged is not None or version.review is not None:
        raise ActionRefused(
            _("Next year's version already has check-ins or people who joined it."), 409
        )
    db.session.execute(delete(Indicator).where(Indicator.commitment_id == version.id))
    db.session.delete(version)
    db.session.flush()


def _take_back(commitment: Commitment, review: Review) -> None:
    if review.outcome == ReviewOutcome.SCALE_UP:
        adopted = db.session.scalar(select(Commitment).where(Commitment.origin_id == commitment.id))
        if adopted is not None:
            raise ActionRefused(
                _("%(arena)s has already adopted this commitment.", arena=adopted.arena.name),
                409,
            )
    _take_back_next_version(commitment)


def change_review(
    actor,
    commitment: Commitment,
    *,
    now: datetime,
    reason: str,
    outcome: str,
    rationale: str,
    measured_result: str | None = None,
    lessons: str = "",
    title: str | None = None,
    description: str | None = None,
    changes: str = "",
    targets: dict[int, float | None] | None = None,
) -> Review:
    """Decide again, saying why the decision changes (`reason`, for the audit log)."""
    ensure_can_change_review(actor, commitment, now=now)
    if not (reason or "").strip():
        raise ActionRefused(problems={"reason": _("Say why the decision changes.")}, status=400)
    outcome = check_review_input(commitment, outcome, rationale, lessons, changes, title, targets)
    review = commitment.review
    before = {"outcome": review.outcome, "rationale": review.rationale}
    _take_back(commitment, review)
    next_version = None
    if outcome in (ReviewOutcome.CONTINUE, ReviewOutcome.REVISE):
        next_version = create_next_version(
            actor,
            commitment,
            now=now,
            revise=outcome == ReviewOutcome.REVISE,
            title=title,
            description=description,
            changes=changes,
            targets=targets,
        )
    review.outcome = outcome
    review.rationale = rationale
    review.measured_result = (
        queries.measured_result_text(commitment) if measured_result is None else measured_result
    )
    review.lessons = lessons
    review.decided_by_id = getattr(actor, "id", None)
    review.decided_at = now
    commitment.status = STATUS_AFTER[outcome]
    db.session.flush()
    audit.record(
        actor,
        "commitment.review_change",
        arena=commitment.arena,
        target=commitment,
        reason=reason.strip(),
        outcome=str(outcome),
        previous_outcome=before["outcome"],
        previous_rationale=before["rationale"],
        rationale=rationale,
        next_commitment_id=next_version.id if next_version else None,
    )
    _tell_the_change(actor, commitment, outcome, rationale, next_version, now=now)
    return review


def _tell_the_change(actor, commitment, outcome, rationale, next_version, *, now) -> None:
    """What the old decision told and no mail has carried yet is taken back (its next
    version is gone too); the followers are told the new decision as after a review."""
    notices.withdraw(
        [NoticeKind.REVIEWED, NoticeKind.NEW_VERSION], now=now, commitment_id=commitment.id
    )
    tell_followers(actor, commitment, outcome, rationale, next_version, now=now)
