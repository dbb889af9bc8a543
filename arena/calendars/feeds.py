"""The iCalendar documents behind the feeds, built with the `icalendar` library.

A feed holds, per arena, the five working phases of the cycles people can still
plan for (the current cycle, later ones, and those that closed less than a year
ago) and the workshops of those cycles. Each phase is one event from its start to
the next phase's start; phases start at 00:00 local time, so a phase whose both
ends fall on local midnight is an all-day event, any other a timed one. Workshops
have no recorded end, so they are events at their start time.

Only what the public pages show goes in: names, dates, places, languages and
links. Workshops have no hidden or cancelled state; the public list shows them all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from flask_babel import gettext as _

from arena import i18n
from arena.arenas.models import Arena, Cycle
from arena.arenas.phases import PhaseSpan, timeline
from arena.arenas.queries import pick_current_cycle
from arena.core.time import as_utc, local_zone
from arena.mail.outbox import base_url, external_url
from arena.workshops.models import Workshop

# icalendar is imported where a feed is built: few workers ever serve one, and it costs
# each of them about 3 MB from the start.
if TYPE_CHECKING:
    from icalendar import Calendar, Event

PRODID = "-//arena//Calendar feeds//EN"
# How often calendar apps are asked to fetch the feed again (RFC 7986 REFRESH-INTERVAL).
REFRESH_INTERVAL = timedelta(hours=6)
# Cycles that closed this long ago still appear, so last year's dates stay findable.
KEEP_CLOSED = timedelta(days=365)


@dataclass(frozen=True)
class ArenaEntries:
    """One arena's part of a feed: the cycles and workshops it lists."""

    arena: Arena
    cycles: list[Cycle]
    workshops: list[Workshop]


def feed_cycles(cycles: list[Cycle], now: datetime) -> list[Cycle]:
    """The current cycle, every later one, and those closed less than a year ago."""
    current = pick_current_cycle(cycles, now)
    return [
        cycle
        for cycle in sorted(cycles, key=lambda c: c.proposing_opens_at)
        if cycle is current
        or (current is not None and cycle.proposing_opens_at > current.proposing_opens_at)
        or cycle.closes_at >= now - KEEP_CLOSED
    ]


def feed_workshops(workshops: list[Workshop], cycles: list[Cycle]) -> list[Workshop]:
    """The workshops of the listed cycles, earliest first."""
    ids = {cycle.id for cycle in cycles}
    return sorted((w for w in workshops if w.cycle_id in ids), key=lambda w: (w.held_at, w.id))


def host() -> str:
    """The site's host name, which makes every event's UID unique worldwide."""
    return urlsplit(base_url()).hostname or "localhost"


def _local(instant: datetime) -> datetime:
    return as_utc(instant).astimezone(local_zone())


def _is_local_midnight(instant: datetime) -> bool:
    return _local(instant).time() == time(0, 0)


def _span_bounds(span: PhaseSpan) -> tuple[date | datetime, date | datetime]:
    """Whole local days when the phase starts and ends at midnight, else local times."""
    start, end = _local(span.starts_at), _local(span.ends_at)
    if _is_local_midnight(span.starts_at) and _is_local_midnight(span.ends_at):
        return start.date(), end.date()  # DTEND of an all-day event is the day after the last
    return start, end


def phase_event(cycle: Cycle, span: PhaseSpan, now: datetime) -> Event:
    arena = cycle.arena
    url = external_url("arenas.show", slug=arena.slug)
    start, end = _span_bounds(span)
    from icalendar import Event

    return Event.new(
        uid=f"phase-{cycle.id}-{span.phase.value}@{host()}",
        stamp=now,
        start=start,
        end=end,
        summary=_(
            "%(arena)s %(year)d: %(phase)s",
            arena=arena.name,
            year=cycle.year,
            phase=i18n.label(i18n.PHASE_LABELS, span.phase.value),
        ),
        description=f"{i18n.label(i18n.PHASE_DESCRIPTIONS, span.phase.value)}\n\n{url}",
        url=url,
        transparency="TRANSPARENT",  # a phase lasts weeks: it does not make anyone busy
    )


def workshop_event(workshop: Workshop, now: datetime) -> Event:
    arena = workshop.cycle.arena
    url = external_url("workshops.show", slug=arena.slug, workshop_id=workshop.id)
    language = i18n.CONTENT_LANGUAGES.get(workshop.language, workshop.language)
    spoken = _("Language spoken: %(language)s", language=language)
    from icalendar import Event

    return Event.new(
        uid=f"workshop-{workshop.id}@{host()}",
        stamp=now,
        start=_local(workshop.held_at),
        summary=_(
            "%(arena)s: %(what)s",
            arena=arena.name,
            what=_("Workshop at %(place)s", place=workshop.place),
        ),
        location=workshop.place,
        description=f"{spoken}\n\n{url}",
        url=url,
    )


def build_feed(
    entries: list[ArenaEntries], *, name: str, description: str, uid: str, now: datetime
) -> Calendar:
    """The calendar of `entries`, named for the calendar app's list of calendars."""
    from icalendar import Calendar

    calendar = Calendar.new(
        prodid=PRODID,
        uid=f"{uid}@{host()}",
        name=name,
        description=description,
        refresh_interval=REFRESH_INTERVAL,
    )
    calendar["X-PUBLISHED-TTL"] = "PT6H"  # the older name of REFRESH-INTERVAL (Outlook)
    for entry in entries:
        for cycle in entry.cycles:
            for span in timeline(cycle, now):
                calendar.add_component(phase_event(cycle, span, now))
        for workshop in entry.workshops:
            calendar.add_component(workshop_event(workshop, now))
    calendar.add_missing_timezones()  # the VTIMEZONE for Europe/Stockholm
    return calendar
