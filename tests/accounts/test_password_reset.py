"""A forgotten password: one answer for every address, a link that works once, for an
hour, and stops working when the password changes; afterwards every other session
has ended and the owner is told by mail."""

import pytest

from arena.extensions import db
from tests.accounts.mail import link_in, queued, the_mail
from tests.factories import PASSWORD
from tests.helpers import page_text

NEW_PASSWORD = "en helt ny lösenfras"
pytestmark = pytest.mark.usefixtures("quick_password_hashing")


@pytest.fixture
def amina(make):
    return make.user(email="amina@example.org", display_name="Amina")


def ask_for_link(client, email="amina@example.org"):
    return client.post("/accounts/forgot-password", data={"email": email})


def reset_link() -> str:
    return link_in(queued("password_reset")[-1], "/accounts/reset-password/")


def choose(client, link, password=NEW_PASSWORD, confirm=None):
    return client.post(link, data={"password": password, "confirm": confirm or password})


def sign_in(client, password, email="amina@example.org"):
    return client.post("/accounts/sign-in", data={"email": email, "password": password})


def test_the_sign_in_page_links_to_it(client_for):
    page = client_for(None, accept_language="en").get("/accounts/sign-in")
    assert 'href="/accounts/forgot-password"' in page.get_data(as_text=True)
    assert "Forgot your password?" in page_text(page)


@pytest.mark.parametrize("email", ["nobody@example.org", "gone@example.org"])
def test_the_same_answer_for_every_address(client_for, make, amina, email):
    from arena.core.time import utcnow

    make.user(email="gone@example.org", deleted_at=utcnow())
    known = ask_for_link(client_for(None, accept_language="en"))
    unknown = ask_for_link(client_for(None, accept_language="en"), email=email)
    assert (known.status_code, known.headers["Location"]) == (
        unknown.status_code,
        unknown.headers["Location"],
    )
    assert known.get_data() == unknown.get_data()
    page = page_text(client_for(None, accept_language="en").get(known.headers["Location"]))
    assert "If an account has this address, a mail with a link" in page
    # Only the real, active account gets a mail.
    assert [m.to_address for m in queued()] == ["amina@example.org"]


def test_the_link_sets_a_new_password_and_signs_in(client_for, amina):
    ask_for_link(client_for(None))
    mail = the_mail("password_reset", to="amina@example.org")
    assert mail.language == "sv"
    client = client_for(None, accept_language="en")
    link = reset_link()
    assert client.get(link).status_code == 200

    saved = choose(client, link)
    assert saved.status_code == 303
    assert saved.headers["Location"] == "/accounts/me"
    me = page_text(client.get("/accounts/me"))
    assert "Your new password is saved, and you are signed in." in me
    changed = the_mail("password_changed", to="amina@example.org")
    assert link_in(changed, "/accounts/forgot-password")

    # The old password is refused, the new one works.
    assert sign_in(client_for(None), PASSWORD).status_code == 200
    assert sign_in(client_for(None), NEW_PASSWORD).status_code == 303


def test_the_link_works_once(client_for, amina):
    ask_for_link(client_for(None))
    link = reset_link()
    assert choose(client_for(None), link).status_code == 303
    again = choose(client_for(None, accept_language="en"), link, password="ännu ett nytt lösen")
    assert again.status_code == 400
    assert "This link does not work any more" in page_text(again)
    assert sign_in(client_for(None), NEW_PASSWORD).status_code == 303


def test_the_link_expires_after_an_hour(client_for, amina, later):
    ask_for_link(client_for(None))
    link = reset_link()
    later(59 * 60)
    assert client_for(None).get(link).status_code == 200
    later(61 * 60)
    response = choose(client_for(None, accept_language="en"), link)
    assert response.status_code == 400
    assert sign_in(client_for(None), PASSWORD).status_code == 303


def test_the_link_stops_working_when_the_password_changes(client_for, amina):
    ask_for_link(client_for(None))
    link = reset_link()
    amina.set_password("changed some other way")
    db.session.commit()
    assert client_for(None).get(link).status_code == 400
    assert choose(client_for(None), link).status_code == 400
    db.session.refresh(amina)
    assert amina.check_password("changed some other way")


def test_an_older_link_dies_with_a_newer_one_used(client_for, amina):
    ask_for_link(client_for(None))
    first = reset_link()
    ask_for_link(client_for(None))
    second = reset_link()
    assert choose(client_for(None), second).status_code == 303
    assert choose(client_for(None), first, password="ännu ett nytt lösen").status_code == 400


def test_every_other_session_ends(client_for, amina):
    elsewhere = client_for(amina)
    assert elsewhere.get("/accounts/me").status_code == 200
    ask_for_link(client_for(None))
    choose(client_for(None), reset_link())
    refused = elsewhere.get("/accounts/me")
    assert refused.status_code == 302
    assert "/accounts/sign-in" in refused.headers["Location"]


@pytest.mark.parametrize(
    ("password", "confirm", "message"),
    [
        ("kort", "kort", "Use at least 10 characters."),
        (NEW_PASSWORD, "något annat helt", "The passwords do not match."),
        ("password123", "password123", "This password is one of the most common ones."),
        ("amina@example.org", "amina@example.org", "The password is too like your name"),
    ],
)
def test_a_poor_new_password_is_refused_and_the_link_still_works(
    client_for, amina, password, confirm, message
):
    ask_for_link(client_for(None))
    link = reset_link()
    response = choose(client_for(None, accept_language="en"), link, password, confirm)
    assert response.status_code == 200
    assert message in page_text(response)
    # The old password still holds (checked here: a sign-in would replace the factories'
    # scrypt hash by an Argon2id one, and a new hash ends every reset link).
    db.session.refresh(amina)
    assert amina.check_password(PASSWORD)
    assert choose(client_for(None), link).status_code == 303


def test_an_unverified_address_is_verified_by_a_reset(client_for, make):
    person = make.user(email="hodan@example.org", verified=False)
    ask_for_link(client_for(None), email="hodan@example.org")
    choose(client_for(None), reset_link())
    db.session.refresh(person)
    assert person.verified_at is not None
