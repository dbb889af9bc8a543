"""The moderation demo: a thread, an open report, a hidden comment and a merged duplicate
in Järva, each action in the audit log; running it twice changes nothing."""

import functools

from sqlalchemy import func, select
from werkzeug.security import generate_password_hash

from arena.accounts import models as account_models
from arena.accounts.models import User
from arena.audit.models import AuditEntry
from arena.core.time import utcnow
from arena.demo import seed_demo
from arena.extensions import db
from arena.moderation.demo import seed_moderation_demo
from arena.moderation.models import Report
from arena.proposals.models import Comment, Proposal
from tests.helpers import page_text
from tests.moderation.tools import supports_are_consistent


def row_counts() -> dict[str, int]:
    return {
        table.name: db.session.scalar(select(func.count()).select_from(table))
        for table in db.metadata.sorted_tables
    }


def test_the_moderation_demo_is_consistent_and_idempotent(client_for, monkeypatch):
    quick = functools.partial(generate_password_hash, method="scrypt:1024:8:1")
    monkeypatch.setattr(account_models, "generate_password_hash", quick)
    now = utcnow()
    seed_demo(now)
    seed_moderation_demo(now)
    db.session.commit()
    counts = row_counts()
    seed_demo(now)
    seed_moderation_demo(now)
    db.session.commit()
    assert row_counts() == counts
    supports_are_consistent()

    duplicate = db.session.scalar(
        select(Proposal).where(Proposal.title == "Lådcyklar att låna i Tensta")
    )
    original = db.session.scalar(
        select(Proposal).where(Proposal.title == "Lånecyklar vid Tensta centrum")
    )
    assert (duplicate.status, duplicate.merged_into_id, duplicate.support_count) == (
        "merged",
        original.id,
        0,
    )
    assert (
        db.session.scalar(
            select(func.count()).select_from(Comment).where(Comment.parent_id.is_not(None))
        )
        >= 1
    )
    hidden = db.session.scalar(select(Comment).where(Comment.hidden_at.is_not(None)))
    assert hidden.hidden_reason and not hidden.is_auto_hidden
    assert (
        db.session.scalar(
            select(func.count()).select_from(Report).where(Report.resolved_at.is_(None))
        )
        == 1
    )
    # The full demo also records workshops and selections; these two are moderation's.
    moderation = list(
        db.session.scalars(
            select(AuditEntry).where(AuditEntry.action.in_(["comment.hide", "proposal.merge"]))
        )
    )
    assert sorted(e.action for e in moderation) == ["comment.hide", "proposal.merge"]
    assert all(e.actor_id is not None and e.reason for e in moderation)

    facilitator = db.session.scalar(select(User).where(User.email == "facilitator@example.org"))
    client = client_for(facilitator)
    # The demo facilitator prefers Swedish; the session's choice outranks the profile.
    client.post("/language", data={"language": "en"})
    assert "Reports (1)" in page_text(client.get("/"))
    queue = page_text(client.get("/moderation/jarva/reports"))
    assert "1 item waits for a decision." in queue and "Spam or advertising" in queue
    audit_page = page_text(client.get("/moderation/jarva/audit"))
    assert "Proposal merged into another" in audit_page and "Comment hidden" in audit_page
    text = page_text(client_for(None, accept_language="en").get(f"/proposals/{original.id}"))
    assert "Includes Lådcyklar att låna i Tensta" in text
    assert "Hidden by the facilitators: " + hidden.hidden_reason in text
