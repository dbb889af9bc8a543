"""Apps with the page cache on (the rest of the suite runs without one): on files, as
the embedded default, and on Redis, as production; each test starts with it empty."""

from __future__ import annotations

import uuid

import pytest

from arena.core import freshness
from arena.extensions import db
from tests.conftest import make_test_app
from tests.helpers import client_of
from tests.limits.conftest import REDIS_REQUIRED, REDIS_URL, redis_answers

CACHES = ["file", "redis"]


@pytest.fixture(scope="session")
def cached_apps(database_urls, tmp_path_factory):
    apps = {}
    prefix = f"arena-test-{uuid.uuid4().hex[:12]}"

    def get(backend: str, kind: str):
        if (backend, kind) not in apps:
            if kind == "file":
                url = f"file://{tmp_path_factory.mktemp('page-cache')}"
            else:
                url = REDIS_URL.rsplit("/", 1)[0] + "/1"
            app = make_test_app(
                database_urls[backend], CACHE_URL=url, CACHE_KEY_PREFIX=f"{prefix}-{backend}"
            )
            apps[backend, kind] = app
        return apps[backend, kind]

    yield get
    for app in apps.values():
        with app.app_context():
            app.extensions[freshness.STORE].backend.clear()
            app.extensions[freshness.STORE].close()
            db.engine.dispose()


@pytest.fixture(params=CACHES)
def cache_kind(request) -> str:
    if request.param == "redis" and not redis_answers():
        if REDIS_REQUIRED:
            pytest.fail(f"Redis is required (CI) but does not answer at {REDIS_URL}")
        pytest.skip(f"Redis does not answer at {REDIS_URL}")
    return request.param


@pytest.fixture
def cached_app(app, backend, cache_kind, cached_apps):
    """The test's database (emptied afterwards by `app`), a page cache in front of it.
    Its app context is the test's: rows the factories write count as writes too."""
    cached = cached_apps(backend, cache_kind)
    cached.extensions[freshness.STORE].backend.clear()
    with cached.app_context():
        yield cached
        db.session.rollback()
        db.session.remove()


@pytest.fixture
def visitor(cached_app):
    """A browser of the cached app: anonymous, or signed in as `user`."""

    def make(user=None, accept_language="sv"):
        return client_of(cached_app, user, accept_language=accept_language)

    return make
