"""Queued mail reaches a real SMTP server, in the recipient's language; an outage
loses nothing; a message the server keeps refusing fails after its tries."""

from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from arena.core.time import utcnow
from arena.extensions import db
from arena.mail import worker
from arena.mail.models import MessageStatus, OutboxMessage
from arena.mail.outbox import queue


def queue_test_mail(address, language="sv"):
    message = queue(
        address, "test_message", language=language, subject=_l("Test message from the arena")
    )
    db.session.commit()
    return message


def outbox_rows():
    db.session.expire_all()
    return list(db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def test_the_test_command_sends_in_swedish_and_in_english(app, smtp_server, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_URL", smtp_server.url)
    monkeypatch.setitem(app.config, "MAIL_FROM", "Arena <arena@stad.example>")
    runner = app.test_cli_runner()
    swedish = runner.invoke(args=["outbox", "test", "ada@example.org"])
    english = runner.invoke(args=["outbox", "test", "bo@example.org", "--language", "en"])
    assert swedish.exit_code == 0, swedish.output
    assert english.exit_code == 0, english.output
    assert "Sent: 1" in swedish.output
    sv, en = smtp_server.messages
    assert (sv["To"], en["To"]) == ("ada@example.org", "bo@example.org")
    assert sv["Subject"] == "Testmeddelande från arenan"
    assert en["Subject"] == "Test message from the arena"
    assert (sv["Content-Language"], en["Content-Language"]) == ("sv", "en")
    assert "Det här är ett testmeddelande" in sv.get_body(("plain",)).get_content()
    assert "This is a test message" in en.get_body(("plain",)).get_content()
    html = en.get_body(("html",)).get_content()
    assert '<html lang="en"' in html and "<p>This is a test message" in html
    assert sv["From"] == "Arena <arena@stad.example>"
    assert sv["Message-ID"] != en["Message-ID"]
    assert smtp_server.envelopes[0] == ("arena@stad.example", ["ada@example.org"])
    assert [m.status for m in outbox_rows()] == [MessageStatus.SENT, MessageStatus.SENT]


def test_send_delivers_every_due_message_once(app, smtp_server, send_outbox):
    for n in range(12):  # more than one batch
        queue_test_mail(f"p{n}@example.org")
    report = send_outbox()
    assert (report.sent, report.retried, report.failed) == (12, 0, 0)
    assert sorted(m["To"] for m in smtp_server.messages) == sorted(
        f"p{n}@example.org" for n in range(12)
    )
    assert send_outbox().sent == 0
    assert len(smtp_server.messages) == 12
    rows = outbox_rows()
    assert all(r.status == MessageStatus.SENT and r.sent_at and r.attempts == 1 for r in rows)


def test_a_mail_server_outage_loses_nothing(app, smtp_server, send_outbox):
    queue_test_mail("ada@example.org")
    queue_test_mail("bo@example.org")
    smtp_server.stop()
    report = send_outbox()
    assert report.outage and report.sent == 0
    rows = outbox_rows()
    assert [r.status for r in rows] == [MessageStatus.PENDING] * 2
    # The outage is nobody's fault: it costs the messages none of their tries.
    assert [r.attempts for r in rows] == [0, 0]
    assert all("unreachable" in r.last_error for r in rows)
    result = app.test_cli_runner().invoke(args=["outbox", "send"])
    assert result.exit_code == 1 and "did not answer" in result.output

    smtp_server.start()
    report = send_outbox()
    assert report.sent == 2 and report.outage is None
    assert sorted(m["To"] for m in smtp_server.messages) == ["ada@example.org", "bo@example.org"]
    assert [r.status for r in outbox_rows()] == [MessageStatus.SENT] * 2


def test_a_refused_message_is_retried_with_back_off_then_failed(app, smtp_server, send_outbox):
    smtp_server.refuse("gone@example.org")
    queue_test_mail("gone@example.org")
    queue_test_mail("ada@example.org")
    now = utcnow()
    report = send_outbox(now=now)
    assert (report.sent, report.retried) == (1, 1)
    [refused] = [r for r in outbox_rows() if r.to_address == "gone@example.org"]
    assert refused.status == MessageStatus.PENDING and refused.attempts == 1
    assert refused.next_attempt_at == now + timedelta(minutes=1)
    assert "550" in refused.last_error

    # Not due yet: nothing is tried.
    assert send_outbox(now=now + timedelta(seconds=30)).retried == 0
    waits = [timedelta(minutes=m) for m in (1, 5, 30, 120, 720)]
    for tries, wait in enumerate(waits, start=2):
        now += wait
        report = send_outbox(now=now)
        db.session.refresh(refused)
        assert refused.attempts == tries
    assert report.failed == 1
    assert refused.status == MessageStatus.FAILED
    assert refused.attempts == worker.MAX_ATTEMPTS == 6
    assert "550 5.1.1 No such mailbox" in refused.last_error
    assert send_outbox(now=now + timedelta(days=5)).failed == 0
    assert [m["To"] for m in smtp_server.messages] == ["ada@example.org"]


def test_a_message_whose_lease_ran_out_is_sent_again(app, smtp_server, send_outbox):
    """A worker that died mid-batch: its claimed messages go out once the lease ends."""
    queue_test_mail("ada@example.org")
    now = utcnow()
    [claimed] = worker.claim_batch(now)
    assert claimed.status == MessageStatus.SENDING
    assert send_outbox(now=now).sent == 0  # another worker holds it
    assert send_outbox(now=now + worker.LEASE).sent == 1
    assert [m["To"] for m in smtp_server.messages] == ["ada@example.org"]


def test_without_a_mail_server_send_changes_nothing_and_says_so(app):
    queue_test_mail("ada@example.org")
    assert app.config["MAIL_URL"] is None
    result = app.test_cli_runner().invoke(args=["outbox", "send"])
    assert result.exit_code != 0
    assert "No mail server is configured" in result.output
    [row] = outbox_rows()
    assert (row.status, row.attempts, row.last_error) == (MessageStatus.PENDING, 0, None)
    result = app.test_cli_runner().invoke(args=["outbox", "test", "bo@example.org"])
    assert result.exit_code != 0 and len(outbox_rows()) == 1


def test_purge_deletes_only_old_sent_messages(app, smtp_server, send_outbox):
    for address in ("old@example.org", "new@example.org", "waiting@example.org"):
        queue_test_mail(address)
    send_outbox()
    rows = outbox_rows()
    rows[0].sent_at = utcnow() - timedelta(days=40)
    rows[1].sent_at = utcnow() - timedelta(days=2)
    rows[2].status = MessageStatus.PENDING
    rows[2].sent_at = None
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["outbox", "purge", "--days", "30"])
    assert result.exit_code == 0 and "Deleted 1 " in result.output
    assert [r.to_address for r in outbox_rows()] == ["new@example.org", "waiting@example.org"]
