"""The sending worker: claims due messages, sends them, records what became of each.

How a message moves:

- A worker claims a small batch of due messages (`pending`, or `sending` whose lease
  ran out) with `SELECT … FOR UPDATE SKIP LOCKED` on PostgreSQL, so workers running
  side by side each take different rows; a conditional UPDATE makes the claim safe
  on SQLite as well. Claimed rows become `sending` with `next_attempt_at` = the end
  of the lease, and that is committed before any mail leaves.
- Each message is sent, then its new state is committed at once: `sent`, or tried
  again after a back-off (1, 5, 30 minutes, 2 hours, 12 hours), or `failed` after
  MAX_ATTEMPTS tries, with the server's last answer.
- When the server cannot be reached at all (connection refused, TLS or login
  refused), no message is to blame: the batch goes back to `pending` untouched
  (its tries are not counted) and is sent as soon as the server answers again.

Delivery is at least once. Between the server's "250 OK" and our commit (a few
milliseconds) a crash leaves the message `sending`; when its lease ends another run
sends it again. A duplicate mail (with the same Message-ID) is a smaller harm than a
lost verification or reset link, and the window is one message wide, never a batch.
"""

from __future__ import annotations

import logging
import smtplib
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select, update
from sqlalchemy.exc import DBAPIError

from arena.core.time import utcnow
from arena.extensions import db
from arena.mail.models import MessageStatus, OutboxMessage
from arena.mail.sender import (
    MailServer,
    MailServerUnavailable,
    SmtpConnection,
    describe,
    parse_mail_url,
)

log = logging.getLogger(__name__)

# Waits after the 1st, 2nd… failed try; after the last one comes MAX_ATTEMPTS.
BACKOFF = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=12),
)
MAX_ATTEMPTS = len(BACKOFF) + 1
BATCH_SIZE = 10
# Longer than a batch can take (BATCH_SIZE × the SMTP timeout), so no live worker's
# message is claimed by another.
LEASE = timedelta(minutes=10)
# A loop facing a mail server that does not answer waits longer each time, up to this.
MAX_OUTAGE_WAIT = 300.0


@dataclass
class SendReport:
    sent: int = 0
    retried: int = 0  # failed this time, will be tried again later
    failed: int = 0  # failed for good (MAX_ATTEMPTS tries)
    outage: str | None = None  # why the server could not be reached, if it could not

    @property
    def anything(self) -> bool:
        return bool(self.sent or self.retried or self.failed or self.outage)


def configured_server() -> MailServer | None:
    """The server in ARENA_MAIL_URL, or None in the embedded default (no server)."""
    url = current_app.config.get("MAIL_URL")
    return parse_mail_url(url) if url else None


def backoff_after(attempts: int) -> timedelta:
    return BACKOFF[min(attempts, len(BACKOFF)) - 1]


def _due(now: datetime):
    return OutboxMessage.status.in_((MessageStatus.PENDING, MessageStatus.SENDING)) & (
        OutboxMessage.next_attempt_at <= now
    )


def claim_batch(now: datetime, limit: int = BATCH_SIZE) -> list[OutboxMessage]:
    """Take up to `limit` due messages for this worker and commit the claim.

    Empty only when nothing is due: a worker that loses every row of a batch to
    another (possible on SQLite, which has no row locks to skip) looks again.
    """
    while True:
        candidates = db.session.scalars(
            select(OutboxMessage.id)
            .where(_due(now))
            .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        ).all()
        claimed = [message_id for message_id in candidates if _claim(message_id, now)]
        db.session.commit()
        if claimed or not candidates:
            break
    if not claimed:
        return []
    return list(
        db.session.scalars(
            select(OutboxMessage).where(OutboxMessage.id.in_(claimed)).order_by(OutboxMessage.id)
        )
    )


def _claim(message_id: int, now: datetime) -> bool:
    # Still due means nobody else took it since we looked.
    result = db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id, _due(now))
        .values(status=MessageStatus.SENDING, next_attempt_at=now + LEASE)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def record_failure(message: OutboxMessage, error: str, now: datetime) -> bool:
    """Count a failed try; True when it was the last one (the message is failed)."""
    message.attempts += 1
    message.last_error = error[:500]
    if message.attempts >= MAX_ATTEMPTS:
        message.status = MessageStatus.FAILED
        message.next_attempt_at = now
        return True
    message.status = MessageStatus.PENDING
    message.next_attempt_at = now + backoff_after(message.attempts)
    return False


def release(messages, now: datetime, error: str | None = None) -> None:
    """Give claimed messages back, their tries uncounted (outage, or the worker stops)."""
    for message in messages:
        message.status = MessageStatus.PENDING
        message.next_attempt_at = now
        if error:
            message.last_error = error[:500]
    db.session.commit()


def _send_one(connection: SmtpConnection, message: OutboxMessage, now, report) -> None:
    try:
        connection.send(message, now=now)
    except MailServerUnavailable:
        raise
    except (smtplib.SMTPException, OSError) as exc:
        error = describe(exc)
    except Exception as exc:  # a message that cannot be built: count it, keep going
        log.exception("Outbox message %s could not be sent", message.id)
        error = describe(exc)
    else:
        message.status = MessageStatus.SENT
        message.attempts += 1
        message.sent_at = now
        db.session.commit()
        report.sent += 1
        return
    if record_failure(message, error, now):
        report.failed += 1
    else:
        report.retried += 1
    db.session.commit()


def send_due(
    *,
    now: datetime | None = None,
    batch_size: int = BATCH_SIZE,
    stop: threading.Event | None = None,
) -> SendReport:
    """Send every due message, batch by batch; `now` fixed only by tests."""
    server = configured_server()
    if server is None:
        raise MailServerUnavailable("no mail server is configured (ARENA_MAIL_URL)")
    report = SendReport()
    with SmtpConnection(server, current_app.config["MAIL_FROM"]) as connection:
        while not (stop and stop.is_set()):
            batch_now = now or utcnow()
            batch = claim_batch(batch_now, batch_size)
            if not batch:
                break
            for index, message in enumerate(batch):
                if stop and stop.is_set():
                    release(batch[index:], batch_now)
                    return report
                try:
                    _send_one(connection, message, now or utcnow(), report)
                except MailServerUnavailable as exc:
                    report.outage = str(exc)
                    release(batch[index:], batch_now, error=f"Mail server unreachable: {exc}")
                    return report
    return report


def run_loop(interval: float, stop: threading.Event, echo) -> None:
    """Send what is due every `interval` seconds until `stop` is set."""
    wait = interval
    while not stop.is_set():
        try:
            report = send_due(stop=stop)
        except DBAPIError as exc:
            db.session.rollback()
            report = SendReport(outage=f"database: {type(exc.orig).__name__}")
        finally:
            db.session.remove()
        if report.anything:
            echo(report)
        wait = max(interval, min(wait * 2, MAX_OUTAGE_WAIT)) if report.outage else interval
        stop.wait(wait)
