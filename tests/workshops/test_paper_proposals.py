"""A proposal typed in from a workshop's paper has the workshop as its author of
record: pages credit the workshop, selection offers no person as owner, the
facilitator who typed it is in the audit log only, and the form speaks of the paper."""

from sqlalchemy import select

from arena.audit.models import AuditEntry
from arena.commitments.models import Commitment
from arena.extensions import db
from arena.proposals.models import Proposal
from tests import factories
from tests.helpers import page_text
from tests.workshops.helpers import build_scene

PAPER = {
    "title": "Cykelkök",
    "summary": "Laga cyklar ihop.",
    "theme": "transport",
    "language": "sv",
}


def _typed_in(client_for):
    arena, cycle, _, workshop, facilitator = build_scene("voting", "facilitator")
    client = client_for(facilitator, accept_language="en")
    form = client.get(f"/workshops/jarva/{workshop.id}/proposals/new")
    text = page_text(form)
    assert "Language the proposal is written in" in text
    assert "A short name for your idea" not in text and "Language you write in" not in text
    response = client.post(f"/workshops/jarva/{workshop.id}/proposals/new", data=PAPER)
    assert response.status_code == 303
    proposal = db.session.scalar(select(Proposal).where(Proposal.title == "Cykelkök"))
    return arena, cycle, workshop, facilitator, proposal


def test_the_workshop_is_the_author_and_the_typist_is_in_the_audit_log(client_for, app):
    arena, cycle, workshop, facilitator, proposal = _typed_in(client_for)
    assert (proposal.author_id, proposal.workshop_id) == (None, workshop.id)
    entry = db.session.scalar(
        select(AuditEntry).where(AuditEntry.action == "workshop.add_proposal")
    )
    assert (entry.actor_id, entry.target_id) == (facilitator.id, proposal.id)
    # Not the facilitator's proposal in their own data.
    mine = client_for(facilitator).get("/accounts/me/data.json").get_json()
    assert all(p["title"] != "Cykelkök" for p in mine["proposals"])


def test_selection_offers_no_person_as_owner(client_for, app):
    arena, cycle, workshop, facilitator, proposal = _typed_in(client_for)
    for name, value in factories.cycle_dates("selection").items():
        setattr(cycle, name, value)
    db.session.commit()
    client = client_for(facilitator, accept_language="en")
    page = client.get(f"/commitments/decide/{proposal.id}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'name="select-owner_author"' not in html
    assert "The workshop at Tensta träff" in page_text(page)
    assert facilitator.display_name not in page_text(page).split("Owners")[0].split("Author")[1]
    # Even a hand-made form cannot make the facilitator an owner through it.
    client.post(
        f"/commitments/decide/{proposal.id}/select",
        data={
            "select-motivation": "Bra idé.",
            "select-title": "Cykelkök",
            "select-description": "Laga cyklar.",
            "select-owner_author": "y",
        },
    )
    for commitment in db.session.scalars(select(Commitment)):
        assert facilitator not in commitment.owner_users
