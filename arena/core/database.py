"""Database helpers that behave the same on SQLite and PostgreSQL."""

import sqlite3
import time

from sqlalchemy import event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DisconnectionError

from arena.core.transactions import begin_at_first_write
from arena.extensions import db

# The largest value an INTEGER column holds on PostgreSQL (and a safe bound on SQLite):
# ids and numbers from URLs beyond it would make the database raise, not answer "none".
MAX_INTEGER = 2**31 - 1


def added(row):
    """Add `row` to the session and flush, so its id and defaults are there; returns it.
    A clash with a unique constraint raises IntegrityError here, in the caller's hands."""
    db.session.add(row)
    db.session.flush()
    return row


def fits_integer_column(value: int | None) -> bool:
    """True when `value` can be compared with an INTEGER column on every database."""
    return value is not None and -MAX_INTEGER <= value <= MAX_INTEGER


def fits_text_column(value: str | None) -> bool:
    """PostgreSQL refuses NUL in text, so such a value can never match a stored one."""
    return value is not None and "\x00" not in value


@event.listens_for(Engine, "connect")
def _configure_sqlite(dbapi_connection, _record):
    """SQLite leaves foreign keys off and blocks readers during writes unless told."""
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=15000")
    if cursor.execute("PRAGMA journal_mode").fetchone()[0] != "memory":
        cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def init_database(app) -> None:
    db.init_app(app)
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            ping_after_idle(db.engine)
            begin_at_first_write(db.engine)


# A pooled connection left unused this long is tested before a request gets it.
PING_AFTER_IDLE_SECONDS = 10.0


def ping_after_idle(engine: Engine) -> None:
    """Test a pooled PostgreSQL connection before lending it, if it has been idle.

    SQLAlchemy's pool_pre_ping tests every time: one more round trip on every
    request. A database restart or a dropped connection shows on one that has waited;
    one in use a moment ago is alive, and if the database goes down between two
    requests, the error invalidates the whole pool, so each process sees it once.
    A connection that fails the test is replaced before the request gets it."""

    @event.listens_for(engine, "checkin")
    def _returned(_dbapi_connection, record):
        record.info["returned_at"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _lent(dbapi_connection, record, _proxy):
        returned = record.info.get("returned_at")  # none yet on a new connection
        if returned is None or time.monotonic() - returned < PING_AFTER_IDLE_SECONDS:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as error:
            if engine.dialect.is_disconnect(error, dbapi_connection, None):
                raise DisconnectionError() from error  # the pool connects anew
            raise


def insert_ignoring_duplicates(model, **values) -> bool:
    """INSERT … ON CONFLICT DO NOTHING; True when a row was added.

    The database settles races on its unique constraints, so two requests
    adding the same row at once leave exactly one and raise nothing.
    """
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    # Ask for the new key back rather than trusting rowcount: SQLAlchemy adds its own
    # RETURNING to single-row inserts, and then psycopg reports a rowcount of -1.
    statement = (
        insert(model)
        .values(**values)
        .on_conflict_do_nothing()
        .returning(*model.__table__.primary_key.columns)
    )
    return db.session.execute(statement).first() is not None
