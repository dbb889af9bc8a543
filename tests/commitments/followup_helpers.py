"""Building commitments with owners, indicators and values for the follow-up tests."""

from datetime import date, timedelta

from arena.commitments.models import (
    CheckIn,
    Commitment,
    CommitmentStatus,
    Indicator,
    IndicatorValue,
)
from arena.core.time import utcnow
from arena.extensions import db


def make_commitment(
    make,
    arena,
    *,
    phase="testing",
    status=CommitmentStatus.ACTIVE,
    owner=None,
    organisation=None,
    title="Cykla till skolan",
    cycle=None,
) -> Commitment:
    cycle = cycle or make.cycle(arena, phase=phase)
    commitment = Commitment(
        arena=arena,
        cycle=cycle,
        title=title,
        description="Vi cyklar.",
        status=status,
        owner_users=[owner] if owner else [],
        owner_organisations=[organisation] if organisation else [],
    )
    db.session.add(commitment)
    db.session.commit()
    return commitment


def add_indicator(commitment, *, name="Cykelturer", direction="up", baseline=10.0, target=20.0):
    today = utcnow().date()
    indicator = Indicator(
        commitment=commitment,
        name=name,
        unit="turer",
        direction=direction,
        baseline_value=baseline,
        baseline_on=today - timedelta(days=300),
        target_value=target,
        target_on=today + timedelta(days=100),
    )
    db.session.add(indicator)
    db.session.commit()
    return indicator


def add_value(commitment, indicator, value, *, author, on: date | None = None) -> CheckIn:
    check_in = CheckIn(
        commitment=commitment,
        author=author,
        reported_on=on or utcnow().date(),
        values=[IndicatorValue(indicator=indicator, value=value)],
    )
    db.session.add(check_in)
    db.session.commit()
    return check_in
