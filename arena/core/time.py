"""One place to ask for the time and the local zone, so code and tests agree.

Instants are stored as aware UTC. People enter and read days and clock times in
the configured zone (`ARENA_TIMEZONE`, Flask-Babel's default time zone), which
`local_zone()` gives inside an app context and Stockholm's outside one.
"""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context

DEFAULT_ZONE = "Europe/Stockholm"


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(value: datetime) -> datetime:
    """Naive datetimes are taken as UTC; aware ones are converted."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def local_zone() -> ZoneInfo:
    """The zone days are entered and shown in: the one Flask-Babel formats with."""
    name = current_app.config.get("BABEL_DEFAULT_TIMEZONE") if has_app_context() else None
    return ZoneInfo(name or DEFAULT_ZONE)


def at_local_time(day: date, clock: time, zone: ZoneInfo | None = None) -> datetime:
    """`clock` on `day` in the local zone, as aware UTC."""
    return datetime.combine(day, clock, tzinfo=zone or local_zone()).astimezone(UTC)


def start_of_day(day: date, zone: ZoneInfo | None = None) -> datetime:
    """00:00 local time on `day`, as aware UTC."""
    return at_local_time(day, time(0, 0), zone)


def local_day(instant: datetime, zone: ZoneInfo | None = None) -> date:
    """The local calendar day `instant` falls on."""
    return as_utc(instant).astimezone(zone or local_zone()).date()


def one_year_later(day: date) -> date:
    """The same day next year; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)
