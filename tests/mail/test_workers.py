"""Workers side by side never send one message twice: on PostgreSQL each claims its
batch with SELECT … FOR UPDATE SKIP LOCKED, on SQLite a conditional UPDATE decides."""

import threading

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from arena.extensions import db
from arena.mail import worker
from arena.mail.models import MessageStatus, OutboxMessage
from arena.mail.outbox import queue

MESSAGES = 50


def test_two_workers_deliver_each_message_exactly_once(app, backend, smtp_server, send_outbox):
    for n in range(MESSAGES):
        queue(f"p{n}@example.org", "test_message", language="sv", subject=_l("Test message"))
    db.session.commit()

    # Both workers hold a claimed batch at the same moment before either sends.
    both_claimed = threading.Barrier(2, timeout=20)
    claim = worker.claim_batch
    first_claim = threading.local()

    def claim_then_wait(now, limit=worker.BATCH_SIZE):
        batch = claim(now, limit)
        if not getattr(first_claim, "done", False):
            first_claim.done = True
            both_claimed.wait()
        return batch

    reports, errors = [], []

    def run():
        try:
            with app.app_context():
                reports.append(worker.send_due(batch_size=5))
                db.session.remove()
        except Exception as exc:  # pragma: no cover - shown by the assertion below
            errors.append(exc)

    worker.claim_batch = claim_then_wait
    try:
        threads = [threading.Thread(target=run) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    finally:
        worker.claim_batch = claim
    assert errors == []
    assert sorted(report.sent for report in reports) != [0, MESSAGES]  # both took part
    assert sum(report.sent for report in reports) == MESSAGES
    received = sorted(m["To"] for m in smtp_server.messages)
    assert received == sorted(f"p{n}@example.org" for n in range(MESSAGES))
    assert len({m["Message-ID"] for m in smtp_server.messages}) == MESSAGES
    db.session.expire_all()
    statuses = db.session.scalars(select(OutboxMessage.status)).all()
    assert statuses == [MessageStatus.SENT] * MESSAGES
    assert backend in ("sqlite", "postgresql")
