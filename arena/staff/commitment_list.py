"""The commitments of one arena's cycle, for the staff: the list behind the numbers of
the side-by-side page (by status, and which are overdue for a check-in, by that page's
rule)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, func, select

from arena.core.time import local_day
from arena.extensions import db
from arena.staff.compare import FOLLOWED_PHASES, UNDECIDED, is_overdue
from arena.staff.sources import (
    CheckIn,
    Commitment,
    Cycle,
    Indicator,
    overdue_commitment_ids,
    phase_at,
)


@dataclass(frozen=True)
class CommitmentRow:
    commitment: Commitment
    indicators: int
    last_check_in: date | None
    is_overdue: bool


def list_commitment_rows(cycle: Cycle, now: datetime, *, status: str | None = None):
    """The cycle's commitments, by title, each with its indicators, its latest check-in
    and whether it is overdue; `status` narrows the list to one status."""
    indicators = (
        select(Indicator.commitment_id, func.count(Indicator.id).label("n"))
        .group_by(Indicator.commitment_id)
        .subquery()
    )
    latest = (
        select(CheckIn.commitment_id, func.max(CheckIn.reported_on).label("on"))
        .where(CheckIn.hidden_at.is_(None))
        .group_by(CheckIn.commitment_id)
        .subquery()
    )
    query = (
        select(Commitment, func.coalesce(indicators.c.n, 0), latest.c.on)
        .outerjoin(indicators, indicators.c.commitment_id == Commitment.id)
        .outerjoin(latest, and_(latest.c.commitment_id == Commitment.id))
        .where(Commitment.cycle_id == cycle.id)
        .order_by(Commitment.title, Commitment.id)
    )
    if status:
        query = query.where(Commitment.status == status)
    followed = phase_at(cycle, now) in FOLLOWED_PHASES
    today = local_day(now)
    late_values = overdue_commitment_ids(now, cycle_ids=[cycle.id]) if followed else set()
    return [
        CommitmentRow(
            commitment,
            count,
            last_on,
            followed
            and commitment.status in UNDECIDED
            and (
                commitment.id in late_values
                or is_overdue(cycle, commitment.check_in_interval_days, last_on, today)
            ),
        )
        for commitment, count, last_on in db.session.execute(query)
    ]
