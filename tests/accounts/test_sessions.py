"""Sessions that end on the server: a copied session cookie stops working after
sign-out and after "sign out everywhere"; the same account cannot be reached with an
old or made-up session id."""

import pytest

from arena.extensions import db
from tests.factories import PASSWORD
from tests.helpers import page_text


@pytest.fixture
def amina(make):
    return make.user(email="amina@example.org", display_name="Amina")


def signed_in(client_for):
    client = client_for(None, accept_language="en")
    client.post("/accounts/sign-in", data={"email": "amina@example.org", "password": PASSWORD})
    assert client.get("/accounts/me").status_code == 200
    return client


def copy_of(client, client_for):
    """A second browser holding a copy of `client`'s session cookie."""
    cookie = client.get_cookie(client.application.config["SESSION_COOKIE_NAME"])
    thief = client_for(None, accept_language="en")
    thief.set_cookie(cookie.key, cookie.value)
    return thief


def refused(client) -> bool:
    response = client.get("/accounts/me")
    return response.status_code == 302 and "/accounts/sign-in" in response.headers["Location"]


def test_a_copied_cookie_works_until_sign_out_and_not_after(client_for, amina):
    client = signed_in(client_for)
    thief = copy_of(client, client_for)
    assert thief.get("/accounts/me").status_code == 200  # the copy is the session, for now

    client.post("/accounts/sign-out")
    assert refused(client)
    assert refused(thief)


def test_sign_out_everywhere_ends_other_sessions_and_keeps_this_one(client_for, amina):
    client = signed_in(client_for)
    other_device = signed_in(client_for)
    thief = copy_of(client, client_for)
    page = page_text(client.get("/accounts/me"))
    assert "Sign out on every other device" in page

    response = client.post("/accounts/sign-out-everywhere")
    assert response.status_code == 303
    assert "You are now signed out on every other device." in page_text(client.get("/accounts/me"))
    assert refused(other_device)
    assert refused(thief)


def test_sign_out_everywhere_is_a_post_for_signed_in_people(client_for, amina):
    token = amina.session_token
    assert client_for(amina).get("/accounts/sign-out-everywhere").status_code == 405
    assert client_for(None).post("/accounts/sign-out-everywhere").status_code == 302
    db.session.refresh(amina)
    assert amina.session_token == token


@pytest.mark.parametrize(
    "session_id",
    ["{id}", "{id}:", "{id}:wrong-token", ":{token}", "99999999999999999999:{token}", "x:y:z"],
)
def test_a_session_id_without_the_current_token_is_refused(client_for, amina, session_id):
    client = client_for(None)
    with client.session_transaction() as session:
        session["_user_id"] = session_id.format(id=amina.id, token=amina.session_token)
    assert refused(client)


def test_a_deleted_account_loses_its_sessions(client_for, amina):
    from arena.core.time import utcnow

    client = client_for(amina)
    assert client.get("/accounts/me").status_code == 200
    amina.deleted_at = utcnow()
    db.session.commit()
    assert refused(client)


def test_end_all_sessions_gives_a_new_token(amina):
    from arena.accounts.sessions import end_all_sessions

    before = amina.get_id()
    end_all_sessions(amina)
    assert amina.get_id() != before
    assert amina.get_id().startswith(f"{amina.id}:")
    assert len(amina.session_token) == 64


def test_every_account_has_its_own_token(make):
    tokens = {make.user().session_token for _ in range(5)}
    assert len(tokens) == 5
