"""The two scheduled jobs: phase notices and mail digests.

Both are safe to run on several machines at once and to run again: each piece of
work is claimed by inserting a row under a unique constraint (INSERT … ON CONFLICT
DO NOTHING), and only the run whose row went in does it. On PostgreSQL a second
run waits for the first one's transaction and then finds the row taken.

    flask --app arena following phase-notices   # every hour (or more often)
    flask --app arena following digests         # once a day, in the morning
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update

from arena.accounts.models import User
from arena.accounts.rules import has_confirmed_address
from arena.arenas.models import Cycle
from arena.arenas.phases import PHASE_STARTS
from arena.core.database import insert_ignoring_duplicates
from arena.core.time import local_day
from arena.extensions import db
from arena.following import mails, notices
from arena.following.models import (
    DEFAULT_FREQUENCY,
    DEFAULT_WEEKDAY,
    DigestClaim,
    MailFrequency,
    Notice,
    NoticeSetting,
    PhaseNoticeClaim,
)
from arena.following.queries import not_about_hidden

# Phase boundaries passed this long ago are still told (the job may have been down);
# older ones are history, not news.
PHASE_LOOKBACK = timedelta(days=3)
# A digest tells what is new since the last one; older unmailed notices (say from
# before the person chose a digest) are left on the site.
DIGEST_REACH = timedelta(days=8)


def make_phase_notices(now: datetime, lookback: timedelta = PHASE_LOOKBACK) -> int:
    """Tell each followed arena's followers about every phase that opened within
    `lookback` before `now`, once per (cycle, phase); returns how many notices."""
    since = now - lookback
    columns = [getattr(Cycle, name) for _phase, name in PHASE_STARTS]
    cycles = db.session.scalars(
        select(Cycle)
        .where(or_(*((column > since) & (column <= now) for column in columns)))
        .order_by(Cycle.id)
    ).all()
    made = 0
    for cycle in cycles:
        for phase, name in PHASE_STARTS:
            at = getattr(cycle, name)
            if not since < at <= now:
                continue
            if insert_ignoring_duplicates(
                PhaseNoticeClaim, cycle_id=cycle.id, phase=str(phase), claimed_at=now
            ):
                made += notices.tell_arena_followers(cycle.arena_id, str(phase), now=now)
    return made


@dataclass
class DigestReport:
    daily: int = 0
    weekly: int = 0


def _waiting(now: datetime):
    """(user, frequency, weekday) of the people with notices not yet mailed."""
    has_waiting = (
        select(Notice.user_id)
        .where(
            Notice.mailed_at.is_(None),
            Notice.created_at <= now,
            Notice.created_at > now - DIGEST_REACH,
            not_about_hidden(),
        )
        .distinct()
    )
    return db.session.execute(
        select(User, NoticeSetting.frequency, NoticeSetting.weekday)
        .outerjoin(NoticeSetting, NoticeSetting.user_id == User.id)
        .where(User.id.in_(has_waiting), User.deleted_at.is_(None))
        .order_by(User.id)
    ).all()


def _period(frequency: str, weekday: int, now: datetime) -> str | None:
    day = local_day(now)
    if frequency == MailFrequency.WEEKLY:
        if day.weekday() != weekday:
            return None
        year, week, _ = day.isocalendar()
        return f"week {year}-W{week:02d}"
    if frequency in (MailFrequency.DAILY, MailFrequency.IMMEDIATELY):
        return f"day {day.isoformat()}"
    return None


def _claim_notices(user_id: int, now: datetime) -> list[Notice]:
    found = db.session.scalars(
        select(Notice)
        .where(
            Notice.user_id == user_id,
            Notice.mailed_at.is_(None),
            Notice.created_at <= now,
            Notice.created_at > now - DIGEST_REACH,
            not_about_hidden(),
        )
        .order_by(Notice.created_at.desc(), Notice.id.desc())
    ).all()
    if not found:
        return []
    db.session.execute(
        update(Notice)
        .where(Notice.id.in_([n.id for n in found]), Notice.mailed_at.is_(None))
        .values(mailed_at=now)
        .execution_options(synchronize_session=False)
    )
    return found


def send_digests(now: datetime) -> DigestReport:
    """Queue one digest per person who wants one today and has notices waiting:
    daily ones every day, weekly ones on the person's day. Each (person, day or
    week) is claimed once, so running it twice, or on two machines, mails once."""
    report = DigestReport()
    for user, frequency, weekday in _waiting(now):
        frequency = frequency or str(DEFAULT_FREQUENCY)
        weekday = DEFAULT_WEEKDAY if weekday is None else weekday
        period = _period(frequency, weekday, now)
        if period is None:
            continue
        if not insert_ignoring_duplicates(
            DigestClaim, user_id=user.id, period=period, claimed_at=now
        ):
            continue
        waiting = _claim_notices(user.id, now)
        if not waiting or not has_confirmed_address(user):
            continue
        mails.queue_digest_mail(user, waiting, weekly=frequency == MailFrequency.WEEKLY)
        if frequency == MailFrequency.WEEKLY:
            report.weekly += 1
        else:
            report.daily += 1
    db.session.flush()
    return report
