"""Every exportable table, in the order files and sheets appear."""

from __future__ import annotations

from arena.exports import (
    tables_arenas,
    tables_audit,
    tables_commitments,
    tables_proposals,
    tables_representation,
)
from arena.exports.schema import Table

TABLES: tuple[Table, ...] = (
    *tables_arenas.TABLES[:2],
    *tables_proposals.TABLES,
    *tables_commitments.TABLES,
    *tables_arenas.TABLES[2:],
    tables_representation.TABLE,
    tables_audit.TABLE,
)
BY_NAME = {t.name: t for t in TABLES}


def tables_for(export, only: str | None = None) -> list[Table]:
    """The tables this export may contain (the audit log only with_audit); `only` narrows
    to one table and raises KeyError when it is unknown or not allowed."""
    allowed = [t for t in TABLES if export.with_audit or not t.staff_only]
    if only is None:
        return allowed
    found = [t for t in allowed if t.name == only]
    if not found:
        raise KeyError(only)
    return found
