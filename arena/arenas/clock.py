"""The next moment a page changes by the clock alone, with nobody writing anything.

A cycle's phase is derived from its dates (arenas/phases.py), so pages change when
any cycle's next phase starts; and pages that count days ("the last day to vote is
…", a check-in due) change at local midnight. The page cache keeps no page past
`next_change_after(now)`.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select, union_all

from arena.arenas.models import Cycle
from arena.arenas.phases import PHASE_STARTS
from arena.core.time import local_day, start_of_day
from arena.extensions import db


def next_phase_start(now: datetime) -> datetime | None:
    """The earliest phase start of any cycle after `now` (one statement, on the
    indexes-free cycles table: a few rows per arena)."""
    starts = union_all(
        *(select(getattr(Cycle, attr).label("at")) for _phase, attr in PHASE_STARTS)
    ).subquery()
    return db.session.scalar(select(func.min(starts.c.at)).where(starts.c.at > now))


def next_midnight(now: datetime) -> datetime:
    return start_of_day(local_day(now) + timedelta(days=1))


def next_change_after(now: datetime) -> datetime:
    start = next_phase_start(now)
    midnight = next_midnight(now)
    return min(start, midnight) if start is not None else midnight
