"""Accounts made from an access code: they add an e-mail address and a password, and
are told before their code stops working."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from arena.accounts.models import User
from arena.core.time import utcnow
from arena.extensions import db
from arena.mail.models import OutboxMessage
from arena.workshops import access_codes
from arena.workshops.models import AccessCode
from tests.helpers import flashes, page_text

PASSWORD = "green kettle 93 harbours"
LINK = re.compile(r"https?://\S+/accounts/settings/email/confirm/\S+")
NOTICE = "Your code stops working on"


def mail() -> list[OutboxMessage]:
    db.session.expire_all()
    return list(db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


@pytest.fixture
def arena_and_host(make):
    arena = make.arena(name="Järva", slug="jarva")
    return arena, make.facilitator(arena)


@pytest.fixture
def code_account(client_for, arena_and_host):
    """(signed-in client, account, code) for a person who redeemed a code valid `days`."""

    def build(days=30, language="en", name="Fatima"):
        arena, host = arena_and_host
        (code,) = access_codes.generate_codes(host, arena, now=utcnow(), count=1, days=days)
        db.session.commit()
        client = client_for(None, accept_language=language)
        redeemed = client.post("/workshops/redeem", data={"code": code, "display_name": name})
        assert redeemed.status_code == 303
        user = db.session.scalar(select(User).where(User.display_name == name))
        return client, user, code

    return build


def _add(client, email="fatima@example.org", password=PASSWORD, repeat=None):
    return client.post(
        "/accounts/settings/add-email",
        data={"email": email, "password": password, "confirm": repeat or password},
    )


def test_a_code_account_adds_an_address_and_password_then_signs_in_with_them(
    client_for, code_account
):
    client, user, code = code_account(language="so")
    page = client.get("/accounts/settings")
    assert page.status_code == 200
    assert 'action="/accounts/settings/add-email"' in page.get_data(as_text=True)

    assert _add(client).status_code == 303
    db.session.expire_all()
    fresh = db.session.get(User, user.id)
    assert fresh.email is None and fresh.check_password(PASSWORD)  # the password at once
    (confirm,) = mail()
    assert (confirm.kind, confirm.to_address, confirm.language) == (
        "email_change_confirm",
        "fatima@example.org",
        "so",
    )
    assert confirm.subject == "Xaqiiji ciwaankaaga iimaylka cusub"
    (link,) = LINK.findall(confirm.body_text)
    assert client.post(urlsplit(link).path).status_code == 303
    db.session.expire_all()
    fresh = db.session.get(User, user.id)
    assert fresh.email == "fatima@example.org" and fresh.verified_at is not None
    assert len(mail()) == 1  # no "your address changed" mail: there was no old address

    # Now both ways in work: the address and password, and the code until it expires.
    anonymous = client_for(None, accept_language="en")
    signed_in = anonymous.post(
        "/accounts/sign-in", data={"email": "fatima@example.org", "password": PASSWORD}
    )
    assert signed_in.status_code == 303
    other = client_for(None, accept_language="en")
    assert other.post("/workshops/sign-in-with-code", data={"code": code}).status_code == 303
    # The settings page now offers the usual changes instead of the add form.
    page = client.get("/accounts/settings").get_data(as_text=True)
    assert "add-email" not in page and "/accounts/settings/password" in page


@pytest.mark.parametrize(
    ("email", "password", "repeat", "message"),
    [
        ("not an address", PASSWORD, None, "Enter an e-mail address like name@example.se."),
        ("fatima@example.org", "short", None, "Use at least 10 characters."),
        ("fatima@example.org", "Fatima1234", None, "too like your name"),
        ("fatima@example.org", PASSWORD, "another one entirely", "The passwords do not match."),
        ("", PASSWORD, None, "Enter your e-mail address."),
    ],
)
def test_refused_additions_save_nothing(code_account, email, password, repeat, message):
    client, user, _ = code_account()
    response = _add(client, email, password, repeat)
    assert response.status_code == 200
    assert message in page_text(response)
    db.session.expire_all()
    assert db.session.execute(
        select(User.email, User.password_hash).where(User.id == user.id)
    ).one() == (None, None)
    assert mail() == []


def test_a_taken_address_looks_the_same_to_a_code_account(make, code_account):
    make.user(email="taken@example.org")
    client, user, _ = code_account()
    response = _add(client, email="taken@example.org")
    assert response.status_code == 303
    assert "We have sent a link to taken@example.org." in " ".join(
        flashes(client.get(response.headers["Location"]))
    )
    (note,) = mail()
    assert note.kind == "email_change_taken" and not LINK.search(note.body_text)


def test_adding_twice_is_refused_once_there_is_a_password(code_account):
    client, user, _ = code_account()
    assert _add(client).status_code == 303
    again = _add(client, email="other@example.org")
    assert again.status_code == 303 and again.headers["Location"].endswith("/settings/email")
    assert len(mail()) == 1


# --- told before the code expires --------------------------------------------------------


def test_the_expiry_notice_shows_within_14_days(code_account):
    client, user, _ = code_account(days=10)
    me = page_text(client.get("/accounts/me"))
    assert NOTICE in me and "Add an e-mail address and password to keep your account" in me
    assert NOTICE in page_text(client.get("/accounts/settings"))
    # On the arena pages: once a session, as a notice.
    first = client.get("/arenas/jarva")
    assert any(NOTICE in message for message in flashes(first))
    assert not any(NOTICE in message for message in flashes(client.get("/arenas/jarva")))


def test_no_expiry_notice_before_14_days(code_account):
    client, user, _ = code_account(days=20)
    assert NOTICE not in page_text(client.get("/accounts/me"))
    assert not any(NOTICE in m for m in flashes(client.get("/arenas/jarva")))


def test_no_expiry_notice_once_the_account_has_an_address_and_password(code_account):
    client, user, _ = code_account(days=10)
    _add(client)
    client.post(urlsplit(LINK.findall(mail()[0].body_text)[0]).path)
    assert NOTICE not in page_text(client.get("/accounts/me"))


def test_the_expiry_notice_is_in_the_persons_language(code_account):
    client, user, _ = code_account(days=10, language="sv")
    assert "Din kod slutar fungera" in page_text(client.get("/accounts/me"))


def test_no_notice_for_accounts_with_an_address(client_for, make):
    person = make.user()
    assert NOTICE not in page_text(client_for(person, accept_language="en").get("/accounts/me"))


# --- the reminder mail --------------------------------------------------------------------


def _confirmed_address(client, email="fatima@example.org"):
    _add(client, email=email)
    (link,) = LINK.findall(mail()[-1].body_text)
    assert client.post(urlsplit(link).path).status_code == 303


def _remind(app) -> str:
    result = app.test_cli_runner().invoke(args=["accounts", "remind-expiring"])
    assert result.exit_code == 0, result.output
    return result.output


def test_the_reminder_is_queued_once_per_code(app, code_account):
    client, user, _ = code_account(days=10, language="fi")
    _confirmed_address(client)
    later, _, _ = code_account(days=20, name="Hodan")  # not yet due
    _confirmed_address(later, email="hodan@example.org")
    without, _, _ = code_account(days=5, name="Leyla")  # no address: nobody to mail
    before = len(mail())

    assert "1 reminder(s) queued." in _remind(app)
    (reminder,) = mail()[before:]
    assert (reminder.kind, reminder.to_address, reminder.language) == (
        "code_expiring",
        "fatima@example.org",
        "fi",
    )
    assert reminder.subject == "Pääsykoodisi lakkaa pian toimimasta"
    assert "Tilisi säilyy." in reminder.body_text
    assert "/accounts/sign-in" in reminder.body_text
    code = db.session.scalar(select(AccessCode).where(AccessCode.redeemed_by_id == user.id))
    assert code.expiry_reminded_at is not None

    assert "0 reminder(s) queued." in _remind(app)
    assert len(mail()) == before + 1


def test_extending_a_code_allows_a_new_reminder(app, code_account, arena_and_host):
    arena, host = arena_and_host
    client, user, _ = code_account(days=10)
    _confirmed_address(client)
    _remind(app)
    code = db.session.scalar(select(AccessCode).where(AccessCode.redeemed_by_id == user.id))
    access_codes.extend_batch(host, arena, code.batch, days=10, now=utcnow())
    db.session.commit()
    assert "0 reminder(s) queued." in _remind(app)  # 20 days away: not yet
    code.expires_at = utcnow() + timedelta(days=3)
    db.session.commit()
    assert "1 reminder(s) queued." in _remind(app)
