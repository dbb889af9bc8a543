"""Builders for the review, adoption and lineage tests: commitments with indicators
and measured values, without going through selection."""

from datetime import date, timedelta

from sqlalchemy import func, select

from arena.audit.models import AuditEntry
from arena.commitments.models import (
    CheckIn,
    Commitment,
    CommitmentStatus,
    Indicator,
    IndicatorValue,
)
from arena.core.time import utcnow
from arena.extensions import db
from arena.reviews.models import Review

ROLES = (
    "anonymous",
    "resident",
    "facilitator",
    "facilitator_elsewhere",
    "staff",
    "admin",
)


def make_actor(make, role, arena, elsewhere):
    return {
        "anonymous": lambda: None,
        "resident": lambda: make.user(connected_to=arena),
        "facilitator": lambda: make.facilitator(arena),
        "facilitator_elsewhere": lambda: make.facilitator(elsewhere),
        "staff": lambda: make.user(is_staff=True),
        "admin": lambda: make.user(is_admin=True),
    }[role]()


def make_commitment(cycle, title="Mindre plast", status=CommitmentStatus.ACTIVE, **values):
    commitment = Commitment(
        arena_id=cycle.arena_id,
        cycle_id=cycle.id,
        title=title,
        description=values.pop("description", "Vi minskar plasten i Järva."),
        status=status,
        **values,
    )
    db.session.add(commitment)
    db.session.flush()
    return commitment


def add_indicator(
    commitment,
    name="Plastavfall",
    unit="kg",
    direction="down",
    baseline=100.0,
    target=60.0,
    baseline_on=None,
    target_on=None,
):
    today = utcnow().date()
    indicator = Indicator(
        commitment=commitment,
        name=name,
        unit=unit,
        direction=direction,
        baseline_value=baseline,
        baseline_on=baseline_on or today - timedelta(days=300),
        target_value=target,
        target_on=target_on or today + timedelta(days=30),
    )
    db.session.add(indicator)
    db.session.flush()
    return indicator


def measure(indicator, value, on: date, author, hidden=False):
    check_in = CheckIn(
        commitment_id=indicator.commitment_id,
        author_id=author.id,
        reported_on=on,
        hidden_at=utcnow() if hidden else None,
    )
    check_in.values = [IndicatorValue(indicator=indicator, value=value)]
    db.session.add(check_in)
    db.session.flush()
    return check_in


def snapshot() -> dict:
    commitments = select(
        Commitment.id,
        Commitment.status,
        Commitment.previous_id,
        Commitment.origin_id,
        Commitment.arena_id,
    ).order_by(Commitment.id)
    return {
        "commitments": [tuple(r) for r in db.session.execute(commitments)],
        "indicators": db.session.scalar(select(func.count(Indicator.id))),
        "reviews": db.session.scalar(select(func.count(Review.id))),
        "audit": db.session.scalar(select(func.count(AuditEntry.id))),
    }
