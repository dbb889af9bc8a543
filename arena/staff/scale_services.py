"""Recommending a scaled-up commitment for the whole city, and withdrawing that.

Only city staff and administrators, only for a commitment whose review says
"scale up", one recommendation per commitment. Each change is in the audit log
of the commitment's arena, in the same transaction.
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from arena.audit import services as audit
from arena.core.errors import ActionRefused
from arena.extensions import db
from arena.staff import rules
from arena.staff.scale_models import MAX_NOTE, CityRecommendation
from arena.staff.sources import Commitment, ReviewOutcome


def is_ready_to_scale(commitment: Commitment) -> bool:
    review = commitment.review
    return review is not None and review.outcome == ReviewOutcome.SCALE_UP


def get_recommendation(commitment: Commitment) -> CityRecommendation | None:
    return db.session.scalar(
        select(CityRecommendation).where(CityRecommendation.commitment_id == commitment.id)
    )


def ensure_can_recommend(user, commitment: Commitment) -> None:
    """Staff only (403), and only a commitment on the ready-to-scale list (404)."""
    reason = rules.why_not_use_staff_area(user)
    if reason:
        raise ActionRefused(reason)
    if not is_ready_to_scale(commitment):
        raise ActionRefused(
            _("Only a commitment whose review says “scale up” can be recommended."), status=404
        )


def recommend(user, commitment: Commitment, *, note: str, now: datetime) -> CityRecommendation:
    ensure_can_recommend(user, commitment)
    note = (note or "").strip()
    if not note:
        raise ActionRefused(
            problems={"note": _("Write why the whole city should take it up.")}, status=400
        )
    if len(note) > MAX_NOTE:
        raise ActionRefused(
            problems={"note": _("Write at most %(max)d characters.", max=MAX_NOTE)}, status=400
        )
    if get_recommendation(commitment) is not None:
        raise ActionRefused(_("It is already recommended for the whole city."), status=409)
    recommendation = CityRecommendation(
        commitment_id=commitment.id, note=note, recommended_by_id=user.id, recommended_at=now
    )
    try:
        with db.session.begin_nested():
            db.session.add(recommendation)
    except IntegrityError:  # someone else recommended it a moment ago
        raise ActionRefused(
            _("It is already recommended for the whole city."), status=409
        ) from None
    _log(user, "commitment.recommend_city", commitment, note)
    return recommendation


def withdraw(user, commitment: Commitment, *, now: datetime) -> None:
    ensure_can_recommend(user, commitment)
    recommendation = get_recommendation(commitment)
    if recommendation is None:
        raise ActionRefused(_("It is not recommended for the whole city any more."), status=409)
    db.session.delete(recommendation)
    db.session.flush()
    _log(user, "commitment.withdraw_city_recommendation", commitment, recommendation.note)


def _log(user, action: str, commitment: Commitment, note: str) -> None:
    """In the audit log of the commitment's arena, with the note as the reason."""
    audit.record(user, action, arena=commitment.arena, target=commitment, reason=note)
