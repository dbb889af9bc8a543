"""Changes to the outbox that people make: an admin tries a failed message again,
an operator purges old sent messages (their links are secrets, even if spent)."""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import delete

from arena.audit import services as audit
from arena.core.errors import ActionRefused
from arena.core.permissions import require_admin
from arena.extensions import db
from arena.mail.models import MessageStatus, OutboxMessage


def why_not_retry(message: OutboxMessage) -> str | None:
    if message.status != MessageStatus.FAILED:
        return _("Only a message that failed can be tried again.")
    return None


def can_retry(message: OutboxMessage) -> bool:
    return why_not_retry(message) is None


def retry_message(actor, message: OutboxMessage, *, now: datetime) -> None:
    """A failed message goes back to the queue with a fresh set of tries."""
    require_admin(actor)
    reason = why_not_retry(message)
    if reason:
        raise ActionRefused(reason, 409)
    message.status = MessageStatus.PENDING
    message.attempts = 0
    message.next_attempt_at = now
    # The address is personal data: the audit log names the message, not the person.
    audit.record(actor, "mail.retry", target=message, kind=message.kind)
    db.session.flush()


def purge_sent(*, before: datetime) -> int:
    """Delete messages sent before `before`; the number deleted."""
    result = db.session.execute(
        delete(OutboxMessage)
        .where(OutboxMessage.status == MessageStatus.SENT, OutboxMessage.sent_at < before)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount
