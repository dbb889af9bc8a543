"""The workshop demo: an evening at Tensta träff in Järva, added once however often it runs."""

from sqlalchemy import func, select

from arena.audit.models import AuditEntry
from arena.core.time import utcnow
from arena.demo import seed_demo
from arena.extensions import db
from arena.proposals.models import Proposal
from arena.workshops.demo import seed_workshop_demo
from arena.workshops.models import Workshop, WorkshopTally
from arena.workshops.queries import workshop_votes_by_proposal
from tests import factories


def test_the_demo_workshop_is_seeded_once(app, monkeypatch, client_for):
    # The demo hashes a dozen passwords; one cached hash keeps this test quick.
    fixed = factories.password_hash(factories.PASSWORD)
    monkeypatch.setattr("arena.accounts.models.generate_password_hash", lambda password: fixed)
    now = utcnow()
    assert seed_workshop_demo(now) is None  # nothing to add it to yet
    seed_demo(now)
    workshop = seed_workshop_demo(now)
    db.session.commit()
    counts = [
        db.session.scalar(select(func.count()).select_from(m))
        for m in (Workshop, WorkshopTally, Proposal)
    ]
    assert seed_workshop_demo(now).id == workshop.id
    db.session.commit()
    assert [
        db.session.scalar(select(func.count()).select_from(m))
        for m in (Workshop, WorkshopTally, Proposal)
    ] == counts

    assert (workshop.place, workshop.participant_count, workshop.language) == (
        "Tensta träff",
        12,
        "sv",
    )
    assert workshop.cycle.arena.slug == "jarva" and workshop.held_at < now
    paper = db.session.scalars(select(Proposal).where(Proposal.workshop_id == workshop.id)).all()
    assert len(paper) == 3 and all(p.language == "sv" and p.support_count == 0 for p in paper)
    votes = workshop_votes_by_proposal(workshop.cycle)
    online = db.session.scalar(
        select(Proposal.id).where(Proposal.title == "Verktygsbibliotek i Tensta")
    )
    assert votes[online] == (9, 1) and len(votes) == 6
    # Entered by the facilitator through the workshop services, each step audit-logged.
    logged = db.session.execute(
        select(AuditEntry.action, AuditEntry.actor_id).where(AuditEntry.action.like("workshop.%"))
    ).all()
    assert sorted(action for action, _ in logged) == [
        "workshop.add_proposal",
        "workshop.add_proposal",
        "workshop.add_proposal",
        "workshop.record",
        "workshop.save_tallies",
    ]
    assert {actor for _, actor in logged} == {workshop.created_by_id}

    page = client_for(None).get(f"/workshops/jarva/{workshop.id}")
    assert page.status_code == 200 and "Cykelverkstad för barn på Tensta träff" in page.get_data(
        as_text=True
    )
