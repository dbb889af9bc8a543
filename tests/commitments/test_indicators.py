"""Indicators: added with Swedish numbers, checked before the database, and never
deleted once they have values."""

from sqlalchemy import select

from arena.audit.models import AuditEntry
from arena.commitments.models import Indicator
from arena.extensions import db
from tests.commitments.followup_helpers import add_indicator, add_value, make_commitment
from tests.helpers import count, flashes, page_text

FORM = {
    "name": "Cykelturer till skolan",
    "unit": "turer per vecka",
    "direction": "up",
    "baseline_value": "1 250,5",
    "baseline_on": "2026-01-10",
    "target_value": "2 000",
    "target_on": "2026-12-31",
    "method": "Räkning vid cykelstället",
    "reported_by": "Skolans elevråd",
}


def test_owner_adds_an_indicator_with_a_decimal_comma(make, client_for):
    arena = make.arena()
    owner = make.user(connected_to=arena)
    commitment = make_commitment(make, arena, owner=owner)
    response = client_for(owner, accept_language="en").post(
        f"/commitments/{commitment.id}/indicators/new", data=FORM
    )
    assert response.status_code == 303
    indicator = db.session.scalar(select(Indicator))
    assert indicator.baseline_value == 1250.5
    assert indicator.target_value == 2000
    assert indicator.reported_by == "Skolans elevråd"
    page = client_for(None, accept_language="en").get(f"/commitments/{commitment.id}")
    text = page_text(page)
    assert "Cykelturer till skolan" in text and "<svg" in page.get_data(as_text=True)
    assert "<caption" in page.get_data(as_text=True)
    # Owners' own changes are not facilitator actions: no audit row.
    assert count(AuditEntry) == 0


def test_facilitator_change_is_audited(make, client_for):
    arena = make.arena()
    facilitator = make.facilitator(arena)
    commitment = make_commitment(make, arena)
    client_for(facilitator, accept_language="en").post(
        f"/commitments/{commitment.id}/indicators/new", data=FORM
    )
    assert [e.action for e in db.session.scalars(select(AuditEntry))] == ["indicator.add"]


def _refused(client, commitment, **changes):
    response = client.post(f"/commitments/{commitment.id}/indicators/new", data={**FORM, **changes})
    assert response.status_code == 200
    assert count(Indicator) == 0
    return page_text(response)


def test_form_explains_bad_numbers_and_targets(make, client_for):
    arena = make.arena()
    owner = make.user(connected_to=arena)
    commitment = make_commitment(make, arena, owner=owner)
    client = client_for(owner, accept_language="en")
    assert "Enter a number" in _refused(client, commitment, baseline_value="tolv")
    assert "Enter a number" in _refused(client, commitment, target_value="1" + "0" * 400)
    assert "must differ from the baseline" in _refused(client, commitment, target_value="1250,5")
    assert "must be higher than the baseline" in _refused(client, commitment, target_value="100")
    assert "must be lower than the baseline" in _refused(client, commitment, direction="down")
    assert "target date must be after" in _refused(client, commitment, target_on="2026-01-10")
    assert "Choose whether more or less" in _refused(client, commitment, direction="sideways")
    assert "Enter a date" in _refused(client, commitment, baseline_on="10/1 2026")
    assert _refused(client, commitment, name="\x00") and True


def test_edit_keeps_values_and_delete_refuses_when_measured(make, client_for):
    arena = make.arena()
    owner = make.user(connected_to=arena)
    commitment = make_commitment(make, arena, owner=owner)
    measured = add_indicator(commitment)
    unmeasured = add_indicator(
        commitment, name="Bilresor", direction="down", baseline=50, target=30
    )
    add_value(commitment, measured, 12, author=owner)
    client = client_for(owner, accept_language="en")

    page = client.get(f"/commitments/{commitment.id}/indicators/{measured.id}/edit")
    assert 'value="10"' in page.get_data(as_text=True)
    response = client.post(
        f"/commitments/{commitment.id}/indicators/{measured.id}/edit",
        data={**FORM, "name": "Cykelturer", "baseline_value": "10", "target_value": "25,5"},
    )
    assert response.status_code == 303
    db.session.expire_all()
    assert db.session.get(Indicator, measured.id).target_value == 25.5

    response = client.post(
        f"/commitments/{commitment.id}/indicators/{measured.id}/delete", follow_redirects=True
    )
    assert response.status_code == 200
    assert any("already has measured values" in f for f in flashes(response))
    assert db.session.get(Indicator, measured.id) is not None

    response = client.post(f"/commitments/{commitment.id}/indicators/{unmeasured.id}/delete")
    assert response.status_code == 303
    db.session.expire_all()
    assert count(Indicator) == 1


def test_indicator_of_another_commitment_is_not_found(make, client_for):
    arena = make.arena()
    owner = make.user(connected_to=arena)
    mine = make_commitment(make, arena, owner=owner)
    other = make_commitment(make, arena, cycle=mine.cycle, title="Annat")
    indicator = add_indicator(other)
    client = client_for(owner, accept_language="en")
    assert (
        client.post(f"/commitments/{mine.id}/indicators/{indicator.id}/delete").status_code == 404
    )
    assert client.get(f"/commitments/{mine.id}/indicators/99999999999/edit").status_code == 404
    assert count(Indicator) == 1
