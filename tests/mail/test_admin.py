"""Admins see the outbox (addresses, states, last errors, never a body) and try a
failed message again; nobody else sees it."""

from datetime import timedelta

import pytest
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from arena.audit.models import AuditEntry
from arena.core.time import utcnow
from arena.extensions import db
from arena.mail import worker
from arena.mail.models import MessageStatus, OutboxMessage
from arena.mail.outbox import queue
from tests.helpers import count, page_text

SECRET = "https://arena.example/reset/SECRET-TOKEN-123"


@pytest.fixture
def admin(make):
    return make.user(is_admin=True, display_name="Ada Admin")


def queue_mail(address, language="en"):
    message = queue(
        address,
        "test_message",
        language=language,
        subject=_l("Test message from the arena"),
    )
    # A body with a secret in it, as a reset mail has.
    message.body_text += SECRET
    message.body_html += SECRET
    db.session.commit()
    return message


def fail_for_good(smtp_server, send_outbox, address):
    smtp_server.refuse(address)
    now = utcnow()
    for _ in range(worker.MAX_ATTEMPTS):
        send_outbox(now=now)
        now += timedelta(days=1)


@pytest.mark.parametrize("role", ["anonymous", "resident", "staff", "facilitator"])
def test_only_admins_see_the_outbox(make, client_for, role):
    queue_mail("ada@example.org")
    actor = {
        "anonymous": None,
        "resident": make.user(),
        "staff": make.user(is_staff=True),
        "facilitator": make.facilitator(make.arena("Järva", slug="jarva")),
    }[role]
    client = client_for(actor)
    page = client.get("/mail/outbox")
    [message] = db.session.scalars(select(OutboxMessage)).all()
    retry = client.post(f"/mail/outbox/{message.id}/retry")
    if actor is None:
        assert page.status_code == retry.status_code == 302
        assert "/accounts/sign-in" in page.headers["Location"]
    else:
        assert page.status_code == retry.status_code == 403
    assert "ada@example.org" not in page.get_data(as_text=True)


def test_the_admin_sees_states_counts_and_errors_but_no_body(
    admin, client_for, smtp_server, send_outbox
):
    queue_mail("sent@example.org")
    queue_mail("gone@example.org")
    fail_for_good(smtp_server, send_outbox, "gone@example.org")
    queue_mail("waiting@example.org")
    client = client_for(admin, accept_language="en")
    response = client.get("/mail/outbox")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    text = page_text(response)
    assert "SECRET-TOKEN" not in html and "This is a test message" not in html
    for address in ("sent@example.org", "gone@example.org", "waiting@example.org"):
        assert address in text
    assert "Waiting 1 Sent 1 Failed 1" in text
    assert "550 5.1.1 No such mailbox" in text
    assert "personal data" in text
    assert text.index("waiting@example.org") < text.index("sent@example.org")  # newest first
    assert html.count("Try message") == 1

    failed = page_text(client.get("/mail/outbox?status=failed"))
    assert "gone@example.org" in failed and "sent@example.org" not in failed
    assert "waiting@example.org" in page_text(client.get("/mail/outbox?status=pending"))
    assert "sent@example.org" in page_text(client.get("/mail/outbox?status=nonsense&page=-3"))
    assert client.get("/mail/outbox?page=999").status_code == 200


def test_the_admin_page_is_in_swedish_too(admin, client_for):
    queue_mail("ada@example.org", language="sv")
    text = page_text(client_for(admin, accept_language="sv").get("/mail/outbox"))
    assert "Utkorg" in text and "personuppgifter" in text


def test_trying_a_failed_message_again_sends_it_and_is_audited(
    admin, client_for, smtp_server, send_outbox
):
    queue_mail("gone@example.org")
    fail_for_good(smtp_server, send_outbox, "gone@example.org")
    [message] = db.session.scalars(select(OutboxMessage)).all()
    assert message.status == MessageStatus.FAILED
    client = client_for(admin, accept_language="en")
    response = client.post(f"/mail/outbox/{message.id}/retry?status=failed")
    assert response.status_code == 303
    db.session.refresh(message)
    assert (message.status, message.attempts) == (MessageStatus.PENDING, 0)
    [entry] = db.session.scalars(select(AuditEntry)).all()
    assert (entry.action, entry.actor_id, entry.target_id) == ("mail.retry", admin.id, message.id)
    assert "gone@example.org" not in str(entry.details)
    # Not failed any more: a second press changes nothing.
    assert client.post(f"/mail/outbox/{message.id}/retry").status_code == 409
    assert count(AuditEntry) == 1
    assert client.post("/mail/outbox/999999/retry").status_code == 404

    smtp_server.refused.clear()
    assert send_outbox().sent == 1
    assert [m["To"] for m in smtp_server.messages] == ["gone@example.org"]


@pytest.mark.csrf
def test_trying_again_needs_the_csrf_token(admin, client_for, smtp_server, send_outbox):
    queue_mail("gone@example.org")
    fail_for_good(smtp_server, send_outbox, "gone@example.org")
    [message] = db.session.scalars(select(OutboxMessage)).all()
    response = client_for(admin).post(f"/mail/outbox/{message.id}/retry")
    assert response.status_code == 400
    db.session.refresh(message)
    assert message.status == MessageStatus.FAILED and count(AuditEntry) == 0


def test_admins_find_the_outbox_in_the_menu(admin, make, client_for):
    assert 'href="/mail/outbox"' in client_for(admin).get("/").get_data(as_text=True)
    resident = client_for(make.user()).get("/").get_data(as_text=True)
    assert 'href="/mail/outbox"' not in resident
