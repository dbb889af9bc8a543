"""Database helpers that behave the same on SQLite and PostgreSQL."""

import sqlite3

from sqlalchemy import event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine

from arena.extensions import db


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


def insert_ignoring_duplicates(model, **values) -> bool:
    """INSERT … ON CONFLICT DO NOTHING; True when a row was added.

    The database settles races on its unique constraints, so two requests
    adding the same row at once leave exactly one and raise nothing.
    """
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(model).values(**values).on_conflict_do_nothing()
    return db.session.execute(statement).rowcount == 1
