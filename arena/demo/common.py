"""Small helpers the demo modules share: rows looked up by a natural key first."""

from datetime import datetime

from sqlalchemy import select, update

from arena.accounts.models import User
from arena.audit.models import AuditEntry
from arena.core.database import added
from arena.extensions import db
from arena.proposals.models import Participation, Proposal, Support


def get_or_add(model, lookup: dict, **values):
    found = db.session.scalar(select(model).filter_by(**lookup))
    if found is not None:
        return found, False
    return added(model(**lookup, **values)), True


def user_by_email(email: str) -> User:
    return db.session.scalar(select(User).where(User.email == email))


def neighbours() -> list[User]:
    return list(
        db.session.scalars(
            select(User)
            .where(
                User.email.like("%@example.org"),
                User.is_staff.is_(False),
                User.is_admin.is_(False),
                User.email != "facilitator@example.org",
                User.email != "resident@example.org",
            )
            .order_by(User.id)
        )
    )


def add_past_support(user: User, proposal: Proposal, at: datetime) -> None:
    """A support given in the past: written directly, with the counters kept in step.
    Nothing happens when the person supports the proposal already or has no supports left."""
    cycle = proposal.cycle
    if db.session.scalar(
        select(Support.id).where(Support.proposal_id == proposal.id, Support.user_id == user.id)
    ):
        return
    used = db.session.scalar(
        select(Participation).where(
            Participation.user_id == user.id, Participation.cycle_id == cycle.id
        )
    )
    if used is None:
        used = Participation(user_id=user.id, cycle_id=cycle.id, supports_used=0)
        db.session.add(used)
    if used.supports_used >= cycle.support_budget:
        return
    used.supports_used += 1
    db.session.add(Support(proposal_id=proposal.id, user_id=user.id, created_at=at))
    db.session.flush()
    db.session.execute(
        update(Proposal)
        .where(Proposal.id == proposal.id)
        .values(support_count=Proposal.support_count + 1)
    )


def date_audit_entry(action: str, target, at: datetime) -> None:
    """Put a demo action's audit row at the (past) moment the demo says it happened."""
    db.session.flush()
    entry = db.session.scalar(
        select(AuditEntry)
        .where(
            AuditEntry.action == action,
            AuditEntry.target_type == type(target).__name__.lower(),
            AuditEntry.target_id == target.id,
        )
        .order_by(AuditEntry.id.desc())
        .limit(1)
    )
    if entry is not None:
        entry.created_at = at
