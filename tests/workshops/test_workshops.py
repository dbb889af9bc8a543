"""Recording workshops and the proposals typed in from paper, through HTTP."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from babel.dates import format_date
from sqlalchemy import select

from arena.audit.models import AuditEntry
from arena.extensions import db
from arena.proposals.models import Proposal
from arena.workshops.models import Workshop
from tests.helpers import flashes, page_text
from tests.workshops.helpers import add_tallies, add_workshop, build_scene, snapshot

STOCKHOLM = ZoneInfo("Europe/Stockholm")
GOOD = {
    "date": "2026-07-14",
    "time": "18:30",
    "place": "Tensta träff",
    "language": "so",
    "participant_count": "12",
    "notes": "Vi pratade om cyklar.\n\nOch om mat.",
}


@pytest.fixture
def voting(app):
    """Järva voting, with a proposal, a workshop and its facilitator as the actor."""
    arena, cycle, proposals, workshop, facilitator = build_scene("voting", "facilitator")
    return arena, cycle, proposals[0], workshop, facilitator


def test_a_workshop_is_recorded_in_swedish_time(client_for, voting):
    arena, cycle, _, _, facilitator = voting
    client = client_for(facilitator, accept_language="en")
    response = client.post("/workshops/jarva/new", data={**GOOD, "cycle": str(cycle.year)})
    assert response.status_code == 303
    workshop = db.session.scalar(select(Workshop).order_by(Workshop.id.desc()))
    assert response.headers["Location"].endswith(f"/workshops/jarva/{workshop.id}")
    # 18:30 in Stockholm in July is 16:30 UTC (summer time).
    assert workshop.held_at == datetime(2026, 7, 14, 16, 30, tzinfo=UTC)
    assert (workshop.place, workshop.language, workshop.participant_count) == (
        "Tensta träff",
        "so",
        12,
    )
    assert (workshop.cycle_id, workshop.created_by_id) == (cycle.id, facilitator.id)
    entry = db.session.scalar(select(AuditEntry).order_by(AuditEntry.id.desc()))
    assert (entry.action, entry.actor_id, entry.arena_id, entry.target_id) == (
        "workshop.record",
        facilitator.id,
        arena.id,
        workshop.id,
    )
    assert entry.details["participants"] == 12 and "notes" not in entry.details

    winter = client.post(
        "/workshops/jarva/new", data={**GOOD, "date": "2026-01-14", "cycle": str(cycle.year)}
    )
    assert winter.status_code == 303
    latest = db.session.scalar(select(Workshop).order_by(Workshop.id.desc()))
    assert latest.held_at == datetime(2026, 1, 14, 17, 30, tzinfo=UTC)

    page = page_text(client.get(f"/workshops/jarva/{workshop.id}"))
    assert "Workshop at Tensta träff" in page
    assert "July 14, 2026, 6:30" in page  # shown in Swedish time again
    assert "Soomaali" in page and "Vi pratade om cyklar." in page


BAD_INPUT = [
    ({"place": ""}, "Say where the workshop was held."),
    ({"place": "\x00"}, "Say where the workshop was held."),
    ({"place": "x" * 201}, "Place"),
    ({"participant_count": ""}, "Enter the number of participants."),
    ({"participant_count": "-1"}, "Enter a number from 0 to 10000."),
    ({"participant_count": "10001"}, "Enter a number from 0 to 10000."),
    ({"participant_count": "9" * 5000}, "Enter a whole number, like 12."),
    ({"participant_count": "12\x00"}, "Enter a whole number, like 12."),
    ({"participant_count": "1e3"}, "Enter a whole number, like 12."),
    ({"date": ""}, "Enter the date of the workshop."),
    ({"date": "2026-02-30"}, "Enter a date like 2026-05-14."),
    ({"date": "0001-01-01"}, "Enter a date between 2000 and 2100."),
    ({"time": "25:00"}, "Enter a time like 18:30."),
    ({"language": "xx"}, "Language spoken"),
    ({"cycle": "99999999999999999999"}, "Cycle"),
]


@pytest.mark.parametrize(("change", "message"), BAD_INPUT)
def test_bad_workshop_input_saves_nothing(client_for, voting, change, message):
    _, cycle, _, _, facilitator = voting
    before = snapshot()
    response = client_for(facilitator, accept_language="en").post(
        "/workshops/jarva/new", data={**GOOD, "cycle": str(cycle.year), **change}
    )
    assert response.status_code == 200
    assert "Please correct the following" in page_text(response)
    assert message in page_text(response)
    assert snapshot() == before


BLANK_DAY_OR_TIME = [
    ({"date": " "}, "Enter the date of the workshop."),
    ({"time": " "}, "Enter the time the workshop started."),
    ({"date": ""}, "Enter the date of the workshop."),
    ({"time": ""}, "Enter the time the workshop started."),
]


@pytest.mark.parametrize(("change", "message"), BLANK_DAY_OR_TIME)
@pytest.mark.parametrize("editing", [False, True], ids=["create", "edit"])
def test_a_blank_date_or_time_is_the_required_error(client_for, voting, change, message, editing):
    """A space-only date or time once crashed the page (500); it is a missing field."""
    _, cycle, _, workshop, facilitator = voting
    before = snapshot()
    url = f"/workshops/jarva/{workshop.id}/edit" if editing else "/workshops/jarva/new"
    response = client_for(facilitator, accept_language="en").post(
        url, data={**GOOD, "cycle": str(cycle.year), **change}
    )
    assert response.status_code == 200
    assert "Please correct the following" in page_text(response)
    assert message in page_text(response)
    assert snapshot() == before


def test_editing_a_workshop_is_audited(client_for, voting):
    _, _, _, workshop, facilitator = voting
    client = client_for(facilitator, accept_language="en")
    form = client.get(f"/workshops/jarva/{workshop.id}/edit").get_data(as_text=True)
    assert 'value="Tensta träff"' in form and 'value="12"' in form

    held = workshop.held_at
    local = held.astimezone(STOCKHOLM)
    same = {
        "date": local.strftime("%Y-%m-%d"),
        "time": local.strftime("%H:%M"),
        "place": "Tensta träff",
        "language": "sv",
        "participant_count": "12",
        "notes": "",
    }
    audit_before = db.session.scalar(select(db.func.count(AuditEntry.id)))
    nothing = client.post(f"/workshops/jarva/{workshop.id}/edit", data=same, follow_redirects=True)
    assert flashes(nothing) == ["Nothing was changed."]
    assert db.session.scalar(select(db.func.count(AuditEntry.id))) == audit_before

    response = client.post(
        f"/workshops/jarva/{workshop.id}/edit",
        data={**same, "participant_count": "15", "place": "Husby träff"},
    )
    assert response.status_code == 303
    db.session.expire_all()
    assert (workshop.participant_count, workshop.place) == (15, "Husby träff")
    entry = db.session.scalar(select(AuditEntry).order_by(AuditEntry.id.desc()))
    assert entry.action == "workshop.edit"
    assert entry.details["changed"] == ["place", "participant_count"]


def test_a_workshop_with_dots_cannot_move_past_the_vote(client_for, voting):
    _, cycle, proposal, workshop, facilitator = voting
    add_tallies(workshop, {proposal: 4})
    before = snapshot()
    late = cycle.voting_closes_at + timedelta(days=1)
    response = client_for(facilitator, accept_language="en").post(
        f"/workshops/jarva/{workshop.id}/edit",
        data={**GOOD, "date": late.strftime("%Y-%m-%d")},
        follow_redirects=True,
    )
    assert response.status_code == 200
    assert "This workshop has dot votes, so it cannot be moved to after voting closed" in page_text(
        response
    )
    assert snapshot() == before


def test_workshop_pages_are_public_and_stay_in_their_arena(client_for, make, voting):
    arena, cycle, _, workshop, _ = voting
    other = make.arena("Skärholmen 2", slug="skarholmen-2")
    anonymous = client_for(None, accept_language="en")
    listing = anonymous.get("/workshops/jarva")
    assert listing.status_code == 200
    assert "Tensta träff" in page_text(listing) and "12 participants" in page_text(listing)
    assert "Record a workshop" not in page_text(listing)
    assert anonymous.get(f"/workshops/jarva/{workshop.id}").status_code == 200
    # The workshop belongs to Järva: under another arena's address it does not exist.
    assert anonymous.get(f"/workshops/{other.slug}/{workshop.id}").status_code == 404
    assert anonymous.get(f"/workshops/jarva/{2**40}").status_code == 404
    assert anonymous.get("/workshops/no-such-arena").status_code == 404
    assert "Workshops in Järva" in page_text(anonymous.get("/arenas/jarva"))


def test_a_paper_proposal_is_credited_to_its_workshop(client_for, make, voting):
    arena, cycle, _, workshop, facilitator = voting
    client = client_for(facilitator, accept_language="en")
    form = client.get(f"/workshops/jarva/{workshop.id}/proposals/new").get_data(as_text=True)
    assert '<option selected value="sv">' in form or 'value="sv" selected' in form
    assert 'name="organisation"' not in form
    data = {
        "title": "Cykelverkstad för barn",
        "summary": "Barn lagar cyklar.",
        "theme": "transport",
        "language": "sv",
        "co_benefits": [],
    }
    response = client.post(
        f"/workshops/jarva/{workshop.id}/proposals/new", data=data, follow_redirects=True
    )
    assert (
        "“Cykelverkstad för barn” is published and credited to the workshop."
        in flashes(response)[0]
    )
    assert 'name="title"' in response.get_data(
        as_text=True
    )  # back to an empty form for the next one

    proposal = db.session.scalar(select(Proposal).where(Proposal.title == "Cykelverkstad för barn"))
    # The workshop is its author of record; who typed it in is in the audit log.
    assert (proposal.workshop_id, proposal.author_id, proposal.cycle_id) == (
        workshop.id,
        None,
        cycle.id,
    )
    typed = db.session.scalar(
        select(AuditEntry).where(AuditEntry.action == "workshop.add_proposal")
    )
    assert typed.actor_id == facilitator.id
    day = format_date(workshop.held_at.astimezone(STOCKHOLM).date(), "long", locale="en")
    credit = f"From the workshop at Tensta träff, {day}"
    for path in (
        f"/proposals/{proposal.id}",
        "/arenas/jarva/proposals",
        f"/workshops/jarva/{workshop.id}",
    ):
        text = page_text(client_for(None, accept_language="en").get(path))
        assert credit in text, path
        assert facilitator.display_name not in text, path
    assert f'href="/workshops/jarva/{workshop.id}"' in client.get(
        f"/proposals/{proposal.id}"
    ).get_data(as_text=True)

    # From then on it is an ordinary proposal: people support it online while voting is open.
    resident = make.user(connected_to=arena)
    assert client_for(resident).post(f"/proposals/{proposal.id}/support").status_code == 303
    db.session.expire_all()
    assert proposal.support_count == 1


def test_a_paper_proposal_needs_its_fields(client_for, voting):
    _, _, _, workshop, facilitator = voting
    before = snapshot()
    response = client_for(facilitator, accept_language="en").post(
        f"/workshops/jarva/{workshop.id}/proposals/new",
        data={"title": "\x00", "summary": "", "theme": "nope"},
    )
    assert response.status_code == 200
    assert "Give the proposal a title." in page_text(response)
    assert snapshot() == before


def test_input_waits_until_the_workshop_has_started(client_for, voting):
    _, cycle, proposal, _, facilitator = voting
    planned = add_workshop(
        cycle, facilitator, held_at=datetime.now(UTC) + timedelta(days=2), place="Rinkeby bibliotek"
    )
    before = snapshot()
    client = client_for(facilitator, accept_language="en")
    paper = client.post(
        f"/workshops/jarva/{planned.id}/proposals/new",
        data={"title": "X", "summary": "Y", "theme": "transport", "language": "sv"},
    )
    dots = client.post(f"/workshops/jarva/{planned.id}/tallies", data={f"votes_{proposal.id}": "3"})
    for response in (paper, dots):
        assert response.status_code == 403
        assert "This workshop has not started yet" in page_text(response)
    assert snapshot() == before
    # Planning ahead is fine: the workshop itself can be recorded and edited.
    assert client.get(f"/workshops/jarva/{planned.id}/edit").status_code == 200
