"""Signing in and out: one generic message for any wrong pair, and `next=` stays on site."""

from urllib.parse import quote

import pytest

from arena.core.time import utcnow
from tests.factories import PASSWORD
from tests.helpers import page_text

WRONG = "The e-mail address or the password is wrong."


@pytest.fixture
def person(make):
    return make.user(email="amina@example.org", display_name="Amina")


def sign_in(client, email="amina@example.org", password=PASSWORD, next_url=None):
    path = "/accounts/sign-in" + (f"?next={next_url}" if next_url else "")
    return client.post(path, data={"email": email, "password": password})


def test_sign_in_starts_a_session(client_for, person):
    client = client_for(None, accept_language="en")
    assert client.get("/accounts/me").status_code == 302  # not yet
    response = sign_in(client)
    assert response.status_code == 303
    assert response.headers["Location"] == "/accounts/me"
    me = client.get("/accounts/me")
    assert me.status_code == 200
    assert "Signed in as Amina." in page_text(me)


def test_the_e_mail_address_is_matched_whatever_its_letter_case(client_for, person):
    assert sign_in(client_for(None), email="  AMINA@Example.ORG ").status_code == 303


@pytest.mark.parametrize(
    ("email", "password"),
    [
        ("amina@example.org", "wrong password"),
        ("nobody@example.org", PASSWORD),
        ("amina@example.org", PASSWORD.upper()),
    ],
)
def test_a_wrong_pair_gets_one_generic_message(client_for, person, email, password):
    client = client_for(None, accept_language="en")
    response = sign_in(client, email=email, password=password)
    assert response.status_code == 200
    # The same words whether the address exists or not: no account enumeration.
    assert WRONG in page_text(response)
    assert client.get("/accounts/me").status_code == 302


def test_a_deleted_account_cannot_sign_in(client_for, make):
    make.user(email="gone@example.org", deleted_at=utcnow())
    response = sign_in(client_for(None, accept_language="en"), email="gone@example.org")
    assert response.status_code == 200
    assert WRONG in page_text(response)


@pytest.mark.parametrize(
    ("next_url", "location"),
    [
        ("/arenas/jarva/proposals?theme=energy", "/arenas/jarva/proposals?theme=energy"),
        ("https://evil.example", "/accounts/me"),
        ("//evil.example/path", "/accounts/me"),
        ("/\\evil.example", "/accounts/me"),
        ("javascript:alert(1)", "/accounts/me"),
    ],
)
def test_next_is_honoured_only_for_own_paths(client_for, person, next_url, location):
    response = sign_in(client_for(None), next_url=quote(next_url, safe=""))
    assert response.status_code == 303
    assert response.headers["Location"] == location


def test_sign_out_must_be_a_post(client_for, person):
    client = client_for(person, accept_language="en")
    refused = client.get("/accounts/sign-out")
    assert refused.status_code == 405
    assert client.get("/accounts/me").status_code == 200  # still signed in

    response = client.post("/accounts/sign-out")
    assert response.status_code == 303
    assert response.headers["Location"] == "/"
    assert "You are signed out." in page_text(client.get("/"))
    assert client.get("/accounts/me").status_code == 302


def test_sign_out_keeps_the_language_choice(client_for, person):
    client = client_for(person)
    client.post("/language", data={"language": "en"})
    client.post("/accounts/sign-out")
    assert 'lang="en"' in client.get("/").get_data(as_text=True)


def test_signing_in_replaces_the_session(client_for, person):
    """A session planted before sign-in (session fixation) does not carry over."""
    client = client_for(None)
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    sign_in(client)
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session["_user_id"] == person.get_id()


@pytest.mark.parametrize(
    ("email", "password"),
    [
        ("amina@example.org", PASSWORD),
        ("amina@example.org", "wrong password"),
        ("nobody@example.org", PASSWORD),
        ("gone@example.org", PASSWORD),
    ],
)
def test_every_sign_in_checks_one_password_hash(
    client_for, make, person, monkeypatch, email, password
):
    """An unknown address costs the same work as a known one (a hash nobody knows is
    checked), so the time taken does not tell who has an account."""
    from arena.accounts import models

    make.user(email="gone@example.org", deleted_at=utcnow())
    checked = []
    real = models.check_password_hash

    def counting(hash_, given):
        checked.append(hash_)
        return real(hash_, given)

    monkeypatch.setattr(models, "check_password_hash", counting)
    sign_in(client_for(None), email=email, password=password)
    assert len(checked) == 1
    # The factories' quick scrypt hash for an account, else the one nobody knows.
    assert checked[0].startswith(("scrypt:", "$argon2id$"))


def test_the_unknown_address_hash_has_the_real_work_factor(app):
    from arena.accounts.models import PASSWORDS, _dummy_hash

    assert _dummy_hash().split("$")[:4] == PASSWORDS.hash("x").split("$")[:4]
