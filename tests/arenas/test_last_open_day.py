"""Phases start at 00:00 on their date, so a phase ending on a date is last open the
day before: pages name that last open day ("till och med 25 december" when voting
closes at 00:00 on 26 December), never the day that is no longer open."""

from datetime import timedelta

import pytest
from babel.dates import format_date

from arena.core.time import local_day, start_of_day, utcnow
from tests.helpers import page_text

LANGUAGES = ("sv", "en", "ar", "so", "fi")


def cycle_ending_on(make, phase, attr, day):
    arena = make.arena("Järva", slug="jarva")
    cycle = make.cycle(arena, phase=phase)
    setattr(cycle, attr, start_of_day(day))
    return arena, cycle


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_and_arena_page_name_the_last_day_of_voting(make, client_for, app, language):
    closes_on = local_day(utcnow()) + timedelta(days=20)
    arena, _cycle = cycle_ending_on(make, "voting", "voting_closes_at", closes_on)
    from arena.extensions import db

    db.session.commit()
    last, closed = (
        format_date(d, "long", locale=language) for d in (closes_on - timedelta(1), closes_on)
    )
    client = client_for(None, accept_language=language)
    home = page_text(client.get("/"))
    assert last in home and closed not in home
    timeline = page_text(client.get(f"/arenas/{arena.slug}"))
    assert f"– {last}" in timeline and f"– {closed}" not in timeline


def test_swedish_says_the_last_open_day_for_proposals(make, client_for):
    opens_voting_on = local_day(utcnow()) + timedelta(days=15)
    arena, _cycle = cycle_ending_on(make, "proposing", "voting_opens_at", opens_voting_on)
    resident = make.user(connected_to=arena)
    from arena.extensions import db

    db.session.commit()
    last = format_date(opens_voting_on - timedelta(1), "long", locale="sv")
    client = client_for(resident, accept_language="sv")
    assert f"Sista dagen att lämna förslag är {last}." in page_text(client.get("/"))
    form = page_text(client.get(f"/arenas/{arena.slug}/proposals/new"))
    assert f"till och med {last}." in form
    english = client_for(resident, accept_language="en")
    last_en = format_date(opens_voting_on - timedelta(1), "long", locale="en")
    assert f"The last day to send a proposal is {last_en}." in page_text(english.get("/"))
