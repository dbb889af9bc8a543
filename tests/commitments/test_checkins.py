"""Check-ins: measured values with Swedish numbers and date checks; residents' notes."""

from datetime import timedelta

from sqlalchemy import select

from arena.commitments.models import CheckIn, IndicatorValue
from arena.core.time import local_day, utcnow
from arena.extensions import db
from tests.commitments.followup_helpers import add_indicator, make_commitment
from tests.helpers import count, page_text


def setup(make):
    arena = make.arena()
    owner = make.user(connected_to=arena)
    organisation = make.organisation(members=[owner], name="Cykelföreningen")
    commitment = make_commitment(make, arena, owner=owner)
    return arena, owner, organisation, commitment


def test_owner_posts_values_for_some_indicators(make, client_for):
    arena, owner, organisation, commitment = setup(make)
    trips = add_indicator(commitment)
    cars = add_indicator(commitment, name="Bilresor", direction="down", baseline=50, target=30)
    today = utcnow().date()
    client = client_for(owner, accept_language="en")
    response = client.post(
        f"/commitments/{commitment.id}/check-ins/new",
        data={
            "reported_on": today.isoformat(),
            f"value_{trips.id}": "15,5",
            f"value_{cars.id}": "",
            "note": "Bra vecka",
            "confidence": "high",
            "organisation": str(organisation.id),
        },
    )
    assert response.status_code == 303
    check_in = db.session.scalar(select(CheckIn))
    assert check_in.organisation_id == organisation.id and check_in.confidence == "high"
    assert [(v.indicator_id, v.value) for v in check_in.values] == [(trips.id, 15.5)]
    text = page_text(client.get(f"/commitments/{commitment.id}"))
    assert "Cykelturer: 15.5 turer" in text
    assert "55% of the way to the target" in text  # (15.5 - 10) / (20 - 10)
    assert "Cykelföreningen" in text


def test_bad_values_and_dates_are_explained(make, client_for):
    arena, owner, organisation, commitment = setup(make)
    trips = add_indicator(commitment)
    client = client_for(owner, accept_language="en")
    url = f"/commitments/{commitment.id}/check-ins/new"
    # The day where the arenas are: tomorrow in UTC can already be today there.
    today = local_day(utcnow())
    cases = [
        ({"reported_on": today.isoformat(), f"value_{trips.id}": "mycket"}, "Enter a number"),
        (
            {"reported_on": (today + timedelta(days=1)).isoformat(), f"value_{trips.id}": "3"},
            "in the future",
        ),
        (
            {"reported_on": (today - timedelta(days=400)).isoformat(), f"value_{trips.id}": "3"},
            "before the commitment started",
        ),
        ({"reported_on": today.isoformat()}, "at least one indicator, or write a note"),
        ({"reported_on": "i går", f"value_{trips.id}": "3"}, "Enter a date"),
        (
            {"reported_on": today.isoformat(), "note": "x", "organisation": "999"},
            "Choose among your organisations",
        ),
        (
            {"reported_on": today.isoformat(), "note": "x", "confidence": "total"},
            "Choose one of the levels",
        ),
    ]
    for data, message in cases:
        response = client.post(url, data=data)
        assert response.status_code == 200, message
        assert message in page_text(response)
    assert count(CheckIn) == 0 and count(IndicatorValue) == 0


def test_start_date_of_the_commitment_bounds_check_ins(make, client_for):
    arena, owner, organisation, commitment = setup(make)
    commitment.starts_on = utcnow().date() - timedelta(days=5)
    db.session.commit()
    client = client_for(owner, accept_language="en")
    response = client.post(
        f"/commitments/{commitment.id}/check-ins/new",
        data={"reported_on": (utcnow().date() - timedelta(days=6)).isoformat(), "note": "Tidigt"},
    )
    assert "before the commitment started" in page_text(response)
    assert count(CheckIn) == 0


def test_resident_tells_what_they_did_and_list_is_newest_first(make, client_for):
    arena, owner, organisation, commitment = setup(make)
    resident = make.user(connected_to=arena, display_name="Amina")
    client = client_for(resident, accept_language="en")
    url = f"/commitments/{commitment.id}/check-ins/resident"
    assert client.post(url, data={"note": "x" * 1001}).status_code == 200
    assert client.post(url, data={"note": "  "}).status_code == 200
    assert count(CheckIn) == 0
    assert client.post(url, data={"note": "Cyklade till jobbet"}).status_code == 303
    assert client.post(url, data={"note": "Lagade cykeln"}).status_code == 303
    check_ins = list(db.session.scalars(select(CheckIn)))
    assert {c.kind for c in check_ins} == {"resident"}
    text = page_text(client.get(f"/commitments/{commitment.id}"))
    assert text.index("Lagade cykeln") < text.index("Cyklade till jobbet")
    assert "What Amina did" in text


def test_check_in_days_follow_the_configured_time_zone(app, make, monkeypatch):
    """At 03:00 UTC it is already today in Stockholm but still yesterday in New York:
    the check-in's day, its "not in the future" limit and the form's default all use
    the configured zone (ARENA_TIMEZONE, through BABEL_DEFAULT_TIMEZONE), not Stockholm."""
    from arena.commitments import checkins

    arena, owner, _organisation, commitment = setup(make)
    now = utcnow().replace(hour=3, minute=0, second=0, microsecond=0)
    if now > utcnow():
        now -= timedelta(days=1)
    utc_day = now.date()
    assert checkins.today(now) == utc_day  # the default zone, Europe/Stockholm

    monkeypatch.setitem(app.config, "BABEL_DEFAULT_TIMEZONE", "America/New_York")
    assert checkins.today(now) == utc_day - timedelta(days=1)
    assert checkins.date_problem(commitment, utc_day, now) is not None  # in the future there
    check_in = checkins.record_resident_check_in(owner, commitment, now=now, note="Cyklade.")
    assert check_in.reported_on == utc_day - timedelta(days=1)
    db.session.rollback()
