"""Capturing the SQL a request runs and asking the database how it would run each
statement: SQLite's EXPLAIN QUERY PLAN, PostgreSQL's EXPLAIN (FORMAT JSON)."""

from __future__ import annotations

import json
import re
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import event

from arena.extensions import db

# The tables that grow with the city: no page may read one of them whole.
GROWING = ("proposals", "supports", "comments", "users")
# The lists among them: a page of one must come in the order of an index, never sorted.
LISTS = ("proposals", "comments")


@dataclass(frozen=True)
class Statement:
    sql: str
    parameters: object


@contextmanager
def capturing():
    """The statements run inside the block, with their parameters."""
    found: list[Statement] = []

    def record(_conn, _cursor, statement, parameters, _context, _executemany):
        found.append(Statement(statement, parameters))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield found
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


def is_query(statement: Statement) -> bool:
    return statement.sql.lstrip().upper().startswith(("SELECT", "WITH"))


def explain(statement: Statement) -> list[str]:
    """The plan as lines of text, one per step, with the table each step reads."""
    with db.engine.connect() as connection:
        if db.engine.dialect.name == "sqlite":
            rows = connection.exec_driver_sql(
                "EXPLAIN QUERY PLAN " + statement.sql, statement.parameters
            ).all()
            return [row[3] for row in rows]
        (document,) = connection.exec_driver_sql(
            "EXPLAIN (FORMAT JSON) " + statement.sql, statement.parameters
        ).one()
    document = json.loads(document) if isinstance(document, str) else document
    return list(_nodes(document[0]["Plan"]))


def _nodes(node: dict, depth: int = 0):
    relation = node.get("Relation Name")
    index = node.get("Index Name")
    text = node["Node Type"]
    if relation:
        text += f" on {relation}"
    if index:
        text += f" using {index}"
    if node.get("Sort Key"):
        text += " by " + ", ".join(node["Sort Key"])
    yield "  " * depth + text + f" (rows {node.get('Plan Rows')})"
    for child in node.get("Plans", ()):
        yield from _nodes(child, depth + 1)


# PostgreSQL may sort a few rows it found through an index (a short thread) when that
# costs less than walking the index in order; more than a page's worth is a list sorted.
SMALL_SORT = 100


def _big_sort(step: str) -> bool:
    sort = re.match(r"^(?:Incremental )?Sort by .* \(rows (\d+)\)$", step)
    return bool(sort) and int(sort.group(1)) > SMALL_SORT


_SQLITE_SCAN = re.compile(r"^SCAN (\w+)(?: AS \w+)?(?: USING (?:COVERING )?INDEX \w+)?$")


def problems(statement: Statement, plan: list[str]) -> list[str]:
    """What in the plan makes its cost grow with the data: a growing table read whole
    (a table scan, or a scan of a whole index), or a list sorted rather than read in the
    order of an index (on SQLite any sort; on PostgreSQL one of more than SMALL_SORT rows)."""
    found = []
    reads_list = any(re.search(rf"\bFROM {t}\b", statement.sql) for t in LISTS)
    for step in plan:
        step = step.strip()
        scan = _SQLITE_SCAN.match(step)
        if scan and scan.group(1) in GROWING:
            found.append(step)
        if step.startswith("Seq Scan on ") and step.split()[3] in GROWING:
            found.append(step)
        if reads_list and ("USE TEMP B-TREE FOR ORDER BY" in step or _big_sort(step)):
            found.append(step)
    return found
