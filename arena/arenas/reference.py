"""Arenas with their cycles, the themes and the co-benefits, kept in each process's memory.

Nearly every page reads them; staff change them a few times a year. A GET takes them
from memory instead of the database (on PostgreSQL two statements fewer on a list page,
about a sixth of its time) for as long as the *reference token* in the shared cache
backend is the one they were read under. A commit that writes one of their tables
renews that token (arena/core/freshness.py), so the next page on every instance reads
them again; a write anywhere else leaves it alone.

They are read from the database as before when there is no shared backend
(CACHE_URL=none://), when it does not answer, for a request that may write (POST and
the rest: what a form changes starts from the rows as they are), and when this
request's session has changed one of them and not committed yet.

What is kept are detached objects, loaded with every relationship a page follows
(`load` says which); each request gets its own copies of them, attached to its session
by `merge(load=False)`: no statement, and nothing a request does reaches another.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from flask import current_app, has_request_context, request
from sqlalchemy import inspect
from sqlalchemy.orm import Session

from arena.core import freshness
from arena.extensions import db

KEPT = "arena.reference_rows"
TOKEN_READ = "arena.reference_token"
TABLES = ("arenas", "cycles", "themes", "co_benefits")


def init_app(app) -> None:
    freshness.reference_tables(app, *TABLES)


def kept(name: str, load: Callable[[Session], list]) -> list | None:
    """The objects kept as `name`, detached (`load(session)` reads them when they are
    missing or out of date); None when this request must read the database itself."""
    token = _token()
    if token is None:
        return None
    memory = current_app.extensions.setdefault(KEPT, {})
    entry = memory.get(name)
    # Also read again after CACHE_SECONDS, as pages are: a write made while the backend
    # did not answer renewed no token.
    if entry is None or entry[0] != token or entry[1] < time.monotonic():
        # Read after the token: a write committed since renews it, so what is read here
        # is never filed under a token newer than the rows. On the request's own
        # connection (a session of their own keeps the objects out of its identity
        # map): it sees what the request sees, also inside a transaction it is part of.
        with Session(bind=db.session.connection()) as session:
            until = time.monotonic() + current_app.config.get("CACHE_SECONDS", 3600)
            entry = (token, until, load(session))
        memory[name] = entry
    return entry[2]


def attach(objects: list) -> list | None:
    """This request's copies of kept objects, in its session; None when the session
    holds one of them (or of what they carry along) with changes of its own."""
    session = db.session()
    for obj in objects:
        state = inspect(obj)
        carried = state.mapper.cascade_iterator("merge", state)
        if any(_has_changes(session, s.key) for s in [state, *(c[2] for c in carried)]):
            return None
    return [session.merge(obj, load=False) for obj in objects]


def _has_changes(session, key) -> bool:
    present = session.identity_map.get(key)
    if present is None:
        return False
    state = inspect(present)
    return state.modified or present in session.deleted


def _token() -> str | None:
    """The reference token, read once per request; None when the rows cannot be kept."""
    if not has_request_context() or request.method not in ("GET", "HEAD"):
        return None
    # In the request's environ rather than `g`, which lives as long as the app
    # context: one per request in production, but one per test under pytest-flask.
    environ = request.environ
    if TOKEN_READ not in environ:
        store = current_app.extensions.get(freshness.STORE)
        usable = store is not None and not freshness.wrote_reference_rows(db.session())
        environ[TOKEN_READ] = store.reference_token() if usable else None
    return environ[TOKEN_READ]
