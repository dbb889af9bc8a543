"""On PostgreSQL, a GET's transaction begins at its first write, as on SQLite.

psycopg begins a transaction before a connection's first statement (BEGIN, a round trip
of its own) and the session ends it at the close of the request (ROLLBACK, another): on
a page of two statements, two of its four round trips, and about a millisecond of it on
a small machine. A read needs no transaction under READ COMMITTED (PostgreSQL's default,
and ours): each statement takes its own snapshot inside a transaction as well as outside
one. So a connection lent during a GET or HEAD request runs in autocommit mode, and
before the first statement that may write or lock rows (anything but a plain SELECT:
INSERT, UPDATE, DELETE, SAVEPOINT, SELECT … FOR UPDATE, a WITH that may hold any of
them), and before a read through a server-side cursor (the exports stream theirs; such
a cursor lives in a transaction), BEGIN is sent: from there on, what the request
writes is committed or rolled back together, as before (psycopg's commit() and
rollback() end a transaction the server has open, in autocommit mode too, and do
nothing when there is none). SQLite's driver does the same by itself: it begins at the
first write.

Not for a connection someone asked to run in autocommit mode (CREATE DATABASE,
VACUUM): nothing is sent before its statements. Elsewhere than in a GET or HEAD request
(POST and the rest, the workers, the commands) nothing changes.
"""

from __future__ import annotations

import re
from functools import lru_cache

from flask import has_request_context, request
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DisconnectionError

LAZY = "arena.begin_at_first_write"
_LOCKING = re.compile(r"FOR\s+(?:NO\s+KEY\s+UPDATE|UPDATE|KEY\s+SHARE|SHARE)\b")


@lru_cache(maxsize=1024)  # the same few hundred statements, their strings kept compiled
def is_plain_read(statement: str) -> bool:
    """A SELECT without a locking clause. (A SELECT calling a function that writes would
    pass for one; the app has none.)"""
    upper = statement.upper()
    return upper.lstrip().startswith("SELECT") and _LOCKING.search(upper) is None


def begin_at_first_write(engine: Engine) -> None:
    """Install the above on a PostgreSQL engine (psycopg 3)."""
    from psycopg import ServerCursor, pq

    idle = pq.TransactionStatus.IDLE

    @event.listens_for(engine, "checkout")
    def _lent(dbapi_connection, record, _proxy):
        lazy = has_request_context() and request.method in ("GET", "HEAD")
        if dbapi_connection.autocommit != lazy:
            if dbapi_connection.info.transaction_status != idle:
                raise DisconnectionError()  # the pool connects anew
            dbapi_connection.autocommit = lazy
        record.info[LAZY] = lazy

    @event.listens_for(engine, "before_cursor_execute")
    def _before(connection, cursor, statement, _parameters, _context, _executemany):
        if not connection.info.get(LAZY):
            return
        # A server-side cursor (an export streamed in batches) lives in a transaction.
        if not isinstance(cursor, ServerCursor) and is_plain_read(statement):
            return
        if connection.get_execution_options().get("isolation_level") == "AUTOCOMMIT":
            return  # asked for by the caller
        raw = cursor.connection
        if raw.autocommit and raw.info.transaction_status == idle:
            raw.execute("BEGIN")
