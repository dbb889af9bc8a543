"""One scenario per database for the hostile-input tests, never committed.

The demo data (every arena in another phase of its cycle, proposals, comments,
reports, workshops, commitments with indicators, reviews, statistics) is loaded
once per database inside a transaction that is rolled back at the end, and each
test runs inside a savepoint of it, rolled back after the test: every form gets
the same fresh scenario without paying the demo's seconds again. The app's own
commits and rollbacks only release or roll back savepoints inside these
(`join_transaction_mode="create_savepoint"`).
"""

from dataclasses import dataclass
from functools import partial
from unittest import mock

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session
from werkzeug.security import generate_password_hash

from arena.accounts import models as account_models
from arena.accounts.models import ArenaConnection, FacilitatorRole, User
from arena.arenas.models import Arena
from arena.core.time import utcnow
from arena.demo import seed_demo
from arena.extensions import db
from tests import factories
from tests.conftest import BACKENDS, make_test_app


def _savepoints_on_pysqlite(engine) -> None:
    """pysqlite begins transactions on its own and breaks SAVEPOINT; let SQLAlchemy do it
    (the recipe in SQLAlchemy's SQLite dialect documentation)."""

    @event.listens_for(engine, "connect")
    def no_implicit_begin(dbapi_connection, _record):
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def explicit_begin(connection):
        connection.exec_driver_sql("BEGIN")


def _use_session(connection) -> None:
    """Make `db.session` (in this app context) a session on `connection` whose commits
    and rollbacks stay inside the connection's transaction."""
    db.session.remove()
    db.session.registry.set(
        Session(bind=connection, join_transaction_mode="create_savepoint", autoflush=True)
    )


def _ensure(model, **values) -> None:
    keys = {k: v for k, v in values.items() if k != "kind"}
    if not db.session.scalar(select(model).filter_by(**keys)):
        db.session.add(model(**values))


def _widen_roles() -> None:
    """The demo facilitator facilitates every arena and the demo resident lives in every
    arena, so each arena's forms (one arena per phase) are open to them."""
    facilitator = db.session.scalar(select(User).where(User.email == "facilitator@example.org"))
    resident = db.session.scalar(select(User).where(User.email == "resident@example.org"))
    for arena in db.session.scalars(select(Arena)).all():
        _ensure(FacilitatorRole, user_id=facilitator.id, arena_id=arena.id)
        _ensure(ArenaConnection, user_id=resident.id, arena_id=arena.id, kind="lives")
    db.session.commit()


@dataclass
class World:
    app: object
    connection: object
    backend: str


@pytest.fixture(scope="module", params=BACKENDS)
def world(request, database_urls):
    """The app on this database with the demo loaded in a transaction never committed."""
    backend = request.param
    app = make_test_app(database_urls[backend])
    app.config["DB_BACKEND"] = backend
    with app.app_context():
        if backend == "sqlite":
            _savepoints_on_pysqlite(db.engine)
        connection = db.engine.connect()
        outer = connection.begin()
        _use_session(connection)
        quick = partial(generate_password_hash, method=factories.QUICK_SCRYPT)
        with mock.patch.object(account_models, "generate_password_hash", quick):
            seed_demo(utcnow())
            db.session.commit()
        _widen_roles()
        try:
            yield World(app, connection, backend)
        finally:
            db.session.close()
            db.session.remove()
            outer.rollback()
            connection.close()
            db.engine.dispose()


@pytest.fixture
def scene(world):
    """This test's own copy of the scenario: a savepoint rolled back afterwards."""
    with world.app.app_context():
        savepoint = world.connection.begin_nested()
        _use_session(world.connection)
        try:
            yield world
        finally:
            db.session.close()
            db.session.remove()
            if savepoint.is_active:
                savepoint.rollback()
