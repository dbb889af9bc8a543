"""Creating an account: with or without an arena, one account per e-mail address."""

import pytest
from sqlalchemy import select

from arena.accounts.models import ArenaConnection, User
from arena.extensions import db
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


def test_sign_up_without_an_arena(client_for):
    client = client_for(None, accept_language="en")
    response = client.post("/accounts/sign-up", data=form())
    assert response.status_code == 303
    assert response.headers["Location"] == "/accounts/me"
    user = the_user()
    assert (user.email, user.display_name) == ("hodan@example.org", "Hodan")
    assert user.check_password(PASSWORD)
    assert user.connections == []
    # Signed in straight away.
    me = client.get("/accounts/me")
    assert me.status_code == 200
    assert "Signed in as Hodan." in page_text(me)
    assert "Welcome, Hodan! Your account is ready." in page_text(me)


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


@pytest.mark.parametrize(
    "email", ["hodan@example.org", "HODAN@EXAMPLE.ORG", "  Hodan@example.org "]
)
def test_an_e_mail_address_is_one_account_whatever_its_letter_case(client_for, make, email):
    make.user(email="hodan@example.org", display_name="First Hodan")
    response = client_for(None, accept_language="en").post(
        "/accounts/sign-up", data=form(email=email, display_name="Second Hodan")
    )
    assert response.status_code == 200
    assert "An account with this e-mail address already exists. Sign in instead." in page_text(
        response
    )
    assert [u.display_name for u in db.session.scalars(select(User))] == ["First Hodan"]


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
    own = client_for(None).post(f"/accounts/sign-up?next=/arenas/{arena.slug}", data=form())
    assert own.headers["Location"] == f"/arenas/{arena.slug}"
    evil = client_for(None).post(
        "/accounts/sign-up?next=https://evil.example/", data=form(email="other@example.org")
    )
    assert evil.headers["Location"] == "/accounts/me"
