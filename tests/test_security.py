"""Cross-site request forgery, cookies, the Content-Security-Policy, password storage
and open redirects."""

import re

import pytest
from sqlalchemy import select

from arena.accounts.models import User
from arena.extensions import db
from tests.helpers import count, page_text, snapshot

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
    # No cookie at all on a page without a form of its own (the pages can be cached);
    # a form's CSRF token lives in the session, so a form gets the same cookie.
    assert client_for(None).get("/").headers.getlist("Set-Cookie") == []
    assert_only_the_session_cookie(client_for(None).get("/accounts/sign-up"))


def test_the_language_cookie_is_strictly_necessary_and_not_for_scripts(client_for):
    response = client_for(None).post("/language", data={"language": "en"})
    cookies = response.headers.getlist("Set-Cookie")
    assert [c.split("=", 1)[0] for c in cookies] == ["arena_lang"]
    attributes = {part.strip().split("=")[0].lower() for part in cookies[0].split(";")}
    assert {"httponly", "samesite", "path"} <= attributes
    assert "expires" not in attributes and "max-age" not in attributes  # until the browser closes


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


def test_passwords_are_stored_hashed_with_argon2id(client_for):
    client_for(None).post("/accounts/sign-up", data=SIGN_UP)
    stored = db.session.scalar(select(User.password_hash))
    _, name, version, parameters, salt, digest = stored.split("$")
    assert (name, version) == ("argon2id", "v=19")
    assert parameters == "m=19456,t=2,p=1"  # OWASP's parameters, not a test shortcut
    assert len(salt) >= 22 and len(digest) >= 43  # 16 and 32 bytes, base64
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


# --- headers: HSTS in production, no-store on personal pages ---------------------------


def test_strict_transport_security_only_in_production(app, client_for):
    from tests.conftest import make_test_app

    assert "Strict-Transport-Security" not in client_for(None).get("/").headers
    production = make_test_app(app.config["SQLALCHEMY_DATABASE_URI"], ENV="production")
    response = production.test_client().get("/")
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    with production.app_context():
        db.engine.dispose()


@pytest.mark.parametrize("path", ["/accounts/me", "/accounts/connections", "/", "/moderation/"])
def test_pages_for_a_signed_in_person_are_never_stored(client_for, make, path):
    response = client_for(make.user(), accept_language="en").get(path)
    assert response.status_code in (200, 403)
    assert response.headers["Cache-Control"] == "no-store"


def test_account_pages_are_never_stored_even_for_visitors(client_for):
    for path in ("/accounts/sign-in", "/accounts/sign-up"):
        assert client_for(None).get(path).headers["Cache-Control"] == "no-store"


def test_public_pages_and_files_for_visitors_may_be_cached(client_for, make):
    assert "no-store" not in client_for(None).get("/").headers.get("Cache-Control", "")
    stylesheet = client_for(make.user()).get("/static/arena.css")
    stylesheet.close()  # a file response: let go of the file
    assert stylesheet.status_code == 200
    assert "no-store" not in stylesheet.headers.get("Cache-Control", "")


# --- input: read before anything is saved, no bidi overrides, sensible dates -----------

TOO_LARGE = {"next": "x" * (1024 * 1024 + 10)}


@pytest.mark.parametrize("csrf_on", [pytest.param(True, marks=pytest.mark.csrf), False])
def test_a_support_with_a_body_over_the_limit_saves_nothing(client_for, make, csrf_on):
    arena = make.arena()
    proposal = make.proposal(make.cycle(arena, phase="voting"))
    client = client_for(make.user(connected_to=arena))
    data = dict(TOO_LARGE)
    if csrf_on:
        data["csrf_token"] = csrf_token(client.get(f"/proposals/{proposal.id}"))
    before = snapshot()
    assert client.post(f"/proposals/{proposal.id}/support", data=data).status_code == 413
    assert snapshot() == before
    # The same support with a normal body goes through.
    small = {k: v for k, v in data.items() if k != "next"}
    assert client.post(f"/proposals/{proposal.id}/support", data=small).status_code == 303
    assert snapshot()["supports"] == 1


def test_a_body_over_the_limit_is_refused_before_any_view(client_for, make):
    """Views that never read their form (a withdrawal, removing a connection) are
    refused as well, before they run."""
    arena = make.arena()
    cycle = make.cycle(arena, phase="voting")
    proposal = make.proposal(cycle)
    person = make.user(connected_to=arena)
    client = client_for(person)
    assert client.post(f"/proposals/{proposal.id}/support").status_code == 303
    after_support = snapshot()
    assert client.post(f"/proposals/{proposal.id}/withdraw", data=TOO_LARGE).status_code == 413
    assert snapshot() == after_support
    removed = client.post(f"/accounts/connections/{arena.slug}/remove", data=TOO_LARGE)
    assert removed.status_code == 413
    assert person.is_connected_to(arena)


BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def test_bidi_controls_are_dropped_from_names_and_marks_kept(client_for):
    name = f"Sara{BIDI} \u200fسارة\u200e"
    response = client_for(None).post("/accounts/sign-up", data={**SIGN_UP, "display_name": name})
    assert response.status_code == 303
    assert db.session.scalar(select(User.display_name)) == "Sara \u200fسارة\u200e"


def test_bidi_controls_are_dropped_from_proposal_titles(client_for, make):
    from arena.proposals.models import Proposal
    from tests.proposals.test_submit import valid

    arena = make.arena()
    make.cycle(arena, phase="proposing")
    make.theme("transport")
    make.co_benefit("cleaner_air")
    client = client_for(make.user(connected_to=arena))
    title = f"Cykelkök{BIDI} i Vårberg"
    data = valid(title=title, co_benefits=["cleaner_air"])
    assert client.post(f"/arenas/{arena.slug}/proposals/new", data=data).status_code == 303
    assert db.session.scalar(select(Proposal.title)) == "Cykelkök i Vårberg"


def test_bidi_controls_are_dropped_from_names_made_with_a_code(app):
    from arena.accounts.services import create_code_account
    from arena.core.time import utcnow

    user = create_code_account(display_name=f" Fatima{BIDI}\u200f ", language="ar", now=utcnow())
    assert user.display_name == "Fatima\u200f"
    db.session.rollback()


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1999-12-31", "2101-01-01"])
@pytest.mark.parametrize("field", ["baseline_on", "target_on"])
def test_indicator_dates_outside_sensible_years_are_refused(client_for, make, field, day):
    from arena.commitments.models import Indicator
    from tests.commitments.followup_helpers import make_commitment
    from tests.commitments.test_indicators import FORM

    arena = make.arena()
    owner = make.user(connected_to=arena)
    commitment = make_commitment(make, arena, owner=owner)
    response = client_for(owner, accept_language="en").post(
        f"/commitments/{commitment.id}/indicators/new", data={**FORM, field: day}
    )
    assert response.status_code == 200
    assert "Enter a date between 2000 and 2100." in page_text(response)
    assert count(Indicator) == 0


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_commitment_dates_outside_sensible_years_are_refused(client_for, make, day):
    from arena.commitments.models import Commitment
    from tests.commitments.followup_helpers import make_commitment

    arena = make.arena()
    commitment = make_commitment(make, arena)
    client = client_for(make.facilitator(arena), accept_language="en")
    response = client.post(
        f"/commitments/{commitment.id}/edit",
        data={"title": "Cykla till skolan", "starts_on": day, "ends_on": "2026-12-31"},
    )
    assert response.status_code == 200
    assert "Enter a date between 2000 and 2100." in page_text(response)
    assert db.session.scalar(select(Commitment.starts_on)) is None
