"""The calendar feeds: read back with icalendar, as a calendar app would read them."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from icalendar import Calendar

from arena.arenas.phases import PHASE_STARTS, Phase
from arena.core.time import start_of_day
from tests.workshops.helpers import add_workshop

WORKING_PHASES = [phase for phase, _attr in PHASE_STARTS[:-1]]  # CLOSED is where they end


def read_feed(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.data[:300]
    return response, Calendar.from_ical(response.data)


def events(calendar):
    return list(calendar.walk("VEVENT"))


def by_uid(calendar, prefix):
    return {str(e["UID"]): e for e in events(calendar) if str(e["UID"]).startswith(prefix)}


def test_an_arena_feed_lists_its_phases_and_workshops(client_for, make):
    arena = make.arena("Järva", slug="jarva")
    cycle = make.cycle(arena, phase="voting")
    facilitator = make.facilitator(arena, email="host@example.org")
    held_at = datetime(2026, 5, 14, 16, 30, tzinfo=UTC)  # 18:30 in Stockholm
    workshop = add_workshop(
        cycle, facilitator, place="Tensta träff, Tensta allé 2", language="ar", held_at=held_at
    )

    response, calendar = read_feed(client_for(None), "/arenas/jarva/calendar.ics?lang=en")

    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert 'filename="jarva.ics"' in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "public, max-age=900"
    assert "Järva" in str(calendar["X-WR-CALNAME"])
    phases = by_uid(calendar, "phase-")
    assert set(phases) == {f"phase-{cycle.id}-{p.value}@127.0.0.1" for p in WORKING_PHASES}
    assert len(WORKING_PHASES) == 5
    voting = phases[f"phase-{cycle.id}-voting@127.0.0.1"]
    assert str(voting["SUMMARY"]) == f"Järva {cycle.year}: Voting"
    # Each phase runs from its own start to the next phase's start.
    # (iCalendar counts whole seconds.)
    assert voting.start == cycle.voting_opens_at.replace(microsecond=0)
    assert voting.end == cycle.voting_closes_at.replace(microsecond=0)
    assert str(voting["URL"]) == "http://127.0.0.1:5000/arenas/jarva"
    assert "DTSTAMP" in voting

    (event,) = by_uid(calendar, "workshop-").values()
    assert str(event["UID"]) == f"workshop-{workshop.id}@127.0.0.1"
    assert str(event["LOCATION"]) == "Tensta träff, Tensta allé 2"
    assert event.start == held_at
    assert event["DTSTART"].params["TZID"] == "Europe/Stockholm"
    assert str(event["SUMMARY"]) == "Järva: Workshop at Tensta träff, Tensta allé 2"
    assert "Language spoken: العربية" in str(event["DESCRIPTION"])
    assert str(event["URL"]) == f"http://127.0.0.1:5000/workshops/jarva/{workshop.id}"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Stockholm"]
    # Nothing private: not the facilitator's address, no code.
    assert b"host@example.org" not in response.data and b"@example.org" not in response.data


def test_phases_stored_as_whole_days_are_all_day_events(client_for, make):
    arena = make.arena(slug="days")
    first = date.today() + timedelta(days=3)
    days = [first + timedelta(days=n) for n in (0, 30, 60, 80, 380, 440)]
    cycle = make.cycle(
        arena,
        **{attr: start_of_day(day) for (_phase, attr), day in zip(PHASE_STARTS, days, strict=True)},
    )

    _response, calendar = read_feed(client_for(None), "/arenas/days/calendar.ics")

    proposing = by_uid(calendar, f"phase-{cycle.id}-proposing")
    (event,) = proposing.values()
    assert event.start == days[0] and event.end == days[1]  # DTEND: the voting's first day
    assert event["DTSTART"].params.get("VALUE") == "DATE"


def test_the_feed_speaks_the_visitors_language(client_for, make):
    arena = make.arena("Järva", slug="jarva")
    cycle = make.cycle(arena, phase="proposing")

    _response, swedish = read_feed(
        client_for(None, accept_language="sv"), "/arenas/jarva/calendar.ics"
    )
    _response, finnish = read_feed(client_for(None), "/arenas/jarva/calendar.ics?lang=fi")

    uid = f"phase-{cycle.id}-voting@127.0.0.1"
    assert str(by_uid(swedish, uid)[uid]["SUMMARY"]) == f"Järva {cycle.year}: Omröstning"
    assert str(by_uid(finnish, uid)[uid]["SUMMARY"]).startswith(f"Järva {cycle.year}: ")
    assert str(by_uid(finnish, uid)[uid]["SUMMARY"]) != f"Järva {cycle.year}: Voting"
    # A language the site does not offer is ignored, not an error.
    assert client_for(None).get("/arenas/jarva/calendar.ics?lang=xx").status_code == 200


def test_old_cycles_drop_out_and_later_ones_come_in(client_for, make):
    arena = make.arena(slug="years")
    long_closed = make.cycle(arena, phase="closed", **_shifted("closed", days=-400))
    recently_closed = make.cycle(arena, phase="closed")
    current = make.cycle(arena, phase="voting")
    later = make.cycle(arena, phase="upcoming", **_shifted("upcoming", days=300))

    _response, calendar = read_feed(client_for(None), "/arenas/years/calendar.ics")

    listed = {str(e["UID"]).split("-")[1] for e in events(calendar)}
    assert listed == {str(c.id) for c in (recently_closed, current, later)}
    assert str(long_closed.id) not in listed


def _shifted(phase, *, days):
    from tests.factories import cycle_dates

    return {k: v + timedelta(days=days) for k, v in cycle_dates(phase).items()}


def test_the_all_arenas_feed_lists_every_arena(client_for, make):
    jarva, skarholmen = make.arena("Järva", slug="jarva"), make.arena("Skärholmen", slug="skh")
    cycles = [make.cycle(jarva, phase="voting"), make.cycle(skarholmen, phase="testing")]
    host = make.facilitator(skarholmen)
    workshop = add_workshop(cycles[1], host, place="Skärholmens bibliotek", language="so")

    response, calendar = read_feed(client_for(None), "/calendar.ics?lang=en")

    assert 'filename="arenas.ics"' in response.headers["Content-Disposition"]
    assert str(calendar["X-WR-CALNAME"]) == "Local climate transition arenas"
    for cycle in cycles:
        assert {f"phase-{cycle.id}-{p.value}@127.0.0.1" for p in WORKING_PHASES} <= set(
            by_uid(calendar, "phase-")
        )
    event = by_uid(calendar, "workshop-")[f"workshop-{workshop.id}@127.0.0.1"]
    assert str(event["LOCATION"]) == "Skärholmens bibliotek"
    assert "Soomaali" in str(event["DESCRIPTION"])


def test_an_unknown_arena_has_no_feed(client_for, make):
    make.arena(slug="jarva")
    assert client_for(None).get("/arenas/nowhere/calendar.ics").status_code == 404
    assert client_for(None).get("/arenas/" + "x" * 500 + "/calendar.ics").status_code == 404


def test_the_pages_link_the_feeds(client_for, make):
    arena = make.arena("Järva", slug="jarva")
    make.cycle(arena, phase="voting")
    client = client_for(None, accept_language="fi")
    arena_page = client.get("/arenas/jarva").get_data(as_text=True)
    assert 'href="/arenas/jarva/calendar.ics?lang=fi"' in arena_page
    assert 'href="/calendar.ics?lang=fi"' in client.get("/").get_data(as_text=True)


@pytest.mark.usefixtures("quick_password_hashing")
def test_jarvas_demo_feed_lists_its_phases_and_its_workshops(app, client_for):
    from sqlalchemy import select

    from arena.arenas.models import Arena
    from arena.arenas.queries import get_current_cycle
    from arena.extensions import db
    from arena.workshops.queries import list_workshops

    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    jarva = db.session.scalar(select(Arena).where(Arena.slug == "jarva"))
    now = datetime.now(UTC)
    cycle = get_current_cycle(jarva, now)
    workshops = [w for w in list_workshops(jarva) if w.cycle_id == cycle.id]
    assert workshops  # the demo has Tensta träff

    _response, calendar = read_feed(client_for(None), "/arenas/jarva/calendar.ics?lang=sv")

    phases = by_uid(calendar, f"phase-{cycle.id}-")
    assert sorted(str(e["SUMMARY"]) for e in phases.values()) == sorted(
        f"Järva {cycle.year}: {label}"
        for label in ("Förslagsperiod", "Omröstning", "Urval", "Testperiod", "Utvärdering")
    )
    listed = by_uid(calendar, "workshop-")
    for workshop in workshops:
        event = listed[f"workshop-{workshop.id}@127.0.0.1"]
        assert str(event["LOCATION"]) == workshop.place
        assert event.start == workshop.held_at
        assert "Svenska" in str(event["DESCRIPTION"])
    assert b"@example.org" not in _response.data


def test_local_midnight_is_what_makes_a_whole_day():
    from arena.calendars.feeds import _is_local_midnight

    assert _is_local_midnight(datetime.combine(date(2026, 3, 1), time(23, 0), tzinfo=UTC))
    assert not _is_local_midnight(datetime(2026, 3, 1, 8, 0, tzinfo=UTC))
    assert Phase.CLOSED not in WORKING_PHASES
