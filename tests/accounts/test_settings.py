"""My settings: change my public name, password and e-mail address, through HTTP."""

import re
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from arena.accounts.models import User
from arena.extensions import db
from arena.mail.models import OutboxMessage
from tests.factories import PASSWORD
from tests.helpers import flashes, page_text

NEW_PASSWORD = "violet tram 47 lanterns"
LINK = re.compile(r"https?://\S+/accounts/settings/email/confirm/\S+")


def mail() -> list[OutboxMessage]:
    db.session.expire_all()
    return list(db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def stored(user) -> tuple:
    """What the database holds for the account (not the session's copy)."""
    return db.session.execute(
        select(User.display_name, User.email, User.password_hash, User.verified_at).where(
            User.id == user.id
        )
    ).one()


def link_path(message: OutboxMessage) -> str:
    (link,) = LINK.findall(message.body_text)
    assert link in message.body_html
    return urlsplit(link).path


@pytest.fixture
def person(make):
    return make.user(email="amina@example.org", display_name="Amina", preferred_language="en")


# --- the page ---------------------------------------------------------------------------


def test_settings_need_an_account_and_are_linked_from_my_page(client_for, person):
    assert client_for(None).get("/accounts/settings").status_code == 302
    client = client_for(person, accept_language="en")
    assert "/accounts/settings" in client.get("/accounts/me").get_data(as_text=True)
    page = client.get("/accounts/settings")
    assert page.status_code == 200
    assert page.headers["Cache-Control"] == "no-store"
    assert "amina@example.org" in page_text(page)
    assert "Change my password" in page_text(page)


# --- public name ------------------------------------------------------------------------


def test_change_name(client_for, person):
    client = client_for(person, accept_language="en")
    response = client.post("/accounts/settings/name", data={"display_name": "  Amina K\x07 "})
    assert response.status_code == 303
    assert stored(person)[0] == "Amina K"
    assert "Your public name is now Amina K." in flashes(client.get("/accounts/settings"))


@pytest.mark.parametrize("name", ["", "   ", "x" * 81])
def test_bad_names_change_nothing(client_for, person, name):
    before = stored(person)
    response = client_for(person, accept_language="en").post(
        "/accounts/settings/name", data={"display_name": name}
    )
    assert response.status_code == 200
    assert "error-summary" in response.get_data(as_text=True)
    assert stored(person) == before


# --- password ---------------------------------------------------------------------------


def _change_password(client, current=PASSWORD, new=NEW_PASSWORD, repeat=None):
    return client.post(
        "/accounts/settings/password",
        data={"current_password": current, "password": new, "confirm": repeat or new},
    )


def test_change_password_mails_the_person_and_keeps_this_browser_signed_in(client_for, person):
    client = client_for(person, accept_language="sv")
    response = _change_password(client)
    assert response.status_code == 303
    assert client.get("/accounts/me").status_code == 200  # still signed in

    (message,) = mail()
    assert (message.kind, message.to_address, message.language) == (
        "password_changed",
        "amina@example.org",
        "en",  # the person's language, not the browser's
    )
    assert message.subject == "Your password was changed"
    assert "If you did not, choose a new password straight away" in message.body_text
    assert "/accounts/forgot-password" in message.body_text

    # The new password signs in, the old one no longer does.
    anonymous = client_for(None, accept_language="en")
    wrong = anonymous.post(
        "/accounts/sign-in", data={"email": "amina@example.org", "password": PASSWORD}
    )
    assert wrong.status_code == 200
    right = anonymous.post(
        "/accounts/sign-in", data={"email": "amina@example.org", "password": NEW_PASSWORD}
    )
    assert right.status_code == 303


@pytest.mark.parametrize(
    ("current", "new", "repeat", "message"),
    [
        ("wrong password here", NEW_PASSWORD, None, "This is not your current password."),
        ("", NEW_PASSWORD, None, "Enter your current password."),
        (PASSWORD, "short", None, "Use at least 10 characters."),
        (PASSWORD, "password123", None, "one of the most common ones"),
        (PASSWORD, "Amina12345!", None, "too like your name"),
        (PASSWORD, NEW_PASSWORD, "something else entirely", "The passwords do not match."),
    ],
)
def test_refused_password_changes_save_nothing(client_for, person, current, new, repeat, message):
    before = stored(person)
    client = client_for(person, accept_language="en")
    response = _change_password(client, current, new, repeat)
    assert response.status_code == 200
    assert message in page_text(response)
    assert stored(person) == before
    assert mail() == []


def test_passwords_are_not_trimmed(client_for, person):
    client = client_for(person, accept_language="en")
    assert _change_password(client, new=f" {NEW_PASSWORD} ").status_code == 303
    assert db.session.get(User, person.id).check_password(f" {NEW_PASSWORD} ")


# --- e-mail address ---------------------------------------------------------------------


def _ask_email(client, address, password=PASSWORD):
    return client.post(
        "/accounts/settings/email", data={"email": address, "current_password": password}
    )


def test_change_email_through_the_link_sent_to_the_new_address(client_for, person):
    client = client_for(person, accept_language="sv")
    asked = _ask_email(client, "Amina.New@Example.org")
    assert asked.status_code == 303
    assert stored(person)[1] == "amina@example.org"  # nothing changes before the link

    (confirm,) = mail()
    assert (confirm.kind, confirm.to_address, confirm.language) == (
        "email_change_confirm",
        "amina.new@example.org",
        "en",
    )
    path = link_path(confirm)
    # Opening the link shows a button; only pressing it changes the address.
    page = client_for(None, accept_language="en").get(path)
    assert page.status_code == 200
    assert "amina.new@example.org" in page_text(page)
    assert stored(person)[1] == "amina@example.org"

    done = client.post(path)
    assert done.status_code == 303 and done.headers["Location"].endswith("/accounts/settings")
    name, email, _, verified_at = stored(person)
    assert email == "amina.new@example.org" and verified_at is not None
    told = mail()[-1]
    assert (told.kind, told.to_address, told.language) == (
        "email_changed",
        "amina@example.org",
        "en",
    )
    assert "a•••@example.org" in told.body_text
    assert "amina.new@" not in told.body_text

    # The link works once.
    again = client.post(path)
    assert again.status_code == 400
    assert "This link no longer works" in page_text(again)
    assert len(mail()) == 2


def test_the_link_stops_when_the_address_changed_otherwise(client_for, person):
    client = client_for(person, accept_language="en")
    _ask_email(client, "first@example.org")
    _ask_email(client, "second@example.org")
    first, second = mail()
    assert client.post(link_path(second)).status_code == 303
    assert stored(person)[1] == "second@example.org"
    # The first link was for the old state of the account: it no longer works.
    assert client.post(link_path(first)).status_code == 400
    assert stored(person)[1] == "second@example.org"


def test_the_link_is_only_for_its_own_address(client_for, person):
    client = client_for(person, accept_language="en")
    _ask_email(client, "mine@example.org")
    path = link_path(mail()[0])
    token = path.rsplit("/", 1)[1]
    forged = path.replace(token, token[:-3] + ("AAA" if token[-3:] != "AAA" else "BBB"))
    for wrong in (forged, "/accounts/settings/email/confirm/x", f"{path}%00"):
        response = client.post(wrong)
        assert response.status_code in (400, 404)
    assert stored(person)[1] == "amina@example.org"


def test_a_taken_address_gets_the_same_answer_and_no_link(client_for, make, person):
    make.user(email="taken@example.org")
    client = client_for(person, accept_language="en")
    answers = []
    for address in ("TAKEN@example.org", "free@example.org"):
        asked = _ask_email(client, address)
        page = client.get(asked.headers["Location"])
        answers.append((asked.status_code, page_text(page).replace(address.lower(), "…")))
    assert answers[0] == answers[1]
    assert "We have sent a link to …. Open it within 24 hours" in answers[0][1]
    note, confirm = mail()
    assert (note.kind, note.to_address, note.language) == (
        "email_change_taken",
        "taken@example.org",
        "en",
    )
    assert not LINK.search(note.body_text) and "already uses this address" in note.body_text
    assert confirm.kind == "email_change_confirm"
    assert stored(person)[1] == "amina@example.org"


def test_an_address_taken_after_the_link_was_sent_is_refused(client_for, make, person):
    client = client_for(person, accept_language="en")
    _ask_email(client, "race@example.org")
    make.user(email="race@example.org")
    response = client.post(link_path(mail()[0]))
    assert response.status_code == 400
    assert "Another account uses this e-mail address now" in page_text(response)
    assert stored(person)[1] == "amina@example.org"


@pytest.mark.parametrize(
    ("address", "password", "message"),
    [
        ("new@example.org", "wrong password here", "This is not your current password."),
        ("not an address", PASSWORD, "Enter an e-mail address like name@example.se."),
        ("amina@example.org", PASSWORD, "This is already your e-mail address."),
        ("", PASSWORD, "Enter your e-mail address."),
    ],
)
def test_refused_email_changes_send_nothing(client_for, person, address, password, message):
    before = stored(person)
    response = _ask_email(client_for(person, accept_language="en"), address, password)
    assert response.status_code == 200
    assert message in page_text(response)
    assert stored(person) == before
    assert mail() == []


def test_old_links_expire(client_for, person, monkeypatch):
    from itsdangerous.timed import TimestampSigner

    client = client_for(person, accept_language="en")
    _ask_email(client, "late@example.org")
    path = link_path(mail()[0])
    signed_at = TimestampSigner.get_timestamp
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: signed_at(self) + 25 * 3600)
    assert client.post(path).status_code == 400
    assert stored(person)[1] == "amina@example.org"
