"""How many proposals each cycle lists per theme, kept by the database itself.

A list page shows its total ("10,000 proposals") and its last page number. Counting
the listed proposals walks 10,000 index entries at city scale (1.5-2 ms on every list
and arena page, growing with the data), so the count is kept instead: one row per
(cycle, theme), changed by triggers on `proposals` whenever a proposal is written,
removed, hidden, restored, moved or changes status. Triggers rather than code in the
services, because every path that writes proposals (services, imports, the bulk city
seed, a facilitator's SQL) keeps the count right without knowing about it.

The triggers test the same rule as `queries.is_listed()`, built here from the same
constants. A support changes `support_count` only, so the triggers do not fire on it.

Trap: on SQLite, a migration that rebuilds `proposals` (batch_alter_table) drops its
triggers with the old table; such a migration must create them again
(`create_triggers`), and tests/proposals/test_listed_counts.py would fail otherwise.
"""

from __future__ import annotations

from functools import cache

from sqlalchemy import ForeignKey, Select, bindparam, event, func, select, text
from sqlalchemy.orm import Mapped, mapped_column

from arena.extensions import db
from arena.proposals.models import listed_sql


def _listed(row: str) -> str:
    """The rule of queries.is_listed(), as SQL over a row (NEW or OLD in a trigger)."""
    return f"({listed_sql(row)})"


class ListedCount(db.Model):
    __tablename__ = "listed_counts"

    cycle_id: Mapped[int] = mapped_column(ForeignKey("cycles.id"), primary_key=True)
    theme_id: Mapped[int] = mapped_column(ForeignKey("themes.id"), primary_key=True)
    listed: Mapped[int] = mapped_column(default=0)


def count_listed(cycle_id: int, theme_id: int | None = None) -> int:
    if theme_id is None:
        return db.session.scalar(_count_statement(False), {"cycle_id": cycle_id}) or 0
    parameters = {"cycle_id": cycle_id, "theme_id": theme_id}
    return db.session.scalar(_count_statement(True), parameters) or 0


def listed_total(by_theme: bool):
    """count_listed() as a subquery (parameters `cycle_id`, `theme_id`), for a statement
    that reads the count along with a page."""
    return _count_statement(by_theme).scalar_subquery()


@cache
def _count_statement(by_theme: bool) -> Select:
    """Built once: every list and arena page asks."""
    query = select(func.coalesce(func.sum(ListedCount.listed), 0)).where(
        ListedCount.cycle_id == bindparam("cycle_id")
    )
    if by_theme:
        query = query.where(ListedCount.theme_id == bindparam("theme_id"))
    return query


# --- the triggers ---------------------------------------------------------------------------

_ADD_SQLITE = (
    "INSERT OR IGNORE INTO listed_counts (cycle_id, theme_id, listed) "
    "SELECT NEW.cycle_id, NEW.theme_id, 0 WHERE {new}; "
    "UPDATE listed_counts SET listed = listed + 1 "
    "WHERE {new} AND cycle_id = NEW.cycle_id AND theme_id = NEW.theme_id;"
)
_REMOVE_SQLITE = (
    "UPDATE listed_counts SET listed = listed - 1 "
    "WHERE {old} AND cycle_id = OLD.cycle_id AND theme_id = OLD.theme_id;"
)
_CHANGED_SQLITE = (
    "{old} IS NOT {new} OR OLD.cycle_id IS NOT NEW.cycle_id OR OLD.theme_id IS NOT NEW.theme_id"
)
_WATCHED = "status, hidden_at, cycle_id, theme_id"

SQLITE_TRIGGERS = {
    "proposals_listed_insert": (
        f"CREATE TRIGGER proposals_listed_insert AFTER INSERT ON proposals BEGIN {_ADD_SQLITE} END"
    ),
    "proposals_listed_delete": (
        f"CREATE TRIGGER proposals_listed_delete AFTER DELETE ON proposals "
        f"BEGIN {_REMOVE_SQLITE} END"
    ),
    # Only when what the count depends on changed: a selection that turns a published
    # proposal into a selected one (listed either way) writes no count row.
    "proposals_listed_update": (
        f"CREATE TRIGGER proposals_listed_update AFTER UPDATE OF {_WATCHED} ON proposals "
        f"WHEN {_CHANGED_SQLITE} BEGIN {_REMOVE_SQLITE} {_ADD_SQLITE} END"
    ),
}

POSTGRESQL_FUNCTION = "proposals_listed_count"
POSTGRESQL_TRIGGER = "proposals_listed_count"
_POSTGRESQL_CREATE_FUNCTION = f"""
CREATE FUNCTION {POSTGRESQL_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    was_listed boolean := false;
    is_listed boolean := false;
BEGIN
    IF TG_OP <> 'INSERT' THEN was_listed := {{old}}; END IF;
    IF TG_OP <> 'DELETE' THEN is_listed := {{new}}; END IF;
    IF TG_OP = 'UPDATE' AND was_listed = is_listed AND OLD.cycle_id = NEW.cycle_id
            AND OLD.theme_id = NEW.theme_id THEN
        RETURN NULL;
    END IF;
    IF was_listed THEN
        UPDATE listed_counts SET listed = listed - 1
        WHERE cycle_id = OLD.cycle_id AND theme_id = OLD.theme_id;
    END IF;
    IF is_listed THEN
        INSERT INTO listed_counts (cycle_id, theme_id, listed)
        VALUES (NEW.cycle_id, NEW.theme_id, 1)
        ON CONFLICT (cycle_id, theme_id) DO UPDATE SET listed = listed_counts.listed + 1;
    END IF;
    RETURN NULL;
END $$
"""
_POSTGRESQL_CREATE_TRIGGER = (
    f"CREATE TRIGGER {POSTGRESQL_TRIGGER} "
    f"AFTER INSERT OR DELETE OR UPDATE OF {_WATCHED} ON proposals "
    f"FOR EACH ROW EXECUTE FUNCTION {POSTGRESQL_FUNCTION}()"
)

# Counted again from the proposals themselves, when the triggers are made (a database
# that already holds proposals: the migration).
_RECOUNT = (
    "DELETE FROM listed_counts",
    "INSERT INTO listed_counts (cycle_id, theme_id, listed) "
    "SELECT cycle_id, theme_id, COUNT(*) FROM proposals WHERE {listed} "
    "GROUP BY cycle_id, theme_id",
)


def _fill(template: str) -> str:
    return template.format(old=_listed("OLD"), new=_listed("NEW"))


def create_statements(dialect: str) -> list[str]:
    if dialect == "sqlite":
        return [_fill(statement) for statement in SQLITE_TRIGGERS.values()]
    return [_fill(_POSTGRESQL_CREATE_FUNCTION), _POSTGRESQL_CREATE_TRIGGER]


def drop_statements(dialect: str) -> list[str]:
    if dialect == "sqlite":
        return [f"DROP TRIGGER IF EXISTS {name}" for name in SQLITE_TRIGGERS]
    return [
        f"DROP TRIGGER IF EXISTS {POSTGRESQL_TRIGGER} ON proposals",
        f"DROP FUNCTION IF EXISTS {POSTGRESQL_FUNCTION}()",
    ]


def recount_statements() -> list[str]:
    return [statement.format(listed=_listed("proposals")) for statement in _RECOUNT]


def create_triggers(connection) -> None:
    """For a migration (op.get_bind()) or any connection: the triggers, then a recount."""
    dialect = connection.dialect.name
    for statement in create_statements(dialect):
        connection.execute(text(statement))
    for statement in recount_statements():
        connection.execute(text(statement))


def drop_triggers(connection) -> None:
    for statement in drop_statements(connection.dialect.name):
        connection.execute(text(statement))


# create_all (tests, a new database): both tables exist once the whole metadata is made.
@event.listens_for(db.metadata, "after_create")
def _after_create(metadata, connection, **kwargs) -> None:
    tables = {table.name for table in kwargs.get("tables") or metadata.sorted_tables}
    if {"proposals", "listed_counts"} <= tables:
        create_triggers(connection)


@event.listens_for(db.metadata, "before_drop")
def _before_drop(metadata, connection, **kwargs) -> None:
    drop_triggers(connection)
