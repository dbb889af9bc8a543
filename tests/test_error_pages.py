"""Error pages have the right status and speak the visitor's language."""

import pytest
from sqlalchemy import text

from arena.extensions import db
from tests.conftest import make_test_app
from tests.helpers import html_lang, page_text, swedish

TITLES = {
    400: "The request could not be understood",
    403: "You are not allowed to do this",
    404: "Page not found",
    405: "That action is not possible here",
    500: "Something went wrong on our side",
}


def assert_error_page(response, status: int, language: str) -> None:
    assert response.status_code == status
    assert html_lang(response) == language
    title = TITLES[status] if language == "en" else swedish(TITLES[status])
    assert title in page_text(response)
    if language == "sv":
        assert TITLES[status] not in page_text(response)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_404(client_for, language):
    client = client_for(None, accept_language=language)
    assert_error_page(client.get("/arenas/no-such-arena"), 404, language)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_403_keeps_its_specific_message(client_for, make, language):
    arena = make.arena("Järva")
    proposal = make.proposal(make.cycle(arena, phase="closed"))
    person = make.user(connected_to=arena, preferred_language=language)
    response = client_for(person).post(f"/proposals/{proposal.id}/support")
    assert_error_page(response, 403, language)
    if language == "en":
        assert "Voting in Järva closed on" in page_text(response)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_405(client_for, make, language):
    response = client_for(make.user(), accept_language=language).get("/accounts/sign-out")
    assert_error_page(response, 405, language)


@pytest.mark.csrf
@pytest.mark.parametrize("language", ["sv", "en"])
def test_400_for_a_missing_csrf_token(client_for, language):
    client = client_for(None, accept_language=language)
    client.get("/")  # a session exists, but the form's token is missing
    response = client.post("/accounts/sign-in", data={"email": "a@example.org", "password": "x"})
    assert_error_page(response, 400, language)
    expired = "Your form had expired. Please reload the page and send it again."
    assert (expired if language == "en" else swedish(expired)) in page_text(response)


@pytest.fixture
def crashing_app(backend, database_urls):
    """An app of its own, with routes that fail: routes cannot be added to a shared app."""
    app = make_test_app(database_urls[backend])

    @app.get("/crash")
    def crash():
        raise RuntimeError("boom")

    @app.get("/crash-in-the-database")
    def crash_in_the_database():
        # On PostgreSQL this also leaves the transaction unusable until a rollback.
        db.session.execute(text("SELECT * FROM no_such_table"))

    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.mark.parametrize("path", ["/crash", "/crash-in-the-database"])
@pytest.mark.parametrize("language", ["sv", "en"])
def test_500_in_the_signed_in_persons_language(crashing_app, make, path, language):
    person = make.user(preferred_language=language)
    client = crashing_app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = person.get_id()
    response = client.get(path)
    assert_error_page(response, 500, language)
    # The page could load the person: "My page" is in the header, not "Sign in".
    assert 'href="/accounts/me"' in response.get_data(as_text=True)
    assert "boom" not in response.get_data(as_text=True)


def test_500_for_an_anonymous_visitor_is_in_swedish(crashing_app):
    assert_error_page(crashing_app.test_client().get("/crash"), 500, "sv")
