"""ARENA_DB_* size the connection pool of each app process on PostgreSQL; SQLite keeps
SQLAlchemy's own pool; a wrong value stops the start with a clear message."""

import pytest

from arena.config import ConfigError, load_config
from arena.extensions import db
from tests.conftest import make_test_app

PG = "postgresql+psycopg://postgres@127.0.0.1:5432/arena"


def _options(url, monkeypatch, **env):
    for name, value in env.items():
        monkeypatch.setenv(f"ARENA_{name}", value)
    config = load_config({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": url})
    return config["SQLALCHEMY_ENGINE_OPTIONS"]


def test_postgresql_pool_defaults(monkeypatch):
    assert _options(PG, monkeypatch) == {
        "pool_size": 5,
        "max_overflow": 5,
        "pool_recycle": 1800,
        "pool_timeout": 10,
    }


def test_postgresql_pool_from_the_environment(monkeypatch):
    options = _options(
        PG, monkeypatch, DB_POOL_SIZE="12", DB_MAX_OVERFLOW="0", DB_POOL_RECYCLE="300"
    )
    assert (options["pool_size"], options["max_overflow"], options["pool_recycle"]) == (12, 0, 300)


def test_the_database_url_from_the_environment_decides(monkeypatch):
    monkeypatch.setenv("ARENA_DATABASE_URL", PG)
    assert load_config({"SECRET_KEY": "x"})["SQLALCHEMY_ENGINE_OPTIONS"]["pool_size"] == 5


def test_sqlite_keeps_its_own_pool(monkeypatch):
    assert _options("sqlite:///x.db", monkeypatch, DB_POOL_SIZE="50") == {}


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("DB_POOL_SIZE", "0", "ARENA_DB_POOL_SIZE must be at least 1, not 0"),
        ("DB_MAX_OVERFLOW", "-3", "ARENA_DB_MAX_OVERFLOW must be at least 0, not -3"),
        ("DB_POOL_SIZE", "many", "ARENA_DB_POOL_SIZE must be a whole number, not 'many'"),
    ],
)
def test_wrong_values_are_refused(monkeypatch, name, value, message):
    with pytest.raises(ConfigError, match=message):
        _options(PG, monkeypatch, **{name: value})


def test_the_engine_gets_the_pool(monkeypatch):
    monkeypatch.setenv("ARENA_DB_POOL_SIZE", "7")
    app = make_test_app(PG)
    with app.app_context():
        assert db.engine.pool.size() == 7
