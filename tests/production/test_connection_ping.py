"""A PostgreSQL connection that waited in the pool is tested before a request gets it,
so a database restart (here: the server ending the connection) costs a reconnection,
not an error page; one used a moment ago is lent without the extra round trip."""

import pytest
from sqlalchemy import event

from arena.core import database
from arena.extensions import db
from tests.conftest import BACKENDS, _admin_execute, make_test_app

pytestmark = pytest.mark.skipif("postgresql" not in BACKENDS, reason="PostgreSQL does not answer")
# A page that reads the database on every view (the home page takes the arenas from
# memory once it has read them: arena/arenas/reference.py).
PAGE = "/search?q=cykel"


@pytest.fixture
def postgresql_app(database_urls):
    """SQLite has no server to lose a connection to."""
    app = make_test_app(database_urls["postgresql"])
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


def _lent_backends() -> set[int]:
    """The server processes of the connections this app's pool lends from now on. Only
    these are ended: the session-wide app that later tests on this worker use has its
    own connections to the same database."""
    pids: set[int] = set()
    event.listen(
        db.engine, "checkout", lambda dbapi, record, proxy: pids.add(dbapi.info.backend_pid)
    )
    return pids


def _end_pooled_connections(pids: set[int]) -> None:
    """What a database restart does to the pool: every idle connection is gone."""
    db.session.remove()
    assert pids, "no connection was lent"
    listed = ", ".join(str(int(pid)) for pid in pids)
    _admin_execute(
        f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid IN ({listed})"
    )


def _pings(monkeypatch) -> list:
    seen = []
    real = db.engine.dialect.do_ping
    monkeypatch.setattr(db.engine.dialect, "do_ping", lambda c: seen.append(c) or real(c))
    return seen


def test_a_connection_ended_while_idle_is_replaced_before_use(postgresql_app, monkeypatch):
    client = postgresql_app.test_client()
    lent = _lent_backends()
    assert client.get(PAGE).status_code == 200
    monkeypatch.setattr(database, "PING_AFTER_IDLE_SECONDS", 0.0)
    pings = _pings(monkeypatch)
    _end_pooled_connections(lent)
    response = client.get(PAGE)
    assert response.status_code == 200
    assert pings, "the idle connection was not tested"


def test_a_connection_used_a_moment_ago_is_lent_untested(postgresql_app, monkeypatch):
    client = postgresql_app.test_client()
    assert client.get(PAGE).status_code == 200
    monkeypatch.setattr(database, "PING_AFTER_IDLE_SECONDS", 3600.0)
    pings = _pings(monkeypatch)
    assert client.get(PAGE).status_code == 200
    assert pings == []
