"""Apps with the limits switched on (make_test_app switches them off for the rest of
the suite), one per database, their counts emptied before every test."""

import os
import uuid

import pytest

from arena.extensions import db
from tests.conftest import make_test_app
from tests.helpers import client_of

REDIS_URL = os.environ.get("ARENA_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
# CI has Redis: there a test that needs it must fail rather than skip.
REDIS_REQUIRED = (
    os.environ.get("ARENA_REQUIRE_REDIS") == "1"
    or os.environ.get("ARENA_REQUIRE_POSTGRESQL") == "1"
)


def redis_answers() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping())
    except Exception:
        return False


@pytest.fixture(scope="session")
def limited_apps(database_urls):
    apps = {}

    def get(backend: str):
        if backend not in apps:
            apps[backend] = make_test_app(database_urls[backend], RATELIMIT_ENABLED=True)
        return apps[backend]

    yield get
    for app in apps.values():
        with app.app_context():
            db.engine.dispose()


@pytest.fixture
def limited_app(app, backend, limited_apps):
    """The same database as `app` (whose fixture empties it afterwards), limits on."""
    limited = limited_apps(backend)
    limited.extensions["arena.limits"].reset()
    return limited


@pytest.fixture
def client_from(limited_app):
    """A client of the limited app from `address`, signed in as `user` if given."""

    def make(address="192.0.2.1", user=None, accept_language="en", app=None):
        return client_of(app or limited_app, user, accept_language=accept_language, address=address)

    return make


@pytest.fixture
def redis_prefix():
    """A key prefix of this test's own on the shared Redis; its keys deleted afterwards."""
    if not redis_answers():
        if REDIS_REQUIRED:
            pytest.fail(f"Redis is required (CI) but does not answer at {REDIS_URL}")
        pytest.skip(f"Redis does not answer at {REDIS_URL}")
    import redis

    prefix = f"arena-test-{uuid.uuid4().hex[:12]}"
    yield prefix
    connection = redis.Redis.from_url(REDIS_URL)
    keys = list(connection.scan_iter(match=f"*{prefix}*"))
    if keys:
        connection.delete(*keys)
