"""`flask --app arena seed-demo`: five arenas in different phases, demo accounts that
can sign in, and a second run that changes nothing."""

import pytest
from sqlalchemy import func, select

from arena.accounts.models import User
from arena.arenas.models import Arena
from arena.arenas.phases import Phase, phase_at
from arena.arenas.queries import get_current_cycle
from arena.audit.models import AuditEntry
from arena.commitments.models import CheckIn, Commitment, IndicatorValue
from arena.core.time import utcnow
from arena.demo import DEMO_ACCOUNTS, seed_demo
from arena.extensions import db
from arena.proposals.models import Proposal
from tests.helpers import page_text
from tests.moderation.tools import supports_are_consistent


def row_counts() -> dict[str, int]:
    return {
        table.name: db.session.scalar(select(func.count()).select_from(table))
        for table in db.metadata.sorted_tables
    }


@pytest.mark.usefixtures("quick_password_hashing")  # the seed hashes a dozen passwords
def test_seed_demo_loads_the_arenas_and_is_idempotent(app, client_for):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0, first.output
    db.session.expire_all()

    arenas = list(db.session.scalars(select(Arena)))
    assert len(arenas) == 5
    now = utcnow()
    phases = {phase_at(get_current_cycle(arena, now), now) for arena in arenas}
    assert {Phase.PROPOSING, Phase.VOTING} <= phases
    for email, _name, password, _role in DEMO_ACCOUNTS:
        assert email in first.output and password in first.output
        assert db.session.scalar(select(User).where(User.email == email)).check_password(password)

    counts = row_counts()
    assert counts["proposals"] > 0 and counts["supports"] > 0
    second = runner.invoke(args=["seed-demo"])
    assert second.exit_code == 0, second.output
    db.session.expire_all()
    assert row_counts() == counts

    # The demo resident can sign in through the site.
    email, _, password, _ = DEMO_ACCOUNTS[0]
    response = client_for(None).post(
        "/accounts/sign-in", data={"email": email, "password": password}
    )
    assert response.status_code == 303


@pytest.mark.usefixtures("quick_password_hashing")
def test_the_demo_tells_one_consistent_story(app, client_for):
    """Selections with the supports their motivation claims, a facilitator in every
    arena, every audited action done by a person, and numbers in the page's language."""
    now = utcnow()
    seed_demo(now)
    db.session.commit()
    supports_are_consistent()

    # "Most supports" (Flest stöd): the selected proposal leads its cycle's supports.
    selected = list(db.session.scalars(select(Proposal).where(Proposal.status == "selected")))
    assert selected and all(p.support_count > 0 for p in selected)
    claims = [p for p in selected if p.decision_note.startswith("Flest stöd")]
    assert {p.cycle.year for p in claims} == {now.year, now.year - 1}
    for proposal in claims:
        others = db.session.scalars(
            select(Proposal.support_count).where(
                Proposal.cycle_id == proposal.cycle_id, Proposal.id != proposal.id
            )
        ).all()
        assert proposal.support_count > max(others, default=0), proposal.title

    # Every arena has a facilitator, and the demo facilitator can follow each of them.
    facilitator = db.session.scalar(select(User).where(User.email == "facilitator@example.org"))
    for arena in db.session.scalars(select(Arena)):
        assert facilitator.facilitates(arena), arena.slug

    # Nothing in the audit log is by "System": selections, adoption, reviews, moderation.
    entries = list(db.session.scalars(select(AuditEntry)))
    assert {"proposal.select", "proposal.not_select", "commitment.adopt"} <= {
        e.action for e in entries
    }
    assert [e.action for e in entries if e.actor_id is None] == []
    for entry in entries:
        if entry.action.startswith("proposal.") and entry.arena_id is not None:
            assert db.session.get(User, entry.actor_id).facilitates(
                db.session.get(Arena, entry.arena_id)
            )
    audit = page_text(client_for(facilitator).get("/moderation/innerstaden/audit"))
    assert "Johan, facilitator (demo)" in audit and "System" not in audit

    # Swedish pages write the measured 82.5 households with a decimal comma.
    measured = db.session.scalar(
        select(Commitment).join(CheckIn).join(IndicatorValue).where(IndicatorValue.value == 82.5)
    )
    swedish = client_for(None, accept_language="sv").get(f"/commitments/{measured.id}")
    text = page_text(swedish)
    assert "82,5 hushåll" in text and "82.5" not in text
