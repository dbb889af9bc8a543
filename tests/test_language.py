"""The interface language: Swedish by default, the browser's or the person's choice
otherwise, remembered in the session and, when signed in, in the profile."""

import pytest

from arena.accounts.models import User
from arena.extensions import db
from tests.helpers import html_lang, page_text

SKIP_LINK_SV = "Hoppa till innehållet"
SKIP_LINK_EN = "Skip to content"


def test_swedish_is_the_default_without_accept_language(client_for):
    page = client_for(None).get("/")
    assert html_lang(page) == "sv"
    assert SKIP_LINK_SV in page_text(page)
    assert SKIP_LINK_EN not in page_text(page)


@pytest.mark.parametrize(
    ("header", "lang"),
    [
        ("en", "en"),
        ("en-GB,en;q=0.9", "en"),
        ("en-US", "en"),
        ("en-GB,sv;q=0.5", "en"),  # the first wish wins, even against an exact later match
        ("sv-SE,sv;q=0.9,en;q=0.8", "sv"),
        ("de-DE,de;q=0.9", "sv"),  # not offered: Swedish
        ("fi-FI,sv;q=0.8", "fi"),
        ("*", "sv"),
    ],
)
def test_the_browser_language_is_used_when_offered(client_for, header, lang):
    page = client_for(None, accept_language=header).get("/")
    assert html_lang(page) == lang


def test_accept_language_en_gives_english(client_for):
    page = client_for(None, accept_language="en").get("/")
    assert SKIP_LINK_EN in page_text(page)
    assert 'dir="ltr"' in page.get_data(as_text=True)


def test_choosing_english_switches_the_interface(client_for, make):
    arena = make.arena("Järva")
    client = client_for(None)
    response = client.post("/language", data={"language": "en", "next": f"/arenas/{arena.slug}"})
    assert response.status_code == 303
    assert response.headers["Location"] == f"/arenas/{arena.slug}"
    page = client.get(f"/arenas/{arena.slug}")
    assert html_lang(page) == "en"
    assert SKIP_LINK_EN in page_text(page)
    # And back to Swedish.
    client.post("/language", data={"language": "sv"})
    assert SKIP_LINK_SV in page_text(client.get("/"))


def test_the_choice_beats_the_browser(client_for):
    client = client_for(None, accept_language="en")
    client.post("/language", data={"language": "sv"})
    assert html_lang(client.get("/")) == "sv"


def test_arabic_is_right_to_left(client_for):
    client = client_for(None)
    client.post("/language", data={"language": "ar"})
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in html


@pytest.mark.parametrize("code", ["xx", "", "EN", "en\x00", "../../etc", "sv-SE"])
def test_an_unknown_code_is_ignored(client_for, code):
    client = client_for(None, accept_language="en")
    response = client.post("/language", data={"language": code})
    assert response.status_code == 303
    assert html_lang(client.get("/")) == "en"
    with client.session_transaction() as session:
        assert "lang" not in session


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example", "/\\evil.example"])
def test_the_language_switch_redirects_only_to_own_pages(client_for, target):
    response = client_for(None).post("/language", data={"language": "en", "next": target})
    assert response.headers["Location"] == "/"


def test_switching_while_signed_in_is_stored_in_the_profile(client_for, make):
    person = make.user(preferred_language="sv")
    client_for(person).post("/language", data={"language": "en"})
    assert db.session.get(User, person.id, populate_existing=True).preferred_language == "en"
    # A new browser session (another device) opens in the stored language.
    assert html_lang(client_for(person).get("/")) == "en"


def test_an_unknown_code_does_not_touch_the_profile(client_for, make):
    person = make.user(preferred_language="en")
    client_for(person).post("/language", data={"language": "xx"})
    assert db.session.get(User, person.id, populate_existing=True).preferred_language == "en"


def test_the_profile_language_beats_the_browser(client_for, make):
    person = make.user(preferred_language="en")
    assert html_lang(client_for(person, accept_language="sv").get("/")) == "en"


def test_swedish_texts_run_left_to_right_on_an_arabic_page(client_for, make):
    """What people wrote keeps its own language and direction inside an Arabic page, and a
    name put into an Arabic sentence is isolated from it: else a Swedish sentence's full
    stop lands at its start, and the words around a Swedish name change places."""
    cycle = make.cycle(phase="testing")
    proposal = make.proposal(
        cycle, title="Cykelverkstad i Tensta", status="selected", decision_note="Flest stöd."
    )
    client = client_for(None)
    client.post("/language", data={"language": "ar"})
    html = client.get(f"/proposals/{proposal.id}").get_data(as_text=True)
    assert '<h1 lang="sv" dir="ltr">Cykelverkstad i Tensta</h1>' in html
    assert "<bdi>Flest stöd.</bdi>" in html
    results = client.get(f"/arenas/{cycle.arena.slug}/results").get_data(as_text=True)
    assert '<span dir="auto">Flest stöd.</span>' in results
