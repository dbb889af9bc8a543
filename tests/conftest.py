"""Test harness: every test runs on SQLite and, where it answers, on PostgreSQL.

Tables are created once per database and emptied after each test, so tests
stay independent and fast. Set ARENA_REQUIRE_POSTGRESQL=1 (CI does) to fail
instead of skipping PostgreSQL when it does not answer.
"""

import functools
import os
import shutil
import tempfile
import uuid
from pathlib import Path

import pytest
from flask import g

from arena import create_app
from arena.extensions import db
from tests import factories
from tests.helpers import client_of
from tests.smtp import send_outbox, smtp_server  # noqa: F401  (fixtures for every test)

POSTGRES_ADMIN_URL = os.environ.get(
    "ARENA_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


def _postgres_answers() -> bool:
    try:
        import psycopg

        dsn = POSTGRES_ADMIN_URL.replace("postgresql+psycopg://", "postgresql://")
        with psycopg.connect(dsn, connect_timeout=3):
            return True
    except Exception:
        return False


POSTGRES_REQUIRED = os.environ.get("ARENA_REQUIRE_POSTGRESQL") == "1"
POSTGRES_AVAILABLE = _postgres_answers()
BACKENDS = ["sqlite"] + (["postgresql"] if POSTGRES_AVAILABLE or POSTGRES_REQUIRED else [])


def pytest_report_header(config):
    state = "yes" if POSTGRES_AVAILABLE else "NO (only SQLite)"
    return f"arena: databases under test: {', '.join(BACKENDS)}; PostgreSQL answers: {state}"


def _admin_execute(statement: str) -> None:
    import psycopg

    dsn = POSTGRES_ADMIN_URL.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn, autocommit=True) as connection:
        connection.execute(statement)


def _sqlite_directory(tmp_path_factory) -> Path:
    """A folder in memory where there is one: SQLite's fsync on each commit is most of its cost."""
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK):
        return Path(tempfile.mkdtemp(prefix="arena-test-", dir=shm))
    return tmp_path_factory.mktemp("db")


@pytest.fixture(scope="session")
def database_urls(tmp_path_factory):
    """One database per backend for the session: a SQLite file, a fresh PostgreSQL database."""
    sqlite_dir = _sqlite_directory(tmp_path_factory)
    urls = {"sqlite": f"sqlite:///{sqlite_dir / 'arena.db'}"}
    pg_name = None
    if "postgresql" in BACKENDS:
        if not POSTGRES_AVAILABLE:
            pytest.fail("PostgreSQL is required (ARENA_REQUIRE_POSTGRESQL=1) but does not answer")
        pg_name = f"arena_test_{uuid.uuid4().hex[:10]}"
        _admin_execute(f'CREATE DATABASE "{pg_name}"')
        # Test data is thrown away: commits need not wait for the disk (~5 ms each).
        _admin_execute(f'ALTER DATABASE "{pg_name}" SET synchronous_commit = off')
        urls["postgresql"] = POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{pg_name}"
    for url in urls.values():
        app = create_app(
            {
                "TESTING": True,
                "SECRET_KEY": "test",
                "SQLALCHEMY_DATABASE_URI": url,
                "CACHE_URL": "none://",
            }
        )
        with app.app_context():
            db.create_all()
            db.engine.dispose()
    yield urls
    if pg_name:
        _admin_execute(f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)')
    shutil.rmtree(sqlite_dir, ignore_errors=True)


def make_test_app(url: str, **overrides):
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": url,
            "WTF_CSRF_ENABLED": False,
            "SERVER_NAME": None,
            # Limits off unless a test asks for them (tests/limits does): a suite that
            # signs in hundreds of times from 127.0.0.1 would otherwise meet them.
            "RATELIMIT_ENABLED": False,
            "RATELIMIT_STORAGE_URI": "memory://",
            # No page cache unless a test names one (tests/caching does); a backend in
            # memory all the same, so every test reads the arenas, cycles and themes as
            # pages do in production: kept in memory, read again after a write.
            **({} if "CACHE_URL" in overrides else {"CACHE_URL": "simple://", "PAGE_CACHE": False}),
            **overrides,
        }
    )

    def forget_cached_user_and_locale():
        # pytest-flask keeps one app context for the whole test, so Flask-Login's and
        # Flask-Babel's per-request caches in `g` would leak between requests.
        # (Flask-Babel 4 keeps its cache in g._flask_babel; older versions used the others.)
        for key in ("_login_user", "_flask_babel", "babel_locale", "babel_translations"):
            g.pop(key, None)

    # First of all hooks: CSRF protection's own hook may already render an error page.
    app.before_request_funcs.setdefault(None, []).insert(0, forget_cached_user_and_locale)
    return app


def empty_all_tables() -> None:
    """Delete every row, children first, in one round trip.

    DELETE, not TRUNCATE: on PostgreSQL a TRUNCATE of every table costs ~0.4 s (new
    files, fsync) against a few ms for deleting a test's handful of rows.
    """
    script = "".join(f'DELETE FROM "{t.name}";' for t in reversed(db.metadata.sorted_tables))
    connection = db.session.connection().connection.dbapi_connection
    if db.engine.dialect.name == "sqlite":
        connection.executescript(script)
    else:
        connection.execute(script)  # no parameters: psycopg sends it as one simple query
    db.session.commit()


@pytest.fixture(scope="session")
def shared_apps(database_urls):
    """One app per (database, CSRF on/off), reused by every test.

    Building an app and compiling its templates costs ~0.2 s, which hundreds of
    tests would pay again and again. Tests that need an app of their own (an extra
    route, other settings) build it with make_test_app(). Tests that change
    app.config must undo it (monkeypatch.setitem does).
    """
    apps = {}

    def get(backend: str, csrf: bool):
        if (backend, csrf) not in apps:
            app = make_test_app(database_urls[backend], WTF_CSRF_ENABLED=csrf)
            app.config["DB_BACKEND"] = backend
            apps[backend, csrf] = app
        return apps[backend, csrf]

    yield get
    for app in apps.values():
        with app.app_context():
            db.engine.dispose()


@pytest.fixture(params=BACKENDS)
def app(request, shared_apps):
    app = shared_apps(request.param, csrf=request.node.get_closest_marker("csrf") is not None)
    with app.app_context():
        yield app
        db.session.rollback()
        db.session.remove()
        empty_all_tables()
        db.session.remove()


@pytest.fixture
def backend(app) -> str:
    return app.config["DB_BACKEND"]


@pytest.fixture
def client_for(app):
    """A test client signed in as `user` (or anonymous for None), optionally with a
    browser language (`accept_language="en"`) sent on every request."""

    def make(user=None, accept_language=None):
        return client_of(app, user, accept_language=accept_language)

    return make


@pytest.fixture
def quick_password_hashing(monkeypatch):
    """Sign-ups still store scrypt hashes, with a low work factor (tests that sign up
    dozens of people would otherwise spend seconds hashing)."""
    from werkzeug.security import generate_password_hash

    from arena.accounts import models

    quick = functools.partial(generate_password_hash, method=factories.QUICK_SCRYPT)
    monkeypatch.setattr(models, "generate_password_hash", quick)


@pytest.fixture
def make(app):
    """The factories, bound to this test's database: make.user(), make.cycle(phase=…)…"""
    return factories.Factories()
