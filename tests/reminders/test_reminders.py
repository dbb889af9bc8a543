"""Reminders to report: an owner whose monthly indicator has had no value for 40 days
gets one reminder — not two, whether the job runs twice in a row or on two machines at
once — in their language, with a link to the check-in form; facilitators see the
commitment on their hub."""

import threading
from datetime import timedelta

from sqlalchemy import func, select

from arena.commitments.models import Indicator
from arena.core.time import local_day, utcnow
from arena.extensions import db
from arena.mail.models import OutboxMessage
from arena.reminders import services
from arena.reminders.models import CheckInReminder
from arena.reminders.queries import GRACE_DAYS, due_period, list_overdue_commitments
from tests.commitments.followup_helpers import add_indicator, add_value, make_commitment
from tests.helpers import page_text
from tests.production.test_jobs_twice import _side_by_side


def _overdue_commitment(make, days=40, interval="monthly", language="en"):
    arena = make.arena(name="Skärholmen")
    owner = make.user(email="ada@example.org", display_name="Ada", preferred_language=language)
    commitment = make_commitment(make, arena, owner=owner, title="Cykelkök")
    commitment.starts_on = local_day(utcnow()) - timedelta(days=days)
    indicator = add_indicator(commitment, name="Lagade cyklar")
    indicator.reporting_interval = interval
    db.session.commit()
    return arena, owner, commitment, indicator


def _mails():
    db.session.expire_all()
    return db.session.scalar(
        select(func.count(OutboxMessage.id)).where(OutboxMessage.kind == "check_in_due")
    )


def test_due_periods_follow_the_interval_and_the_grace():
    start = local_day(utcnow())
    assert due_period(start, "monthly", start + timedelta(days=30 + GRACE_DAYS)) is None
    assert due_period(start, "monthly", start + timedelta(days=40)) == start + timedelta(days=30)
    assert due_period(start, "monthly", start + timedelta(days=70)) == start + timedelta(days=60)
    assert due_period(start, "weekly", start + timedelta(days=15)) == start + timedelta(days=7)
    assert due_period(start, "yearly", start + timedelta(days=300)) is None


def test_forty_days_without_a_value_give_one_reminder_not_two(app, make, smtp_server, send_outbox):
    _arena, _owner, commitment, _indicator = _overdue_commitment(make)
    runner = app.test_cli_runner()
    first = runner.invoke(args=["reminders", "send"])
    second = runner.invoke(args=["reminders", "send"])
    assert "1 reminder(s) queued" in first.output
    assert "0 reminder(s) queued" in second.output
    assert _mails() == 1

    send_outbox()
    [mail] = smtp_server.messages
    assert mail["To"] == "ada@example.org"
    assert mail["Subject"] == "Time to report on “Cykelkök”"
    text = mail.get_body(("plain",)).get_content()
    assert "Lagade cyklar" in text
    assert f"/commitments/{commitment.id}/check-ins/new" in text
    assert text.startswith("Hello Ada,")


def test_the_reminder_is_in_the_owners_language(app, make, smtp_server, send_outbox):
    _overdue_commitment(make, language="sv")
    services.send_reminders(utcnow())
    db.session.commit()
    send_outbox()
    [mail] = smtp_server.messages
    assert mail["Subject"] == "Dags att rapportera om ”Cykelkök”"


def test_two_runs_at_once_send_one_reminder(app, make, monkeypatch):
    _overdue_commitment(make)
    both_looked = threading.Barrier(2, timeout=20)
    looked = threading.local()
    claim = services.insert_ignoring_duplicates

    def claim_once_both_looked(*args, **kwargs):
        # Each run has found the due indicator before either claims it.
        if not getattr(looked, "done", False):
            looked.done = True
            both_looked.wait()
        return claim(*args, **kwargs)

    monkeypatch.setattr(services, "insert_ignoring_duplicates", claim_once_both_looked)
    now = utcnow()
    counts = _side_by_side(app, lambda: services.send_reminders(now))
    assert sorted(counts) == [0, 1]
    assert _mails() == 1
    assert db.session.scalar(select(func.count(CheckInReminder.id))) == 1


def test_nothing_is_due_within_the_interval_and_its_grace(app, make):
    _overdue_commitment(make, days=30 + GRACE_DAYS)
    assert services.send_reminders(utcnow()) == 0


def test_a_new_value_ends_the_due_period(app, make):
    _arena, owner, commitment, indicator = _overdue_commitment(make)
    add_value(commitment, indicator, 12, author=owner, on=local_day(utcnow()) - timedelta(days=3))
    assert services.send_reminders(utcnow()) == 0
    assert list_overdue_commitments(utcnow()) == []


def test_the_next_due_period_gets_its_own_reminder(app, make):
    _overdue_commitment(make, days=40)
    now = utcnow()
    assert services.send_reminders(now) == 1
    assert services.send_reminders(now + timedelta(days=10)) == 0
    assert services.send_reminders(now + timedelta(days=31)) == 1
    db.session.commit()
    assert _mails() == 2


def test_members_of_an_owning_organisation_are_reminded_once_each(app, make):
    arena = make.arena()
    members = [make.user(email=f"m{n}@example.org") for n in range(2)]
    organisation = make.organisation(members=members, arenas=[arena])
    commitment = make_commitment(make, arena, organisation=organisation, owner=members[0])
    commitment.starts_on = local_day(utcnow()) - timedelta(days=100)
    add_indicator(commitment, name="A")
    add_indicator(commitment, name="B")
    assert services.send_reminders(utcnow()) == 2  # one mail each, both indicators in it
    db.session.commit()
    assert _mails() == 2


def test_facilitators_see_overdue_commitments_on_their_hub(app, make, client_for):
    arena, _owner, commitment, _indicator = _overdue_commitment(make)
    facilitator = make.facilitator(arena)
    page = client_for(facilitator, accept_language="en").get(f"/arenas/{arena.slug}/manage")
    text = page_text(page)
    assert "Overdue for a check-in" in text
    assert "Cykelkök" in text and "Lagade cyklar" in text
    html = page.get_data(as_text=True)
    assert f'href="/commitments/{commitment.id}"' in html


def test_the_indicator_form_sets_the_reporting_interval(app, make, client_for):
    arena = make.arena()
    owner = make.user(connected_to=arena)
    commitment = make_commitment(make, arena, owner=owner)
    form = {
        "name": "Kilo matavfall",
        "unit": "kg",
        "direction": "down",
        "baseline_value": "100",
        "baseline_on": "2026-01-10",
        "target_value": "50",
        "target_on": "2026-12-31",
        "reporting_interval": "quarterly",
    }
    client = client_for(owner, accept_language="en")
    page = client.get(f"/commitments/{commitment.id}/indicators/new")
    assert "Every quarter" in page_text(page)
    response = client.post(f"/commitments/{commitment.id}/indicators/new", data=form)
    assert response.status_code == 303
    assert db.session.scalar(select(Indicator.reporting_interval)) == "quarterly"
    wrong = client.post(
        f"/commitments/{commitment.id}/indicators/new", data={**form, "reporting_interval": "x"}
    )
    assert wrong.status_code == 422 or "Choose how often" in page_text(wrong)


def test_staff_see_the_commitment_overdue_in_their_comparison(app, make, client_for):
    arena, _owner, commitment, _indicator = _overdue_commitment(make)
    # Within its own 90-day check-in interval: only the monthly indicator makes it late.
    commitment.check_in_interval_days = 90
    db.session.commit()
    staff = client_for(make.user(is_staff=True), accept_language="en")
    year = commitment.cycle.year
    listed = f"/staff/commitments/{arena.slug}?year={year}&overdue=1"
    assert "Cykelkök" in page_text(staff.get(listed))
    html = staff.get(f"/staff/compare?year={year}").get_data(as_text=True)
    assert f'href="/staff/commitments/{arena.slug}?year={year}&amp;overdue=1">1</a>' in html
