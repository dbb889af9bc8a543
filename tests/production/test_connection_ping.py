"""A PostgreSQL connection that waited in the pool is tested before a request gets it,
so a database restart (here: the server ending the connection) costs a reconnection,
not an error page; one used a moment ago is lent without the extra round trip."""

import pytest

from arena.core import database
from arena.extensions import db
from tests.conftest import BACKENDS, _admin_execute, make_test_app

pytestmark = pytest.mark.skipif("postgresql" not in BACKENDS, reason="PostgreSQL does not answer")


@pytest.fixture
def postgresql_app(database_urls):
    """SQLite has no server to lose a connection to."""
    app = make_test_app(database_urls["postgresql"])
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


def _end_pooled_connections() -> None:
    """What a database restart does to the pool: every idle connection is gone."""
    db.session.remove()
    name = db.engine.url.database
    _admin_execute(
        f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'"
    )


def _pings(monkeypatch) -> list:
    seen = []
    real = db.engine.dialect.do_ping
    monkeypatch.setattr(db.engine.dialect, "do_ping", lambda c: seen.append(c) or real(c))
    return seen


def test_a_connection_ended_while_idle_is_replaced_before_use(postgresql_app, monkeypatch):
    client = postgresql_app.test_client()
    assert client.get("/").status_code == 200
    monkeypatch.setattr(database, "PING_AFTER_IDLE_SECONDS", 0.0)
    pings = _pings(monkeypatch)
    _end_pooled_connections()
    response = client.get("/")
    assert response.status_code == 200
    assert pings, "the idle connection was not tested"


def test_a_connection_used_a_moment_ago_is_lent_untested(postgresql_app, monkeypatch):
    client = postgresql_app.test_client()
    assert client.get("/").status_code == 200
    monkeypatch.setattr(database, "PING_AFTER_IDLE_SECONDS", 3600.0)
    pings = _pings(monkeypatch)
    assert client.get("/").status_code == 200
    assert pings == []
