"""ARENA_CACHE_URL: files by default, Redis, memory or nothing; a cache that does not
answer is no reason to refuse a page."""

from __future__ import annotations

import pytest

from arena import create_app
from arena.config import INSTANCE_DIR, ConfigError, load_config
from arena.core import freshness
from arena.extensions import db
from tests.conftest import make_test_app


def test_the_embedded_default_is_a_file_cache_in_the_instance_folder(monkeypatch):
    monkeypatch.delenv("ARENA_CACHE_URL", raising=False)
    assert load_config({"SECRET_KEY": "x"})["CACHE_URL"] == f"file://{INSTANCE_DIR / 'cache'}"


@pytest.mark.parametrize("url", ["memcached://127.0.0.1", "redis", "ftp://x"])
def test_an_unknown_cache_is_refused_at_start(url):
    with pytest.raises(ConfigError):
        create_app({"SECRET_KEY": "x", "CACHE_URL": url, "SQLALCHEMY_DATABASE_URI": "sqlite://"})


def test_without_a_cache_pages_still_carry_etags(client_for, make):
    make.arena(slug="jarva")
    response = client_for(None).get("/arenas/jarva")
    assert "X-Cache" not in response.headers
    assert response.headers["ETag"]


@pytest.fixture
def app_with(database_urls, backend):
    """An app of the test's own on its database, its connections closed afterwards."""
    made = []

    def make(**settings):
        made.append(make_test_app(database_urls[backend], **settings))
        return made[-1]

    yield make
    for app in made:
        with app.app_context():
            db.engine.dispose()
        if freshness.STORE in app.extensions:
            app.extensions[freshness.STORE].close()


def test_simple_keeps_pages_in_the_process(app_with, make):
    app = app_with(CACHE_URL="simple://")
    make.arena(slug="jarva")
    client = app.test_client()
    assert client.get("/arenas/jarva").headers["X-Cache"] == "miss"
    assert client.get("/arenas/jarva").headers["X-Cache"] == "hit"


def test_page_cache_off_renders_every_page_but_keeps_the_backend(app_with, make, monkeypatch):
    monkeypatch.setenv("ARENA_PAGE_CACHE", "0")
    assert load_config({"SECRET_KEY": "x"})["PAGE_CACHE"] is False
    monkeypatch.delenv("ARENA_PAGE_CACHE")
    assert load_config({"SECRET_KEY": "x"})["PAGE_CACHE"] is True
    app = app_with(CACHE_URL="simple://", PAGE_CACHE=False)
    make.arena(slug="jarva")
    client = app.test_client()
    for _ in range(2):
        response = client.get("/arenas/jarva")
        assert response.status_code == 200 and response.headers["ETag"]
        assert "X-Cache" not in response.headers
    assert app.extensions[freshness.STORE].reference_token()  # what the arenas are kept under


def test_a_cache_that_does_not_answer_serves_pages_uncached(app_with, make):
    app = app_with(CACHE_URL="redis://127.0.0.1:1/0")
    make.arena(slug="jarva", name="Järva")
    client = app.test_client()
    for _ in range(2):
        response = client.get("/arenas/jarva")
        assert response.status_code == 200 and "Järva" in response.get_data(as_text=True)
        assert "X-Cache" not in response.headers
