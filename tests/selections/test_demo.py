"""The selection demo: two commitments and one "not selected" in Innerstaden, once."""

from sqlalchemy import select

from arena.arenas.models import Arena, Cycle
from arena.commitments.models import Commitment
from arena.core.time import utcnow
from arena.demo import seed_demo
from arena.extensions import db
from arena.proposals.models import Proposal
from arena.selections.demo import seed_selection_demo
from tests import factories
from tests.helpers import count


def test_seed_selection_demo_is_idempotent(app, client_for, monkeypatch):
    # The demo hashes a dozen passwords; one cached hash keeps this test fast.
    monkeypatch.setattr("arena.accounts.models.generate_password_hash", factories.password_hash)
    now = utcnow()
    seed_demo(now)
    seed_selection_demo(now)
    db.session.commit()
    seed_selection_demo(now)
    db.session.commit()

    # The rest of the demo decides in other arenas too; these are Innerstaden's.
    innerstaden = select(Arena.id).where(Arena.slug == "innerstaden").scalar_subquery()
    commitments = db.session.scalars(
        select(Commitment).where(Commitment.arena_id == innerstaden)
    ).all()
    assert len(commitments) == 2
    decided = dict(
        db.session.execute(
            select(Proposal.title, Proposal.status)
            .join(Cycle, Proposal.cycle_id == Cycle.id)
            .where(Cycle.arena_id == innerstaden, Proposal.status.in_(["selected", "not_selected"]))
        ).all()
    )
    assert decided == {
        "Second hand-karta för Södermalm": "selected",
        "Sommargågata på Kungsholmen": "selected",
        "Energy advice for small shops": "not_selected",
    }
    assert all(c.owner_users and c.proposals for c in commitments)
    # The demo's result page shows the decisions.
    page = (
        client_for(None, accept_language="en")
        .get("/arenas/innerstaden/results")
        .get_data(as_text=True)
    )
    assert page.count("See the commitment") == 2


def test_seed_selection_demo_without_demo_data_does_nothing(app):
    seed_selection_demo(utcnow())
    assert count(Commitment) == 0
