"""Issue 10's story as a new resident lives it, with a real SMTP server catching the mail:
sign up, confirm the address, propose, forget the password, download my data, delete
the account; and a mail outage that loses nothing."""

import re

import pytest
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from arena.accounts.models import User
from arena.extensions import db
from arena.mail.models import MessageStatus, OutboxMessage
from arena.proposals.models import Proposal
from tests.factories import cycle_dates
from tests.helpers import page_text
from tests.proposals.test_submit import valid

pytestmark = pytest.mark.usefixtures("quick_password_hashing")

FIRST_PASSWORD = "cyklar i Vårberg 2026"
NEW_PASSWORD = "odlingslotter på taket"


def link_in(mail, path: str) -> str:
    """The path of the first link to `path` in the mail's plain text."""
    text = mail.get_body(("plain",)).get_content()
    found = re.search(rf"https?://[^/\s]+({re.escape(path)}[^\s]*)", text)
    assert found, f"no link to {path} in:\n{text}"
    return found.group(1)


def the_mail_to(smtp_server, address: str, subject: str):
    mails = [m for m in smtp_server.messages if m["To"] == address and m["Subject"] == subject]
    assert len(mails) == 1, [(m["To"], m["Subject"]) for m in smtp_server.messages]
    return mails[0]


def sign_in(client, email: str, password: str):
    return client.post("/accounts/sign-in", data={"email": email, "password": password})


def test_a_resident_signs_up_proposes_resets_downloads_and_deletes(
    client_for, make, smtp_server, send_outbox
):
    arena = make.arena("Skärholmen")
    cycle = make.cycle(arena, phase="proposing")
    make.theme("transport")
    make.co_benefit("cleaner_air")
    make.co_benefit("physical_activity")
    browser = client_for(None, accept_language="sv")

    # Sign up in Swedish: the verification mail arrives in Swedish, and its link verifies.
    signed_up = browser.post(
        "/accounts/sign-up",
        data={
            "display_name": "Hodan",
            "email": "hodan@example.org",
            "password": FIRST_PASSWORD,
            "confirm": FIRST_PASSWORD,
            "arena": arena.slug,
            "kind": "lives",
        },
    )
    assert signed_up.status_code == 303
    assert send_outbox().sent == 1
    with force_locale("sv"):
        subject = _("Confirm your e-mail address")
    welcome = the_mail_to(smtp_server, "hodan@example.org", subject)
    assert welcome["Content-Language"] == "sv"
    assert welcome.get_body(("html",)) is not None
    verify = link_in(welcome, "/accounts/verify/")
    assert browser.get(verify).status_code == 200
    assert browser.post(verify).status_code == 303
    hodan = db.session.scalars(select(User).where(User.email == "hodan@example.org")).one()
    assert hodan.verified_at is not None

    # Following the link signed her in; verified, she may propose.
    assert browser.get("/accounts/me").status_code == 200
    proposed = browser.post(f"/arenas/{arena.slug}/proposals/new", data=valid())
    assert proposed.status_code == 303, page_text(proposed)
    proposal = db.session.scalars(select(Proposal)).one()
    assert proposal.author_id == hodan.id

    # Voting opens; she and a neighbour support it.
    for name, value in cycle_dates("voting").items():
        setattr(cycle, name, value)
    db.session.commit()
    assert browser.post(f"/proposals/{proposal.id}/support").status_code == 303
    neighbour = make.user(connected_to=arena)
    assert client_for(neighbour).post(f"/proposals/{proposal.id}/support").status_code == 303
    db.session.refresh(proposal)
    assert proposal.support_count == 2

    # Forgot password: the mail arrives, the new password works and the old one does not.
    browser.post("/accounts/sign-out")
    smtp_server.clear()
    asked = browser.post("/accounts/forgot-password", data={"email": "hodan@example.org"})
    assert asked.status_code == 303
    assert send_outbox().sent == 1
    with force_locale("sv"):
        subject = _("Choose a new password")
    reset = link_in(the_mail_to(smtp_server, "hodan@example.org", subject), "/accounts/reset-")
    chosen = browser.post(reset, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert chosen.status_code == 303
    browser.post("/accounts/sign-out")
    assert "fel" in page_text(sign_in(browser, "hodan@example.org", FIRST_PASSWORD))
    assert sign_in(browser, "hodan@example.org", NEW_PASSWORD).status_code == 303

    # Download my data: the page and the JSON show her proposal.
    assert proposal.title in page_text(browser.get("/accounts/me/data"))
    data = browser.get("/accounts/me/data.json").get_json()
    assert [p["title"] for p in data["proposals"]] == [proposal.title]

    # Delete the account: she cannot sign in, the proposal shows "deleted user", and its
    # support count is what it was.
    deleted = browser.post(
        "/accounts/me/delete", data={"password": NEW_PASSWORD, "understood": "y"}
    )
    assert deleted.status_code == 303
    refused = sign_in(client_for(None, accept_language="sv"), "hodan@example.org", NEW_PASSWORD)
    assert refused.status_code == 200
    assert "fel" in page_text(refused)
    page = page_text(client_for(None, accept_language="sv").get(f"/proposals/{proposal.id}"))
    assert "Borttagen användare" in page
    assert "Hodan" not in page
    db.session.refresh(proposal)
    assert proposal.support_count == 2


def test_a_mail_outage_loses_nothing(client_for, make, smtp_server, send_outbox):
    make.user(email="amina@example.org", preferred_language="en")
    smtp_server.stop()

    # The person asking for a reset sees no trouble; the message waits in the outbox.
    asked = client_for(None).post("/accounts/forgot-password", data={"email": "amina@example.org"})
    assert asked.status_code == 303
    report = send_outbox()
    assert report.sent == 0
    waiting = db.session.scalars(select(OutboxMessage)).one()
    assert waiting.status == MessageStatus.PENDING

    # The server answers again: the message goes, once.
    smtp_server.start()
    waiting.next_attempt_at = waiting.created_at  # due now, without waiting out the back-off
    db.session.commit()
    assert send_outbox().sent == 1
    [mail] = smtp_server.messages
    assert mail["To"] == "amina@example.org"
    assert mail["Subject"] == "Choose a new password"
    assert "/accounts/reset-password/" in mail.get_body(("plain",)).get_content()
    assert send_outbox().sent == 0
