"""When cached pages stop being true: the generation token, and the clock.

The page cache (arena/core/pagecache.py) files every page under the *generation* it
was looked up in: a random token kept in the cache backend itself (Redis in
production, so every instance reads the same one). Any committed write that changed
rows gives the token a new value, so the next view on every instance misses and is
rendered from the database; the old entries are never read again and expire by
themselves. The token is read before a page is rendered, so a page rendered from data
a write then changed is filed under the old token and is never served.

- Writes through the ORM session (the unit of work, and `session.execute` of an
  INSERT/UPDATE/DELETE) are seen by the hooks below and change the token after the
  commit. Tables no page shows (the outbox) are left out by their features with
  `writes_not_shown(app, table)`.
- Writes on a raw connection (bulk seeds, CLI imports) call `pages_changed()`
  themselves after their commit.
- The clock: features register `expire_by_clock(app, next_change)`; a page is kept at
  most until the earliest moment one of them names (a phase starting, midnight).

A second token, the *reference* token, changes only when a commit writes one of the
tables a feature named with `reference_tables(app, …)` (arenas, cycles, themes): what
each process keeps of those rows in memory (arena/arenas/reference.py) is good for as
long as it has not changed. Any other write leaves it alone, so a vote does not make
every instance read the arenas again.
"""

from __future__ import annotations

import logging
import re
import uuid
from datetime import datetime
from itertools import chain

from flask import current_app, has_app_context
from sqlalchemy import event
from sqlalchemy.sql.elements import TextClause

log = logging.getLogger("arena.pagecache")

STORE = "arena.page_store"
NOT_SHOWN = "arena.writes_not_shown"
REFERENCE = "arena.reference_tables"
CLOCKS = "arena.page_clocks"
GENERATION_KEY = "pages:generation"
REFERENCE_KEY = "reference:generation"
_CHANGED = "arena.pages_changed"  # in session.info: this transaction wrote rows
_REFERENCE_CHANGED = "arena.reference_changed"  # … of a reference table
_TEXT_WRITE = re.compile(r'^\s*(?:insert\s+into|update|delete\s+from)\s+"?(\w+)', re.I)


class PageStore:
    """The cache backend (a cachelib cache from Flask-Caching) as the page cache uses
    it. An unreachable backend is a miss and a write is skipped: pages are then served
    uncached, never refused."""

    def __init__(self, backend):
        self.backend = backend

    def generation(self) -> str | None:
        return self.token(GENERATION_KEY)

    def reference_token(self) -> str | None:
        return self.token(REFERENCE_KEY)

    def token(self, key: str) -> str | None:
        try:
            token = self.backend.get(key)
            if token is None:
                # None yet (a new or emptied cache): a new token, never an old one, so no
                # entry filed before the loss can come back.
                self.backend.add(key, uuid.uuid4().hex, timeout=0)
                token = self.backend.get(key)
            return token
        except Exception as exc:  # noqa: BLE001 - any backend failure: serve uncached
            log.warning("Page cache unavailable (%s)", type(exc).__name__)
            return None

    def changed(self, *, reference: bool = True) -> None:
        """New tokens: for the pages, and for the reference rows unless told otherwise."""
        keys = (GENERATION_KEY, REFERENCE_KEY) if reference else (GENERATION_KEY,)
        try:
            # Both keys in one round trip on Redis (a pipeline).
            self.backend.set_many({key: uuid.uuid4().hex for key in keys}, timeout=0)
        except Exception as exc:  # noqa: BLE001
            log.warning("Page cache: could not mark pages changed (%s)", type(exc).__name__)

    def get(self, key: str):
        try:
            return self.backend.get(key)
        except Exception as exc:  # noqa: BLE001
            log.warning("Page cache unavailable (%s)", type(exc).__name__)
            return None

    def close(self) -> None:
        """Close the backend's connections (Redis), for a process that is ending."""
        for name in ("_write_client", "_read_client"):
            client = getattr(self.backend, name, None)
            if client is not None and hasattr(client, "close"):
                client.close()

    def set(self, key: str, value, timeout: int) -> None:
        try:
            self.backend.set(key, value, timeout=timeout)
        except Exception as exc:  # noqa: BLE001
            log.warning("Page cache: could not store a page (%s)", type(exc).__name__)


def pages_changed(app=None, *, reference: bool = True) -> None:
    """Every cached page is out of date, on every instance (call after a commit); and,
    unless `reference` is False, every process's copy of the reference rows."""
    app = app or (current_app if has_app_context() else None)
    store = app.extensions.get(STORE) if app else None
    if store is not None:
        store.changed(reference=reference)


def reference_tables(app, *tables: str) -> None:
    """Rows of these tables are kept in memory: a write to them renews the reference
    token as well as the pages' generation."""
    app.extensions.setdefault(REFERENCE, set()).update(tables)


def wrote_reference_rows(session) -> bool:
    """This session's transaction has written reference rows it has not committed yet."""
    return bool(session.info.get(_REFERENCE_CHANGED))


def writes_not_shown(app, *tables: str) -> None:
    """Writes to these tables change no page (bookkeeping such as the outbox)."""
    app.extensions.setdefault(NOT_SHOWN, set()).update(tables)


def expire_by_clock(app, next_change) -> None:
    """`next_change(now) -> datetime | None`: the next moment pages change by the clock."""
    app.extensions.setdefault(CLOCKS, []).append(next_change)


def next_clock_change(app, now: datetime) -> datetime | None:
    moments = [fn(now) for fn in app.extensions.get(CLOCKS, ())]
    moments = [moment for moment in moments if moment is not None]
    return min(moments) if moments else None


# --- seeing writes --------------------------------------------------------------------------


def _shown(table: str | None) -> bool:
    if not has_app_context():
        return True
    return table not in current_app.extensions.get(NOT_SHOWN, ())


def _note_write(session, table: str | None) -> None:
    """A row of `table` written (None: a table not known, counted as both kinds)."""
    if _shown(table):
        session.info[_CHANGED] = True
    known = current_app.extensions.get(REFERENCE, ()) if has_app_context() else None
    if table is None or known is None or table in known:
        session.info[_REFERENCE_CHANGED] = True


def _table_of(row) -> str | None:
    table = getattr(type(row), "__table__", None)
    return getattr(table, "name", None)


def _after_flush(session, _context) -> None:
    written = chain(session.new, session.deleted)
    changed = (row for row in session.dirty if session.is_modified(row))
    for table in {_table_of(row) for row in chain(written, changed)}:
        _note_write(session, table)


def _on_execute(state) -> None:
    statement = state.statement
    if state.is_insert or state.is_update or state.is_delete:
        _note_write(state.session, getattr(getattr(statement, "table", None), "name", None))
    elif isinstance(statement, TextClause):
        found = _TEXT_WRITE.match(statement.text)
        if found:
            _note_write(state.session, found.group(1))


def _after_transaction_create(session, transaction) -> None:
    if transaction.parent is None:  # a new outermost transaction: nothing written yet
        session.info.pop(_CHANGED, None)
        session.info.pop(_REFERENCE_CHANGED, None)


def _after_commit(session) -> None:
    reference = session.info.pop(_REFERENCE_CHANGED, False)
    if session.info.pop(_CHANGED, False) or reference:
        pages_changed(reference=reference)


def watch_writes() -> None:
    """Listen to every Flask-SQLAlchemy session (once per process)."""
    from flask_sqlalchemy.session import Session

    if event.contains(Session, "after_commit", _after_commit):
        return
    event.listen(Session, "after_flush", _after_flush)
    event.listen(Session, "do_orm_execute", _on_execute)
    event.listen(Session, "after_transaction_create", _after_transaction_create)
    event.listen(Session, "after_commit", _after_commit)
