"""What the admin's outbox page reads: messages newest first, counts by status."""

from __future__ import annotations

from sqlalchemy import func, select

from arena.extensions import db
from arena.mail.models import MessageStatus, OutboxMessage

# What the page filters on: a message being sent counts as waiting, like a pending one.
FILTERS = {
    "pending": (MessageStatus.PENDING, MessageStatus.SENDING),
    "sent": (MessageStatus.SENT,),
    "failed": (MessageStatus.FAILED,),
}


def outbox_query(status: str | None = None):
    query = select(OutboxMessage).order_by(OutboxMessage.created_at.desc(), OutboxMessage.id.desc())
    if status in FILTERS:
        query = query.where(OutboxMessage.status.in_(FILTERS[status]))
    return query


def count_by_status() -> dict[str, int]:
    """{"pending": n, "sent": n, "failed": n}, every key present."""
    rows = db.session.execute(
        select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
    ).all()
    found = dict(rows)
    return {
        name: sum(found.get(status, 0) for status in statuses) for name, statuses in FILTERS.items()
    }
