"""Creating an account: with or without an arena, one account per e-mail address, and
a sign-up page that never tells whether an address already has an account."""

import pytest
from sqlalchemy import select

from arena.accounts.models import ArenaConnection, User
from arena.extensions import db
from tests.accounts.mail import link_in, queued, the_mail
from tests.helpers import count, page_text

PASSWORD = "lång och säker 🚲"

# Every sign-up hashes a password; tests/test_security.py checks the real work factor.
pytestmark = pytest.mark.usefixtures("quick_password_hashing")


def form(**changes) -> dict:
    data = {
        "display_name": "Hodan",
        "email": "Hodan@Example.org",
        "password": PASSWORD,
        "confirm": PASSWORD,
        "arena": "",
    }
    data.update(changes)
    return data


def the_user() -> User:
    return db.session.scalars(select(User)).one()


CHECK_EMAIL = "/accounts/check-email?about=sign-up"


def test_sign_up_without_an_arena(client_for):
    client = client_for(None, accept_language="en")
    response = client.post("/accounts/sign-up", data=form())
    assert response.status_code == 303
    assert response.headers["Location"] == CHECK_EMAIL
    user = the_user()
    assert (user.email, user.display_name) == ("hodan@example.org", "Hodan")
    assert user.check_password(PASSWORD)
    assert user.connections == []
    assert user.verified_at is None  # until the link in the mail is followed
    page = client.get(response.headers["Location"])
    assert "We have sent a mail to the address you gave." in page_text(page)
    # Not signed in by the sign-up itself: the page says the same for a taken address.
    assert client.get("/accounts/me").status_code == 302
    mail = the_mail("verify_email", to="hodan@example.org")
    assert mail.language == "en"
    assert link_in(mail, "/accounts/verify/")


def test_the_new_account_can_sign_in_before_verifying(client_for):
    client = client_for(None, accept_language="en")
    client.post("/accounts/sign-up", data=form())
    signed_in = client.post(
        "/accounts/sign-in", data={"email": "hodan@example.org", "password": PASSWORD}
    )
    assert signed_in.headers["Location"] == "/accounts/me"
    me = page_text(client.get("/accounts/me"))
    assert "Signed in as Hodan." in me
    assert "Confirm your e-mail address" in me


@pytest.mark.parametrize("kind", ["lives", "works", "studies", "organisation"])
def test_sign_up_choosing_an_arena_and_how_i_am_connected(client_for, make, kind):
    arena = make.arena("Järva")
    response = client_for(None).post("/accounts/sign-up", data=form(arena=arena.slug, kind=kind))
    assert response.status_code == 303
    connection = db.session.scalars(select(ArenaConnection)).one()
    assert (connection.user_id, connection.arena_id, connection.kind) == (
        the_user().id,
        arena.id,
        kind,
    )


def test_an_arena_without_a_connection_kind_is_refused(client_for, make):
    arena = make.arena("Järva")
    response = client_for(None, accept_language="en").post(
        "/accounts/sign-up", data=form(arena=arena.slug)
    )
    assert response.status_code == 200
    assert "Choose how you are connected." in page_text(response)
    assert count(User) == 0


def test_the_arena_link_preselects_the_arena(client_for, make):
    arena = make.arena("Järva")
    html = client_for(None).get(f"/accounts/sign-up?arena={arena.slug}").get_data(as_text=True)
    assert f'<option selected value="{arena.slug}">' in html


def _sign_up_and_follow(client, **changes):
    response = client.post("/accounts/sign-up", data=form(**changes))
    page = client.get(response.headers["Location"]) if response.status_code == 303 else None
    return response, page


@pytest.mark.parametrize(
    "email", ["hodan@example.org", "HODAN@EXAMPLE.ORG", "  Hodan@example.org "]
)
def test_a_taken_address_looks_exactly_like_a_new_one(client_for, make, email):
    owner = make.user(
        email="hodan@example.org", display_name="First Hodan", preferred_language="en"
    )
    owner_hash = owner.password_hash
    new, new_page = _sign_up_and_follow(
        client_for(None, accept_language="en"), email="newcomer@example.org"
    )
    taken, taken_page = _sign_up_and_follow(
        client_for(None, accept_language="en"), email=email, display_name="Second Hodan"
    )

    assert (taken.status_code, taken.headers["Location"]) == (
        new.status_code,
        new.headers["Location"],
    )
    assert taken.get_data() == new.get_data()
    assert page_text(taken_page) == page_text(new_page)
    # Nothing created or changed for the taken address; its owner is told by mail.
    names = sorted(u.display_name for u in db.session.scalars(select(User)))
    assert names == ["First Hodan", "Hodan"]
    db.session.refresh(owner)
    assert owner.password_hash == owner_hash
    assert queued("verify_email", to="hodan@example.org") == []
    mail = the_mail("sign_up_attempt", to="hodan@example.org")
    assert "Someone just tried to create a new account with your e-mail address." in (
        mail.body_text
    )
    assert link_in(mail, "/accounts/forgot-password") == "/accounts/forgot-password"


def test_a_taken_address_saves_no_arena_link_or_answers(client_for, make):
    arena = make.arena("Järva")
    owner = make.user(email="hodan@example.org")
    client_for(None).post("/accounts/sign-up", data=form(arena=arena.slug, kind="lives"))
    assert count(ArenaConnection) == 0
    assert count(User) == 1
    assert owner.connections == []


def test_both_branches_hash_the_password(client_for, make, monkeypatch):
    """About the same work for a taken address as for a new one."""
    from arena.accounts import models

    calls = []
    real = models.generate_password_hash
    monkeypatch.setattr(models, "generate_password_hash", lambda p: calls.append(p) or real(p))
    make.user(email="hodan@example.org")
    client_for(None).post("/accounts/sign-up", data=form())
    client_for(None).post("/accounts/sign-up", data=form(email="other@example.org"))
    assert calls == [PASSWORD, PASSWORD]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"password": "kort", "confirm": "kort"}, "Use at least 10 characters."),
        ({"confirm": "something else entirely"}, "The passwords do not match."),
        ({"email": "not-an-address"}, "Enter an e-mail address like name@example.se."),
        ({"email": ""}, "Enter your e-mail address."),
        ({"display_name": "   "}, "Choose the name others will see."),
        ({"arena": "no-such-arena", "kind": "lives"}, "Not a valid choice"),
        ({"arena": "", "kind": "owns-a-yacht"}, "Not a valid choice"),
    ],
)
def test_invalid_sign_ups_save_nothing(client_for, make, changes, message):
    make.arena("Järva")
    response = client_for(None, accept_language="en").post(
        "/accounts/sign-up", data=form(**changes)
    )
    assert response.status_code == 200
    assert message in page_text(response)
    assert count(User) == 0


def test_passwords_are_never_shown_back(client_for):
    response = client_for(None).post("/accounts/sign-up", data=form(confirm="different-secret"))
    assert PASSWORD not in response.get_data(as_text=True)
    assert "different-secret" not in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("accept_language", "stored"), [(None, "sv"), ("en", "en"), ("en-GB,sv;q=0.5", "en")]
)
def test_the_language_i_signed_up_in_is_remembered(client_for, accept_language, stored):
    client_for(None, accept_language=accept_language).post("/accounts/sign-up", data=form())
    assert the_user().preferred_language == stored


def test_the_language_chosen_on_the_site_is_remembered(client_for):
    client = client_for(None)
    client.post("/language", data={"language": "en"})
    client.post("/accounts/sign-up", data=form())
    assert the_user().preferred_language == "en"


def test_signed_in_people_are_sent_to_their_page(client_for, make):
    response = client_for(make.user()).get("/accounts/sign-up")
    assert response.status_code == 302
    assert response.headers["Location"] == "/accounts/me"


def test_next_is_honoured_only_for_own_paths(client_for, make):
    arena = make.arena()
    client = client_for(None)
    own = client.post(f"/accounts/sign-up?next=/arenas/{arena.slug}", data=form())
    assert own.headers["Location"] == f"{CHECK_EMAIL}&next=/arenas/{arena.slug}"
    page = client.get(own.headers["Location"]).get_data(as_text=True)
    assert f'href="/accounts/sign-in?next=/arenas/{arena.slug}"' in page
    evil = client_for(None).post(
        "/accounts/sign-up?next=https://evil.example/", data=form(email="other@example.org")
    )
    assert evil.headers["Location"] == CHECK_EMAIL
