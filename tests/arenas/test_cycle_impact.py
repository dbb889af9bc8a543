"""Changing the dates of a live cycle: the page says what a change affects (supports,
proposals, people) and nothing is saved without a reason and a second, explicit
confirmation; the audit log keeps and shows the old and new dates. Harmless changes
(a future phase with nothing in it) go through at once."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from babel.dates import format_date
from sqlalchemy import select

from arena.arenas.models import Cycle
from arena.audit.models import AuditEntry
from arena.core.time import start_of_day
from arena.extensions import db
from arena.proposals.models import Participation, Support
from tests.arenas.test_cycles import days_of, error_next_to, form, input_value, stored
from tests.helpers import count, page_text

STOCKHOLM = ZoneInfo("Europe/Stockholm")
REASON = "Budgeten för året tog slut; vi avslutar omröstningen."


def local_today():
    return datetime.now(UTC).astimezone(STOCKHOLM).date()


def long_day(instant_or_day, locale="en") -> str:
    day = instant_or_day
    if isinstance(instant_or_day, datetime):
        day = instant_or_day.astimezone(STOCKHOLM).date()
    return format_date(day, "long", locale=locale)


@pytest.fixture
def live_vote(make, client_for):
    """Järva voting: 3 proposals by 2 authors, 4 supports by 3 people (one of them an
    author), so 4 distinct people; one support was given a week ago, 3 today."""
    arena = make.arena("Järva", slug="jarva")
    cycle = make.cycle(arena, phase="voting")
    facilitator = make.facilitator(arena)
    author_a, author_b = make.user(connected_to=arena), make.user(connected_to=arena)
    voters = [make.user(connected_to=arena), make.user(connected_to=arena)]
    first, second = make.proposal(cycle, author_a), make.proposal(cycle, author_a)
    third = make.proposal(cycle, author_b)
    week_ago = datetime.now(UTC) - timedelta(days=7)
    supports = [
        Support(proposal_id=first.id, user_id=voters[0].id, created_at=week_ago),
        Support(proposal_id=second.id, user_id=voters[0].id),
        Support(proposal_id=first.id, user_id=voters[1].id),
        Support(proposal_id=third.id, user_id=author_a.id),
    ]
    db.session.add_all(supports)
    for person, used in ((voters[0], 2), (voters[1], 1), (author_a, 1)):
        db.session.add(Participation(user_id=person.id, cycle_id=cycle.id, supports_used=used))
    db.session.commit()
    return arena, cycle, facilitator, client_for(facilitator, accept_language="en")


def url_of(arena, cycle) -> str:
    return f"/arenas/{arena.slug}/manage/cycles/{cycle.year}"


def close_yesterday(cycle) -> dict:
    return days_of(cycle) | {"voting_closes_at": local_today() - timedelta(days=1)}


def test_cutting_a_live_vote_short_shows_what_it_affects_and_saves_nothing(live_vote):
    arena, cycle, _, client = live_vote
    before = stored(cycle.id)
    response = client.post(url_of(arena, cycle), data=form(close_yesterday(cycle), reason=REASON))
    assert response.status_code == 200
    text = page_text(response)
    assert "This change affects a cycle people are taking part in" in text
    assert "Voting is open now and would end at once" in text
    assert "Supports have already been given, and the voting phase moves." in text
    assert "4 supports" in text
    assert "3 proposals" in text
    assert "4 people who supported or proposed" in text
    assert "3 supports were given after the new closing day." in text
    assert error_next_to(response, "confirm_impact") == (
        "Read what the change affects, then tick the box to confirm it."
    )
    assert 'type="checkbox" id="confirm_impact"' in response.get_data(as_text=True)
    assert "Yes, change the dates" in text
    assert stored(cycle.id) == before
    assert count(AuditEntry) == 0


def test_no_change_without_reason_and_the_matching_confirmation(live_vote):
    arena, cycle, _, client = live_vote
    before, url = stored(cycle.id), url_of(arena, cycle)
    warning = client.post(url, data=form(close_yesterday(cycle), reason=REASON))
    fingerprint = input_value(warning, "confirm_impact")
    assert fingerprint

    # Confirmed but no reason.
    response = client.post(url, data=form(close_yesterday(cycle)) | {"confirm_impact": fingerprint})
    assert response.status_code == 200 and error_next_to(response, "reason")
    # A reason, but a confirmation of something else (forged, or of other dates).
    for other in ("yes", "on", "x" * 64, "\x00"):
        data = form(close_yesterday(cycle), reason=REASON) | {"confirm_impact": other}
        response = client.post(url, data=data)
        assert response.status_code == 200, other
        assert "tick the box" in error_next_to(response, "confirm_impact"), other
    changed_days = close_yesterday(cycle) | {"voting_closes_at": local_today()}
    data = form(changed_days, reason=REASON) | {"confirm_impact": fingerprint}
    assert client.post(url, data=data).status_code == 200
    assert stored(cycle.id) == before
    assert count(AuditEntry) == 0


def test_a_confirmation_goes_stale_when_more_supports_come_in(live_vote, make):
    arena, cycle, _, client = live_vote
    url = url_of(arena, cycle)
    fingerprint = input_value(
        client.post(url, data=form(close_yesterday(cycle), reason=REASON)), "confirm_impact"
    )
    late = make.user(connected_to=arena)
    proposal_id = db.session.scalar(select(Support.proposal_id).limit(1))
    db.session.add(Support(proposal_id=proposal_id, user_id=late.id))
    db.session.commit()
    data = form(close_yesterday(cycle), reason=REASON) | {"confirm_impact": fingerprint}
    response = client.post(url, data=data)
    assert response.status_code == 200
    assert "5 supports" in page_text(response) and "5 people" in page_text(response)
    assert count(AuditEntry) == 0


def test_the_confirmed_change_is_saved_and_the_audit_log_shows_old_and_new_dates(live_vote):
    arena, cycle, facilitator, client = live_vote
    url, old_close = url_of(arena, cycle), cycle.voting_closes_at
    days = close_yesterday(cycle)
    warning = client.post(url, data=form(days, reason=REASON))
    data = form(days, reason=REASON) | {"confirm_impact": input_value(warning, "confirm_impact")}
    response = client.post(url, data=data)
    assert response.status_code == 303
    db.session.expire_all()
    new_close = db.session.get(Cycle, cycle.id).voting_closes_at
    assert new_close == start_of_day(days["voting_closes_at"], STOCKHOLM)

    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "cycle.update"))
    assert (entry.actor_id, entry.reason) == (facilitator.id, REASON)
    assert entry.details["changes"] == {
        "voting_closes_at": [old_close.isoformat(), new_close.isoformat()]
    }
    assert entry.details["impact"] == {
        "concerns": ["cuts_vote_short", "moves_voting"],
        "supports": 4,
        "proposals": 3,
        "people": 4,
    }

    log = client.get(f"/moderation/{arena.slug}/audit")
    assert log.status_code == 200
    text = page_text(log)
    assert (
        f"Voting closes and selection starts: {long_day(old_close)} → {long_day(new_close)}" in text
    )
    assert "Confirmed after seeing what it affected: 4 supports, 3 proposals, 4 people." in text
    assert REASON in text


def test_the_audit_log_shows_the_dates_in_swedish(live_vote, client_for):
    arena, cycle, facilitator, client = live_vote
    url, old_close = url_of(arena, cycle), cycle.voting_closes_at
    days = close_yesterday(cycle)
    warning = client.post(url, data=form(days, reason=REASON))
    data = form(days, reason=REASON) | {"confirm_impact": input_value(warning, "confirm_impact")}
    assert client.post(url, data=data).status_code == 303
    swedish = client_for(facilitator, accept_language="sv")
    text = page_text(swedish.get(f"/moderation/{arena.slug}/audit"))
    new_close = start_of_day(days["voting_closes_at"], STOCKHOLM)
    assert f"{long_day(old_close, 'sv')} → {long_day(new_close, 'sv')}" in text


def test_the_warning_page_in_swedish(live_vote, client_for):
    arena, cycle, facilitator, _ = live_vote
    swedish = client_for(facilitator, accept_language="sv")
    response = swedish.post(url_of(arena, cycle), data=form(close_yesterday(cycle), reason=REASON))
    text = page_text(response)
    assert "4 stöd" in text and "3 förslag" in text
    assert "Ja, ändra datumen" in text


def test_a_future_phase_with_nothing_in_it_needs_no_confirmation(live_vote):
    """Moving the review (a year ahead) during the vote touches nobody's supports."""
    arena, cycle, _, client = live_vote
    days = days_of(cycle)
    days["review_starts_at"] += timedelta(days=7)
    days["closes_at"] += timedelta(days=7)
    response = client.post(url_of(arena, cycle), data=form(days))
    assert response.status_code == 303
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "cycle.update"))
    assert set(entry.details["changes"]) == {"review_starts_at", "closes_at"}
    assert "impact" not in entry.details


def test_an_untouched_form_of_a_live_cycle_saves_without_a_warning(live_vote):
    arena, cycle, _, client = live_vote
    response = client.post(url_of(arena, cycle), data=form(days_of(cycle), budget=6))
    assert response.status_code == 303
    assert db.session.scalar(select(Cycle.support_budget).where(Cycle.id == cycle.id)) == 6


@pytest.mark.parametrize(
    ("change", "message"),
    [
        # Voting started ten days ago; opening it tomorrow reopens proposing.
        (
            {"voting_opens_at": 1},
            "Voting has already started; the new dates would take the cycle back to before voting.",
        ),
        # Longer voting: nobody is cut short, but the phase with supports moves.
        ({"voting_closes_at": 30}, "Supports have already been given, and the voting phase moves."),
        # Proposing opened earlier: the phase with proposals moves.
        (
            {"proposing_opens_at": -60},
            "Proposals have already been made, and the proposing phase moves.",
        ),
    ],
)
def test_other_live_changes_need_the_confirmation_too(live_vote, change, message):
    arena, cycle, _, client = live_vote
    before = stored(cycle.id)
    ((name, offset),) = change.items()
    days = days_of(cycle) | {name: local_today() + timedelta(days=offset)}
    response = client.post(url_of(arena, cycle), data=form(days, reason=REASON))
    assert response.status_code == 200
    assert message in page_text(response)
    assert stored(cycle.id) == before
    data = form(days, reason=REASON) | {"confirm_impact": input_value(response, "confirm_impact")}
    assert client.post(url_of(arena, cycle), data=data).status_code == 303
    assert stored(cycle.id) != before


def test_cutting_an_empty_vote_short_still_asks(make, client_for):
    """Even without supports yet, a running vote closing early is confirmed first."""
    arena = make.arena()
    cycle = make.cycle(arena, phase="voting")
    client = client_for(make.facilitator(arena), accept_language="en")
    response = client.post(url_of(arena, cycle), data=form(close_yesterday(cycle), reason=REASON))
    assert response.status_code == 200
    assert "0 supports" in page_text(response)
    assert count(AuditEntry) == 0
