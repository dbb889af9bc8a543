"""Test harness: every test runs on SQLite and, where it answers, on PostgreSQL.

Tables are created once per database and emptied after each test, so tests
stay independent and fast. Set ARENA_REQUIRE_POSTGRESQL=1 (CI does) to fail
instead of skipping PostgreSQL when it does not answer.
"""

import os
import uuid

import pytest
from flask import g
from sqlalchemy import text

from arena import create_app
from arena.extensions import db
from tests import factories

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


@pytest.fixture(scope="session")
def database_urls(tmp_path_factory):
    """One database per backend for the whole session: a SQLite file, a fresh PostgreSQL database."""
    urls = {"sqlite": f"sqlite:///{tmp_path_factory.mktemp('db') / 'arena.db'}"}
    pg_name = None
    if "postgresql" in BACKENDS:
        if not POSTGRES_AVAILABLE:
            pytest.fail("PostgreSQL is required (ARENA_REQUIRE_POSTGRESQL=1) but does not answer")
        pg_name = f"arena_test_{uuid.uuid4().hex[:10]}"
        _admin_execute(f'CREATE DATABASE "{pg_name}"')
        urls["postgresql"] = POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{pg_name}"
    for url in urls.values():
        app = create_app({"TESTING": True, "SECRET_KEY": "test", "SQLALCHEMY_DATABASE_URI": url})
        with app.app_context():
            db.create_all()
            db.engine.dispose()
    yield urls
    if pg_name:
        _admin_execute(f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)')


def make_test_app(url: str, **overrides):
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": url,
            "WTF_CSRF_ENABLED": False,
            "SERVER_NAME": None,
            **overrides,
        }
    )

    @app.before_request
    def forget_cached_user_and_locale():
        # pytest-flask keeps one app context for the whole test, so Flask-Login's and
        # Flask-Babel's per-request caches in `g` would leak between requests.
        for key in ("_login_user", "babel_locale", "babel_translations", "babel_tzinfo"):
            g.pop(key, None)

    return app


def empty_all_tables() -> None:
    tables = db.metadata.sorted_tables
    if db.engine.dialect.name == "postgresql":
        names = ", ".join(f'"{t.name}"' for t in tables)
        db.session.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    else:
        for table in reversed(tables):
            db.session.execute(table.delete())
    db.session.commit()


@pytest.fixture(params=BACKENDS)
def app(request, database_urls):
    marker = request.node.get_closest_marker("csrf")
    app = make_test_app(database_urls[request.param], WTF_CSRF_ENABLED=bool(marker))
    app.config["DB_BACKEND"] = request.param
    with app.app_context():
        yield app
        db.session.rollback()
        db.session.remove()
        empty_all_tables()
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def backend(app) -> str:
    return app.config["DB_BACKEND"]


@pytest.fixture
def client_for(app):
    """A test client signed in as `user` (or anonymous for None)."""

    def make(user=None):
        client = app.test_client()
        if user is not None:
            with client.session_transaction() as session:
                session["_user_id"] = str(user.id)
                session["_fresh"] = True
        return client

    return make


@pytest.fixture
def make(app):
    """The factories, bound to this test's database: make.user(), make.cycle(phase=…)…"""
    return factories.Factories()
