"""Which indicators are overdue for a value, and so which commitments are overdue.

The rule, in plain words:
- Only commitments that are being tested or reviewed (their cycle's phase takes
  check-ins) and not yet decided are followed.
- An indicator's value is expected once per reporting interval (weekly 7, monthly 30,
  quarterly 91, yearly 365 days), counted from its latest visible measured value or,
  without one, from the commitment's start (its start date, else the start of testing).
- The value is *overdue* once an interval and GRACE_DAYS more have passed. The due
  periods follow each other: with nothing reported, a monthly indicator is due again
  30 days later; each due period is named by the day it was due (`due_on`).
- A commitment is overdue when any of its indicators is.

A handful of queries for any number of commitments (no query per commitment).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select

from arena.arenas.models import Cycle
from arena.arenas.phases import Action, phase_allows
from arena.commitments.models import (
    OPEN_STATUSES,
    REPORTING_DAYS,
    CheckIn,
    CheckInKind,
    Commitment,
    Indicator,
    IndicatorValue,
    ReportingInterval,
)
from arena.core.time import local_day
from arena.extensions import db

GRACE_DAYS = 7


@dataclass(frozen=True)
class DueIndicator:
    indicator: Indicator
    commitment: Commitment
    last_on: date | None  # the latest measured value, None when never measured
    due_on: date  # the start of the due period it is overdue for


def interval_days(interval: str) -> int:
    try:
        return REPORTING_DAYS[ReportingInterval(interval)]
    except ValueError:
        return REPORTING_DAYS[ReportingInterval.MONTHLY]


def due_period(since: date, interval: str, today: date) -> date | None:
    """The day the latest overdue value was due, or None when nothing is overdue."""
    days = interval_days(interval)
    elapsed = (today - since).days
    if elapsed <= days + GRACE_DAYS:
        return None
    periods = (elapsed - GRACE_DAYS - 1) // days
    return since + timedelta(days=periods * days)


def start_of(commitment: Commitment, cycle: Cycle) -> date:
    return commitment.starts_on or local_day(cycle.testing_starts_at)


def _latest_values():
    return (
        select(IndicatorValue.indicator_id, func.max(CheckIn.reported_on).label("last_on"))
        .join(CheckIn, CheckIn.id == IndicatorValue.check_in_id)
        .where(CheckIn.hidden_at.is_(None), CheckIn.kind == CheckInKind.MEASUREMENT)
        .group_by(IndicatorValue.indicator_id)
        .subquery()
    )


def list_due_indicators(now: datetime, *, arena_ids=None, cycle_ids=None) -> list[DueIndicator]:
    """Every overdue indicator (of the given arenas or cycles, or of all), by commitment."""
    latest = _latest_values()
    query = (
        select(Indicator, Commitment, Cycle, latest.c.last_on)
        .join(Commitment, Commitment.id == Indicator.commitment_id)
        .join(Cycle, Cycle.id == Commitment.cycle_id)
        .outerjoin(latest, latest.c.indicator_id == Indicator.id)
        .where(
            Commitment.status.in_(OPEN_STATUSES),
            Cycle.testing_starts_at <= now,
            Cycle.closes_at > now,
        )
        .order_by(Commitment.id, Indicator.sort_order, Indicator.id)
    )
    if arena_ids is not None:
        query = query.where(Commitment.arena_id.in_(arena_ids))
    if cycle_ids is not None:
        query = query.where(Commitment.cycle_id.in_(cycle_ids))
    today = local_day(now)
    found = []
    for indicator, commitment, cycle, last_on in db.session.execute(query):
        if not phase_allows(cycle, Action.CHECK_IN, now):
            continue
        due_on = due_period(
            last_on or start_of(commitment, cycle), indicator.reporting_interval, today
        )
        if due_on is not None:
            found.append(DueIndicator(indicator, commitment, last_on, due_on))
    return found


@dataclass(frozen=True)
class OverdueCommitment:
    commitment: Commitment
    indicators: list[DueIndicator]

    @property
    def due_since(self) -> date:
        return min(d.due_on for d in self.indicators)


def list_overdue_commitments(now: datetime, *, arena_ids=None, cycle_ids=None):
    """The overdue commitments, longest overdue first, each with its overdue indicators."""
    grouped: dict[int, list[DueIndicator]] = defaultdict(list)
    for due in list_due_indicators(now, arena_ids=arena_ids, cycle_ids=cycle_ids):
        grouped[due.commitment.id].append(due)
    rows = [OverdueCommitment(items[0].commitment, items) for items in grouped.values()]
    return sorted(rows, key=lambda row: (row.due_since, row.commitment.title, row.commitment.id))


def count_overdue_by_cycle(cycle_ids, now: datetime) -> dict[int, int]:
    counted: dict[int, int] = defaultdict(int)
    for row in list_overdue_commitments(now, cycle_ids=cycle_ids):
        counted[row.commitment.cycle_id] += 1
    return counted


def overdue_commitment_ids(now: datetime, *, cycle_ids) -> set[int]:
    """Ids of the commitments of these cycles with an indicator overdue for a value."""
    return {due.commitment.id for due in list_due_indicators(now, cycle_ids=cycle_ids)}
