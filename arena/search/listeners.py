"""Keeps the search documents current in the same transaction as every change.

After each flush the items whose searchable columns changed (or that were added or
deleted) get fresh documents, written on the flush's own connection: a change and its
document commit together or roll back together, whichever service made it. UPDATE
statements that bypass the flush (a decision, a merge: conditional updates that settle
races) note the rows they change, and those are indexed just before the commit.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session

from arena.commitments.models import Commitment
from arena.organisations.models import Organisation
from arena.proposals.models import Proposal
from arena.search.indexing import index_items
from arena.workshops.models import Workshop

# For each model, its kind and the attributes a document is made of: a change to
# anything else (a support count, a timestamp) leaves the document as it is.
WATCHED = {
    Proposal: (
        "proposal",
        (
            "title",
            "summary",
            "body",
            "climate_effect",
            "language",
            "status",
            "hidden_at",
            "theme_id",
            "cycle_id",
        ),
    ),
    Commitment: (
        "commitment",
        (
            "title",
            "description",
            "location",
            "climate_effect",
            "changes",
            "language",
            "status",
            "cycle_id",
            "arena_id",
            "themes",
        ),
    ),
    Organisation: ("organisation", ("name", "description", "activities", "is_verified")),
    Workshop: ("workshop", ("place", "notes", "language", "cycle_id")),
}


def _changed(obj, attributes) -> bool:
    state = inspect(obj)
    return any(state.attrs[name].history.has_changes() for name in attributes)


def changed_items(session: Session) -> dict[str, set[int]]:
    """The (kind → ids) this flush added, changed in a searchable way, or deleted."""
    found: dict[str, set[int]] = defaultdict(set)
    for obj in (*session.new, *session.dirty, *session.deleted):
        watched = WATCHED.get(type(obj))
        if watched is None:
            continue
        kind, attributes = watched
        if obj in session.dirty and not _changed(obj, attributes):
            continue
        if obj.id is not None:  # assigned by now, also for the rows this flush inserted
            found[kind].add(obj.id)
    return found


def _after_flush(session: Session, _flush_context) -> None:
    items = changed_items(session)
    if not items:
        return
    connection = session.connection()
    for kind, ids in items.items():
        index_items(connection, kind, ids)


PENDING = "search_pending"  # session.info key: (kind → ids) changed by UPDATE statements


def _touches(statement, attributes) -> bool:
    values = getattr(statement, "_values", None)
    if not values:
        return True  # values given as parameters: cannot tell, so assume it does
    names = {getattr(key, "key", None) or str(key) for key in values}
    return bool(names & set(attributes))


def _before_bulk_change(state) -> None:
    """An UPDATE or DELETE statement on a searchable table (a decision, a merge) never
    passes through a flush: note the rows it is about to change, indexed at commit."""
    if not (state.is_update or state.is_delete) or state.bind_mapper is None:
        return
    model = state.bind_mapper.class_
    watched = WATCHED.get(model)
    if watched is None:
        return
    kind, attributes = watched
    if state.is_update and not _touches(state.statement, attributes):
        return  # a support count, a timestamp: the document stays as it is
    where = state.statement.whereclause
    found = select(model.id) if where is None else select(model.id).where(where)
    ids = state.session.execute(found).scalars()
    state.session.info.setdefault(PENDING, defaultdict(set))[kind].update(ids)


def _before_commit(session: Session) -> None:
    pending = session.info.pop(PENDING, None)
    if pending:
        connection = session.connection()
        for kind, ids in pending.items():
            index_items(connection, kind, ids)


def _after_soft_rollback(session: Session, _previous_transaction) -> None:
    session.info.pop(PENDING, None)  # what was rolled back needs no document


def listen() -> None:
    for name, function in (
        ("after_flush", _after_flush),
        ("do_orm_execute", _before_bulk_change),
        ("before_commit", _before_commit),
        ("after_soft_rollback", _after_soft_rollback),
    ):
        if not event.contains(Session, name, function):
            event.listen(Session, name, function)
