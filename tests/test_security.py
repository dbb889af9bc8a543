"""Cross-site request forgery, cookies, the Content-Security-Policy, password storage
and open redirects."""

import re

import pytest
from sqlalchemy import select

from arena.accounts.models import User
from arena.extensions import db
from tests.helpers import count, snapshot

SIGN_UP = {
    "display_name": "Sara",
    "email": "sara@example.org",
    "password": "ett riktigt bra lösenord",
    "confirm": "ett riktigt bra lösenord",
}


def csrf_token(response) -> str:
    html = response.get_data(as_text=True)
    found = re.search(r'name="csrf_token"(?: type="hidden")? value="([^"]+)"', html)
    assert found, "the form has no CSRF token"
    return found.group(1)


@pytest.mark.csrf
def test_a_post_without_the_csrf_token_is_refused_and_saves_nothing(client_for):
    client = client_for(None)
    client.get("/accounts/sign-up")
    refused = client.post("/accounts/sign-up", data=SIGN_UP)
    assert refused.status_code == 400
    assert count(User) == 0
    forged = client.post("/accounts/sign-up", data={**SIGN_UP, "csrf_token": "forged"})
    assert forged.status_code == 400
    assert count(User) == 0
    # The same form with the token from the page goes through: the token is what mattered.
    token = csrf_token(client.get("/accounts/sign-up"))
    accepted = client.post("/accounts/sign-up", data={**SIGN_UP, "csrf_token": token})
    assert accepted.status_code == 303
    assert count(User) == 1


@pytest.mark.csrf
def test_support_and_withdraw_need_the_csrf_token(client_for, make):
    arena = make.arena()
    proposal = make.proposal(make.cycle(arena, phase="voting"))
    client = client_for(make.user(connected_to=arena))
    page = client.get(f"/proposals/{proposal.id}")
    before = snapshot()
    assert client.post(f"/proposals/{proposal.id}/support").status_code == 400
    assert snapshot() == before
    token = csrf_token(page)
    assert (
        client.post(f"/proposals/{proposal.id}/support", data={"csrf_token": token}).status_code
        == 303
    )
    after_support = snapshot()
    assert after_support["supports"] == 1
    assert client.post(f"/proposals/{proposal.id}/withdraw").status_code == 400
    assert snapshot() == after_support


@pytest.mark.csrf
def test_sign_out_and_language_need_the_csrf_token(client_for, make):
    person = make.user(preferred_language="sv")
    client = client_for(person)
    assert client.post("/accounts/sign-out").status_code == 400
    assert client.get("/accounts/me").status_code == 200  # still signed in
    assert client.post("/language", data={"language": "en"}).status_code == 400
    assert db.session.scalar(select(User.preferred_language)) == "sv"


@pytest.mark.csrf
def test_a_token_from_another_session_is_refused(client_for):
    token = csrf_token(client_for(None).get("/accounts/sign-up"))
    other = client_for(None)
    other.get("/accounts/sign-up")
    assert other.post("/accounts/sign-up", data={**SIGN_UP, "csrf_token": token}).status_code == 400
    assert count(User) == 0


def assert_only_the_session_cookie(response) -> None:
    """One cookie, the session, unreadable by scripts and not sent on cross-site posts."""
    cookies = response.headers.getlist("Set-Cookie")
    assert [c.split("=", 1)[0] for c in cookies] == ["arena_session"]
    attributes = {
        part.strip().split("=")[0].lower(): part.strip() for part in cookies[0].split(";")
    }
    assert "httponly" in attributes
    assert attributes["samesite"].lower() == "samesite=lax"


def test_the_session_cookie_after_sign_in(client_for, make):
    make.user(email="sara@example.org", password=SIGN_UP["password"])
    response = client_for(None).post(
        "/accounts/sign-in", data={"email": "sara@example.org", "password": SIGN_UP["password"]}
    )
    assert response.status_code == 303
    # No remember-me cookie either: only the strictly necessary one.
    assert_only_the_session_cookie(response)


def test_the_session_cookie_for_an_anonymous_visitor(client_for):
    # The language form's CSRF token lives in the session, so visitors get the same cookie.
    assert_only_the_session_cookie(client_for(None).get("/"))


@pytest.mark.parametrize("path", ["/", "/accounts/sign-in", "/arenas/no-such-arena"])
def test_every_page_has_a_strict_content_security_policy(client_for, path):
    response = client_for(None).get(path)
    policy = response.headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    # The HTML itself has no inline script or style the policy would have to allow.
    html = response.get_data(as_text=True)
    assert "<script" not in html
    assert "<style" not in html
    assert " style=" not in html


def test_passwords_are_stored_hashed_with_scrypt(client_for):
    client_for(None).post("/accounts/sign-up", data=SIGN_UP)
    stored = db.session.scalar(select(User.password_hash))
    method, salt, digest = stored.split("$")
    name, cost, *_ = method.split(":")
    assert name == "scrypt"
    assert int(cost) >= 2**15  # Werkzeug's default work factor, not a test shortcut
    assert len(salt) >= 16 and len(digest) >= 64
    assert SIGN_UP["password"] not in stored
    # A second account with the same password gets a different salt, so a different hash.
    client_for(None).post("/accounts/sign-up", data={**SIGN_UP, "email": "sam@example.org"})
    hashes = list(db.session.scalars(select(User.password_hash)))
    assert len(set(hashes)) == 2


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example", "/\\evil.example"])
def test_support_redirects_only_to_own_pages(client_for, make, target):
    arena = make.arena()
    proposal = make.proposal(make.cycle(arena, phase="voting"))
    response = client_for(make.user(connected_to=arena)).post(
        f"/proposals/{proposal.id}/support", data={"next": target}
    )
    assert response.status_code == 303
    assert response.headers["Location"] == f"/proposals/{proposal.id}"
