"""The scheduled jobs may run on several machines at once (a timer on each): two runs
side by side never queue one reminder twice, and purging twice deletes nothing twice.

Both runs read the due rows before either claims one (a barrier holds them there), so
only the claim can keep them apart: the conditional UPDATE … WHERE expiry_reminded_at
IS NULL, whose row count says which run won each code.
"""

import secrets
import threading
from datetime import timedelta

from sqlalchemy import func, select

from arena.accounts import settings_reminders
from arena.core.time import utcnow
from arena.extensions import db
from arena.mail import services as mail_services
from arena.mail.models import MessageStatus, OutboxMessage
from arena.workshops.models import AccessCode

PEOPLE = 30


def _code_accounts(make, count):
    arena = make.arena()
    host = make.facilitator(arena)
    now = utcnow()
    with make.batch():
        for n in range(count):
            person = make.user(email=f"code{n}@example.org")
            db.session.add(
                AccessCode(
                    arena=arena,
                    code_hash=secrets.token_hex(32),
                    expires_at=now + timedelta(days=10),
                    created_by_id=host.id,
                    redeemed_at=now,
                    redeemed_by_id=person.id,
                )
            )


def _side_by_side(app, job, runs=2):
    """Run `job()` in `runs` threads at once, each in an app context of its own (its
    own database session and connection); their results, or the first error."""
    results, errors = [], []

    def run():
        try:
            with app.app_context():
                results.append(job())
                db.session.commit()
                db.session.remove()
        except Exception as exc:  # pragma: no cover - shown by the assertion
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(runs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert len(results) == runs
    return results


def test_two_reminder_runs_at_once_queue_each_reminder_once(app, make, monkeypatch):
    _code_accounts(make, PEOPLE)
    both_looked = threading.Barrier(2, timeout=20)
    looked = threading.local()
    update = settings_reminders.update

    def claim_once_both_looked(*args, **kwargs):
        # The first claim of each run waits until the other run has read the due rows.
        if not getattr(looked, "done", False):
            looked.done = True
            both_looked.wait()
        return update(*args, **kwargs)

    monkeypatch.setattr(settings_reminders, "update", claim_once_both_looked)
    now = utcnow()
    counts = _side_by_side(app, lambda: settings_reminders.remind_expiring_codes(now))

    assert sum(counts) == PEOPLE
    db.session.expire_all()
    addresses = db.session.scalars(
        select(OutboxMessage.to_address).where(OutboxMessage.kind == "code_expiring")
    ).all()
    assert sorted(addresses) == sorted(f"code{n}@example.org" for n in range(PEOPLE))
    unclaimed = select(func.count()).where(AccessCode.expiry_reminded_at.is_(None))
    assert db.session.scalar(unclaimed) == 0


def test_a_second_reminder_run_finds_nothing_left(app, make):
    _code_accounts(make, 3)
    now = utcnow()
    first, second = (settings_reminders.remind_expiring_codes(now) for _ in range(2))
    assert (first, second) == (3, 0)


def test_two_purges_at_once_delete_each_message_once(app, make):
    long_ago = utcnow() - timedelta(days=40)
    for n in range(20):
        db.session.add(
            OutboxMessage(
                to_address=f"old{n}@example.org",
                kind="test_message",
                language="sv",
                subject="Old",
                body_text="Old",
                body_html="<p>Old</p>",
                status=MessageStatus.SENT,
                sent_at=long_ago,
                next_attempt_at=long_ago,
            )
        )
    db.session.commit()
    before = utcnow() - timedelta(days=30)
    deleted = _side_by_side(app, lambda: mail_services.purge_sent(before=before))
    assert sum(deleted) == 20
    assert db.session.scalar(select(func.count(OutboxMessage.id))) == 0
