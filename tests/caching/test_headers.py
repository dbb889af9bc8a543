"""What an anonymous visitor's answers say to caches: no cookie, no `Vary: Cookie`,
an ETag that a 304 confirms, compression when asked (but never next to a secret),
and static files under hashed names kept for a year."""

from __future__ import annotations

import gzip
import re

import brotli
import pytest

from tests.helpers import html_lang

STYLESHEET = re.compile(r'href="(/static/arena\.([0-9a-f]{12})\.css)"')


def test_an_anonymous_home_page_sets_no_cookie_and_does_not_vary_on_cookie(client_for):
    response = client_for(None).get("/")
    assert response.status_code == 200
    assert response.headers.getlist("Set-Cookie") == []
    vary = [v.strip().lower() for v in response.headers.get("Vary", "").split(",")]
    assert "cookie" not in vary
    assert "accept-language" in vary
    assert 'name="csrf_token"' not in response.get_data(as_text=True)


def test_the_language_choice_sets_only_its_own_cookie_and_no_session(client_for):
    client = client_for(None)
    response = client.post("/language", data={"language": "en", "next": "/"})
    assert response.status_code == 303
    assert [c.split("=", 1)[0] for c in response.headers.getlist("Set-Cookie")] == ["arena_lang"]
    page = client.get("/")
    assert html_lang(page) == "en"
    assert page.headers.getlist("Set-Cookie") == []
    # This page was chosen by the cookie: caches are told so.
    assert "Cookie" in page.headers["Vary"]


@pytest.mark.csrf
def test_a_page_with_a_form_gets_the_session_its_token_needs(client_for):
    response = client_for(None).get("/accounts/sign-up")
    assert [c.split("=", 1)[0] for c in response.headers.getlist("Set-Cookie")] == ["arena_session"]
    assert 'name="csrf_token"' in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("asked", "encoding", "decode"),
    [("gzip", "gzip", gzip.decompress), ("gzip, deflate, br", "br", brotli.decompress)],
)
def test_the_home_page_is_compressed_when_asked(client_for, make, asked, encoding, decode):
    make.arena("Järva")
    plain = client_for(None).get("/")
    assert "Content-Encoding" not in plain.headers  # not asked, not compressed
    response = client_for(None).get("/", headers={"Accept-Encoding": asked})
    assert response.headers["Content-Encoding"] == encoding
    assert "Accept-Encoding" in response.headers["Vary"]
    assert decode(response.get_data()) == plain.get_data()
    assert int(response.headers["Content-Length"]) < len(plain.get_data()) / 2


@pytest.mark.csrf
def test_nothing_with_a_secret_on_it_is_compressed(client_for, make):
    """BREACH: no page with a CSRF token, nothing a signed-in person sees."""
    person = make.user()
    asked = {"Accept-Encoding": "gzip, br"}
    assert (
        "Content-Encoding" not in client_for(None).get("/accounts/sign-up", headers=asked).headers
    )
    signed_in = client_for(person).get("/", headers=asked)
    assert signed_in.status_code == 200
    assert "Content-Encoding" not in signed_in.headers
    assert "ETag" not in signed_in.headers
    assert signed_in.headers["Cache-Control"] == "no-store"


def test_a_page_seen_before_is_confirmed_with_304(client_for, make):
    make.arena("Järva", slug="jarva")
    client = client_for(None)
    first = client.get("/arenas/jarva")
    etag = first.headers["ETag"]
    assert first.headers["Cache-Control"] == "no-cache"  # kept, but asked again each time
    again = client.get("/arenas/jarva", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.get_data() == b""
    # In another language the copy is not the current one.
    english = client_for(None, accept_language="en")
    assert english.get("/arenas/jarva", headers={"If-None-Match": etag}).status_code == 200


def test_static_files_have_hashed_names_kept_for_a_year(client_for):
    client = client_for(None)
    found = STYLESHEET.search(client.get("/").get_data(as_text=True))
    assert found, "the page links its stylesheet by a hashed name"
    hashed = client.get(found.group(1))
    assert hashed.status_code == 200
    assert hashed.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    plain = client.get("/static/arena.css")
    assert plain.get_data() == hashed.get_data()
    assert "immutable" not in plain.headers["Cache-Control"]
    assert "max-age=3600" in plain.headers["Cache-Control"]
    # A name from before a release: today's file, not kept long.
    stale = client.get("/static/arena.000000000000.css")
    assert stale.status_code == 200 and "immutable" not in stale.headers["Cache-Control"]
    assert client.get("/static/nothing.0123456789ab.css").status_code == 404
    # Compressed when asked, as the pages are.
    asked = client.get(found.group(1), headers={"Accept-Encoding": "gzip"})
    assert gzip.decompress(asked.get_data()) == hashed.get_data()
