"""Creating and changing cycles: dates as Stockholm days, every rule with a message
next to its field, the audit row, and never an error page for odd input."""

import re
from datetime import UTC, date, datetime, timedelta
from html import unescape
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from arena.arenas import cycles
from arena.arenas.models import Cycle
from arena.audit.models import AuditEntry
from arena.core.time import one_year_later, start_of_day
from arena.extensions import db
from arena.proposals.models import Participation
from tests.helpers import count, page_text

STOCKHOLM = ZoneInfo("Europe/Stockholm")
FIELDS = cycles.DATE_FIELDS


def midnight(year, month, day) -> datetime:
    """00:00 Stockholm time on that day, in UTC."""
    return datetime(year, month, day, tzinfo=STOCKHOLM).astimezone(UTC)


def fixed_dates(year: int) -> dict:
    """A cycle in the future: proposing in spring, testing from summer to next spring.

    Years before 2038: Flask-Babel formats dates through pytz, whose summer-time
    table ends in 2037, so later summer midnights would be shown a day early."""
    return {
        "proposing_opens_at": midnight(year, 3, 1),
        "voting_opens_at": midnight(year, 4, 1),
        "voting_closes_at": midnight(year, 5, 1),
        "testing_starts_at": midnight(year, 6, 1),
        "review_starts_at": midnight(year + 1, 3, 15),
        "closes_at": midnight(year + 1, 5, 1),
    }


def form(days: dict, *, year=None, budget=5, introduction="", reason="") -> dict:
    data = {
        name: value.isoformat() if isinstance(value, date) else value
        for name, value in days.items()
    }
    data.update(support_budget=str(budget), introduction=introduction, reason=reason)
    if year is not None:
        data["year"] = str(year)
    return data


def days_of(cycle_or_dates) -> dict:
    get = (
        cycle_or_dates.get
        if isinstance(cycle_or_dates, dict)
        else lambda n: getattr(cycle_or_dates, n)
    )
    return {name: get(name).astimezone(STOCKHOLM).date() for name in FIELDS}


def stored(cycle_id) -> tuple:
    """The cycle as the database holds it (columns, not the session's objects)."""
    row = db.session.execute(
        select(
            Cycle.year,
            Cycle.support_budget,
            Cycle.introduction,
            *[getattr(Cycle, n) for n in FIELDS],
        ).where(Cycle.id == cycle_id)
    ).one()
    return tuple(row)


def error_next_to(response, field: str) -> str:
    """The message shown beside a field (the macro gives it the id <field>-error)."""
    html = response.get_data(as_text=True)
    found = re.search(rf'<p class="error-message" id="{field}-error">(.*?)</p>', html, re.S)
    return unescape(found.group(1)).strip() if found else ""


def input_value(response, name: str) -> str | None:
    tag = re.search(rf'<input[^>]*\bname="{name}"[^>]*>', response.get_data(as_text=True))
    value = re.search(r'\bvalue="([^"]*)"', tag.group(0)) if tag else None
    return unescape(value.group(1)) if value else None


@pytest.fixture
def setting(make, client_for):
    arena = make.arena("Innerstaden", slug="innerstaden")
    cycle = make.cycle(arena, year=2030, **fixed_dates(2030))
    facilitator = make.facilitator(arena)
    return arena, cycle, client_for(facilitator, accept_language="en"), facilitator


# --- creating next year's cycle -----------------------------------------------------


def test_new_cycle_form_is_prefilled_one_year_later(setting):
    arena, cycle, client, _ = setting
    response = client.get(f"/arenas/{arena.slug}/manage/cycles/new")
    assert response.status_code == 200
    assert input_value(response, "year") == "2031"
    assert [input_value(response, name) for name in FIELDS] == [
        "2031-03-01",
        "2031-04-01",
        "2031-05-01",
        "2031-06-01",
        "2032-03-15",
        "2032-05-01",
    ]
    assert input_value(response, "support_budget") == "5"


def test_creating_a_cycle_stores_stockholm_midnight_in_utc_and_audits(setting):
    arena, cycle, client, facilitator = setting
    days = days_of(fixed_dates(2031))
    response = client.post(
        f"/arenas/{arena.slug}/manage/cycles/new",
        data=form(days, year=2031, budget=7, introduction="Året då vi provar cykelkök."),
    )
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/arenas/{arena.slug}/manage")
    created = db.session.scalar(select(Cycle).where(Cycle.arena_id == arena.id, Cycle.year == 2031))
    # 1 March is winter time (UTC+1), 1 June summer time (UTC+2).
    assert created.proposing_opens_at == datetime(2031, 2, 28, 23, 0, tzinfo=UTC)
    assert created.testing_starts_at == datetime(2031, 5, 31, 22, 0, tzinfo=UTC)
    assert (created.support_budget, created.introduction) == (7, "Året då vi provar cykelkök.")
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "cycle.create"))
    assert (entry.actor_id, entry.arena_id, entry.target_id) == (
        facilitator.id,
        arena.id,
        created.id,
    )
    assert entry.details["dates"]["proposing_opens_at"] == "2031-02-28T23:00:00+00:00"


def test_first_cycle_of_an_arena(make, client_for):
    arena = make.arena()
    client = client_for(make.facilitator(arena), accept_language="en")
    page = client.get(f"/arenas/{arena.slug}/manage/cycles/new")
    assert input_value(page, "year") == str(datetime.now(UTC).astimezone(STOCKHOLM).year)
    response = client.post(
        f"/arenas/{arena.slug}/manage/cycles/new", data=form(days_of(fixed_dates(2035)), year=2035)
    )
    assert response.status_code == 303
    assert count(Cycle, Cycle.arena_id == arena.id) == 1


ORDER_CASES = [
    (
        {"voting_opens_at": date(2031, 2, 1)},
        "voting_opens_at",
        "“Voting opens” must be after “Proposing opens”.",
    ),
    (
        {"voting_opens_at": date(2031, 3, 1)},
        "voting_opens_at",
        "“Voting opens” must be after “Proposing opens”.",
    ),
    (
        {"closes_at": date(2032, 3, 15)},
        "closes_at",
        "“The cycle closes” must be after “Review starts”.",
    ),
    (
        {"testing_starts_at": date(2031, 4, 20)},
        "testing_starts_at",
        "“Testing starts” must be after “Voting closes and selection starts”.",
    ),
]


def test_dates_must_be_strictly_in_order(setting):
    """Checked before the database's own CHECK, so people get a message, not an error page."""
    arena, cycle, client, _ = setting
    for change, field, message in ORDER_CASES:
        days = days_of(fixed_dates(2031)) | change
        response = client.post(
            f"/arenas/{arena.slug}/manage/cycles/new", data=form(days, year=2031)
        )
        assert response.status_code == 200, change
        assert error_next_to(response, field) == message
        assert "Please correct the following" in page_text(response)
        assert count(Cycle) == 1 and count(AuditEntry) == 0


def test_participation_windows_must_not_overlap(setting):
    arena, cycle, client, _ = setting
    # Proposing for 2031 opening while 2030 is still in voting.
    days = days_of(fixed_dates(2031)) | {
        "proposing_opens_at": date(2030, 4, 15),
        "voting_opens_at": date(2030, 5, 20),
    }
    response = client.post(f"/arenas/{arena.slug}/manage/cycles/new", data=form(days, year=2031))
    assert response.status_code == 200
    assert error_next_to(response, "proposing_opens_at").startswith(
        "Proposing, voting and selection would overlap with cycle 2030 (March 1, 2030 – June 1, "
        "2030)."
    )
    assert count(Cycle) == 1


def test_overlap_is_pointed_at_the_end_that_reaches_into_the_other_cycle(setting):
    arena, cycle, client, _ = setting
    # A cycle before 2030 whose testing would start after 2030's proposing opened.
    days = days_of(fixed_dates(2029)) | {"testing_starts_at": date(2030, 3, 10)}
    response = client.post(f"/arenas/{arena.slug}/manage/cycles/new", data=form(days, year=2029))
    assert "would overlap with cycle 2030" in error_next_to(response, "testing_starts_at")
    assert count(Cycle) == 1


def test_testing_and_review_may_run_alongside_the_next_cycle(setting):
    """The yearly rhythm: 2030's testing runs while 2031 proposes and votes; the
    windows may even touch (2030's testing starts the day 2031's proposing opens)."""
    arena, cycle, client, _ = setting
    days = days_of(fixed_dates(2031)) | {
        "proposing_opens_at": date(2030, 6, 1),
        "voting_opens_at": date(2030, 9, 1),
    }
    response = client.post(f"/arenas/{arena.slug}/manage/cycles/new", data=form(days, year=2031))
    assert response.status_code == 303
    assert count(Cycle) == 2


def test_year_is_unique_per_arena(setting, make):
    arena, cycle, client, _ = setting
    make.cycle(make.arena(), year=2035, **fixed_dates(2035))  # the same year elsewhere is fine
    response = client.post(
        f"/arenas/{arena.slug}/manage/cycles/new", data=form(days_of(fixed_dates(2035)), year=2030)
    )
    assert error_next_to(response, "year") == "Innerstaden already has a cycle for 2030."
    response = client.post(
        f"/arenas/{arena.slug}/manage/cycles/new", data=form(days_of(fixed_dates(2035)), year=2035)
    )
    assert response.status_code == 303
    assert count(Cycle, Cycle.arena_id == arena.id) == 2


BAD_INPUT = [
    ({"support_budget": "0"}, "support_budget", "Enter a number from 1 to 50."),
    ({"support_budget": "51"}, "support_budget", "Enter a number from 1 to 50."),
    ({"support_budget": "9" * 40}, "support_budget", "Enter a number from 1 to 50."),
    ({"support_budget": "fem"}, "support_budget", "Enter a whole number, for example 5."),
    (
        {"support_budget": ""},
        "support_budget",
        "Enter how many proposals each participant may support.",
    ),
    ({"year": "99999999999999999999"}, "year", "Enter a year from 2000 to 2100."),
    ({"year": "20\x0041"}, "year", "Enter the year as a number, for example 2027."),
    ({"voting_opens_at": "2031-13-45"}, "voting_opens_at", "Enter a date, for example 2027-03-01."),
    ({"voting_opens_at": "\x00"}, "voting_opens_at", "Enter a date, for example 2027-03-01."),
    ({"voting_opens_at": ""}, "voting_opens_at", "Enter a date, for example 2027-03-01."),
    (
        {"proposing_opens_at": "0001-01-01"},
        "proposing_opens_at",
        "Enter a date between 2000 and 2100.",
    ),
    ({"closes_at": "9999-12-31"}, "closes_at", "Enter a date between 2000 and 2100."),
    ({"introduction": "x" * 5001}, "introduction", "Write at most 5000 characters."),
    ({"reason": "x" * 501}, "reason", "Write at most 500 characters."),
]


def test_bad_input_gets_a_message_and_saves_nothing(setting):
    arena, cycle, client, _ = setting
    for values, field, message in BAD_INPUT:
        data = form(days_of(fixed_dates(2031)), year=2031) | values
        response = client.post(f"/arenas/{arena.slug}/manage/cycles/new", data=data)
        assert response.status_code == 200, values
        assert error_next_to(response, field) == message, values
        assert count(Cycle) == 1 and count(AuditEntry) == 0


def test_nul_bytes_in_the_introduction_are_dropped(setting):
    arena, cycle, client, _ = setting
    data = form(days_of(fixed_dates(2031)), year=2031, introduction="Cykel\x00kök")
    assert client.post(f"/arenas/{arena.slug}/manage/cycles/new", data=data).status_code == 303
    assert db.session.scalar(select(Cycle.introduction).where(Cycle.year == 2031)) == "Cykelkök"


# --- changing a cycle -----------------------------------------------------------------


def current_cycle(make):
    """A cycle in voting: its first two dates have passed, the others have not."""
    arena = make.arena("Järva", slug="jarva")
    return arena, make.cycle(arena, phase="voting")


def test_saving_an_untouched_form_changes_nothing(make, client_for):
    """Stored instants that are not midnight (here: now ± days) survive a save unchanged,
    and no reason is asked for the past dates that were left alone."""
    arena, cycle = current_cycle(make)
    client = client_for(make.facilitator(arena), accept_language="en")
    before = stored(cycle.id)
    page = client.get(f"/arenas/{arena.slug}/manage/cycles/{cycle.year}")
    assert page.status_code == 200 and 'name="year"' not in page.get_data(as_text=True)
    response = client.post(
        f"/arenas/{arena.slug}/manage/cycles/{cycle.year}",
        data=form(days_of(cycle)),
        follow_redirects=True,
    )
    assert "Nothing was changed." in page_text(response)
    assert stored(cycle.id) == before
    assert count(AuditEntry) == 0


def test_changing_a_future_date_needs_no_reason_and_is_audited(make, client_for):
    arena, cycle = current_cycle(make)
    facilitator = make.facilitator(arena)
    client = client_for(facilitator, accept_language="en")
    old_review = cycle.review_starts_at
    days = days_of(cycle)
    days["review_starts_at"] += timedelta(days=7)
    response = client.post(
        f"/arenas/{arena.slug}/manage/cycles/{cycle.year}",
        data=form(days, budget=6, introduction="Nytt år."),
    )
    assert response.status_code == 303
    db.session.expire_all()
    new_review = db.session.get(Cycle, cycle.id).review_starts_at
    assert new_review == datetime.combine(
        days["review_starts_at"], datetime.min.time(), STOCKHOLM
    ).astimezone(UTC)
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "cycle.update"))
    assert entry.actor_id == facilitator.id and entry.reason == ""
    assert entry.details["changes"]["review_starts_at"] == [
        old_review.isoformat(),
        new_review.isoformat(),
    ]
    assert entry.details["changes"]["support_budget"] == [5, 6]
    assert "past_dates" not in entry.details


@pytest.mark.parametrize("which", ["move_past_date", "move_future_date_into_the_past"])
def test_changing_a_past_date_needs_a_reason(make, client_for, which):
    arena, cycle = current_cycle(make)
    client = client_for(make.facilitator(arena), accept_language="en")
    before = stored(cycle.id)
    days = days_of(cycle)
    if which == "move_past_date":
        field = "proposing_opens_at"
        days[field] -= timedelta(days=3)
    else:
        field = "voting_closes_at"  # from 20 days ahead to yesterday
        days[field] = (datetime.now(UTC) - timedelta(days=1)).astimezone(STOCKHOLM).date()
    old_value = getattr(cycle, field)
    url = f"/arenas/{arena.slug}/manage/cycles/{cycle.year}"

    response = client.post(url, data=form(days))
    assert response.status_code == 200
    assert error_next_to(response, "reason").startswith(
        "You are changing a date that has already passed ("
    )
    assert str(cycles.DATE_LABELS[field]) in error_next_to(response, "reason")
    assert stored(cycle.id) == before and count(AuditEntry) == 0

    data = form(days, reason="Workshoppen flyttades en vecka.")
    response = client.post(url, data=data)
    if which == "move_future_date_into_the_past":
        # Cutting the running vote short also needs the second confirmation
        # (tests/arenas/test_cycle_impact.py).
        assert response.status_code == 200 and stored(cycle.id) == before
        data["confirm_impact"] = input_value(response, "confirm_impact")
        response = client.post(url, data=data)
    assert response.status_code == 303
    db.session.expire_all()
    changed = db.session.get(Cycle, cycle.id)
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "cycle.update"))
    assert entry.reason == "Workshoppen flyttades en vecka."
    assert entry.details["past_dates"] == [field]
    assert entry.details["changes"][field] == [
        old_value.isoformat(),
        getattr(changed, field).isoformat(),
    ]
    assert getattr(changed, field) == start_of_day(days[field], STOCKHOLM)


def test_the_budget_cannot_go_below_what_someone_has_used(make, client_for):
    arena, cycle = current_cycle(make)
    client = client_for(make.facilitator(arena), accept_language="en")
    voter = make.user(connected_to=arena)
    db.session.add(Participation(user_id=voter.id, cycle_id=cycle.id, supports_used=3))
    db.session.commit()
    url = f"/arenas/{arena.slug}/manage/cycles/{cycle.year}"

    response = client.post(url, data=form(days_of(cycle), budget=2))
    assert error_next_to(response, "support_budget") == (
        "Someone has already used 3 supports in this cycle, so the budget cannot be lower than 3."
    )
    assert db.session.scalar(select(Cycle.support_budget).where(Cycle.id == cycle.id)) == 5

    assert client.post(url, data=form(days_of(cycle), budget=3)).status_code == 303
    assert db.session.scalar(select(Cycle.support_budget).where(Cycle.id == cycle.id)) == 3


def test_a_change_that_would_overlap_another_cycle_is_refused(make, client_for):
    arena = make.arena()
    first = make.cycle(arena, year=2030, **fixed_dates(2030))
    second = make.cycle(arena, year=2031, **fixed_dates(2031))
    client = client_for(make.facilitator(arena), accept_language="en")
    days = days_of(first) | {"testing_starts_at": date(2031, 3, 2)}
    response = client.post(f"/arenas/{arena.slug}/manage/cycles/2030", data=form(days))
    assert "would overlap with cycle 2031" in error_next_to(response, "testing_starts_at")
    assert stored(first.id)[3:] == tuple(fixed_dates(2030).values())
    assert second.year == 2031


@pytest.mark.parametrize("year", ["1999", "99999999999999999999"])
def test_unknown_cycle_is_not_found(make, client_for, year):
    arena, cycle = current_cycle(make)
    client = client_for(make.facilitator(arena))
    assert client.get(f"/arenas/{arena.slug}/manage/cycles/{year}").status_code == 404


# --- the rules as plain functions ----------------------------------------------------


def test_one_year_later_keeps_the_day_and_handles_leap_days():
    assert one_year_later(date(2027, 3, 1)) == date(2028, 3, 1)
    assert one_year_later(date(2028, 2, 29)) == date(2029, 2, 28)


def test_start_of_day_follows_summer_time():
    assert start_of_day(date(2027, 1, 10), STOCKHOLM) == datetime(2027, 1, 9, 23, tzinfo=UTC)
    assert start_of_day(date(2027, 7, 10), STOCKHOLM) == datetime(2027, 7, 9, 22, tzinfo=UTC)


def test_windows_overlap_is_half_open():
    a = fixed_dates(2030)
    touching = fixed_dates(2031) | {"proposing_opens_at": a["testing_starts_at"]}
    inside = fixed_dates(2031) | {
        "proposing_opens_at": a["testing_starts_at"] - timedelta(seconds=1)
    }
    assert not cycles.windows_overlap(a, touching)
    assert cycles.windows_overlap(a, inside)
    assert cycles.windows_overlap(inside, a)
