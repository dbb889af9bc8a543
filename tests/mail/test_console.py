"""The embedded default: without a mail server, queued mail is printed on the console
once its transaction commits, and a rollback leaves neither a row nor a print."""

import pytest
from flask_babel import lazy_gettext as _l

from arena.core.actions import attempt
from arena.core.errors import ActionRefused
from arena.extensions import db
from arena.mail.models import OutboxMessage
from arena.mail.outbox import queue
from tests.helpers import count


@pytest.fixture
def printing(app, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_PRINT", True)


def queue_test_mail(address):
    return queue(address, "test_message", language="en", subject=_l("Test message from the arena"))


def test_queued_mail_is_printed_once_after_the_commit(app, printing, capsys):
    queue_test_mail("ada@example.org")
    db.session.flush()
    assert capsys.readouterr().out == ""  # not before the commit
    db.session.commit()
    out = capsys.readouterr().out
    assert out.count("To: ada@example.org") == 1
    assert "Subject: Test message from the arena" in out
    assert "This is a test message" in out
    db.session.commit()
    assert capsys.readouterr().out == ""
    assert count(OutboxMessage, OutboxMessage.status == "pending") == 1


def test_a_rolled_back_transaction_queues_and_prints_nothing(app, printing, capsys):
    with attempt():
        queue_test_mail("ada@example.org")
        raise ActionRefused("no", 409)
    queue_test_mail("bo@example.org")
    db.session.rollback()
    db.session.commit()
    assert capsys.readouterr().out == ""
    assert count(OutboxMessage) == 0
    assert not db.session.info.get("queued_mail")


def test_a_savepoint_does_not_print_before_the_transaction_commits(app, printing, capsys):
    with db.session.begin_nested():
        queue_test_mail("ada@example.org")
    assert capsys.readouterr().out == ""
    db.session.commit()
    assert capsys.readouterr().out.count("To: ada@example.org") == 1


def test_tests_print_nothing_unless_asked(app, capsys):
    queue_test_mail("ada@example.org")
    db.session.commit()
    assert capsys.readouterr().out == ""
    assert count(OutboxMessage) == 1


def test_nothing_is_printed_when_a_mail_server_is_set(app, printing, monkeypatch, capsys):
    monkeypatch.setitem(app.config, "MAIL_URL", "smtp://127.0.0.1:1")
    queue_test_mail("ada@example.org")
    db.session.commit()
    assert capsys.readouterr().out == ""
