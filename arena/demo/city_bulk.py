"""Bulk writing for the city data set: rows as dicts, written in batches straight
through the database driver in the session's transaction — COPY on PostgreSQL, one
`executemany` on SQLite — with ids handed out here so that rows can point at each
other before they are written.

SQLAlchemy's own `insert()` with a list of dicts took most of the minute on a million
supports (it processes every parameter in Python); the driver does it in C. Values
are given as SQLAlchemy would store them: UTC, and on SQLite the same text form for
dates and times that its DateTime and Date types write and read."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime

from sqlalchemy import Date, DateTime, Table, UniqueConstraint, func, select, text
from sqlalchemy.schema import AddConstraint, CreateIndex, DropConstraint, DropIndex

from arena.core.time import as_utc
from arena.core.types import UTCDateTime
from arena.extensions import db

BATCH = 10_000


def next_id(table: Table) -> int:
    """The first free id of `table` (ids given here start after the rows already there)."""
    return (db.session.scalar(select(func.max(table.c.id))) or 0) + 1


class Writer:
    """Inserts rows in batches and tells `report` how many rows of the counted tables
    went in (the progress bar). Rows wait in one list per table; when one list is
    full, all are written, parents before children, so foreign keys always hold."""

    def __init__(self, report: Callable[[int], None], counted: Iterable[str] = ()):
        self.report = report
        self.counted = set(counted)
        self.pending: dict[str, list[dict]] = {}
        self.written: dict[str, int] = {}
        self.tables: dict[str, Table] = {}

    def add(self, table: Table, row: dict) -> None:
        rows = self.pending.setdefault(table.name, [])
        self.tables[table.name] = table
        rows.append(row)
        if len(rows) >= BATCH:
            self.flush()  # every table, parents first: this one's rows may point at theirs

    def add_all(self, table: Table, rows: Iterable[dict]) -> None:
        for row in rows:
            self.add(table, row)

    def flush(self, *tables: Table) -> None:
        """Write what waits for these tables (all when none named), parents first."""
        names = [t.name for t in tables] or [
            t.name for t in db.metadata.sorted_tables if t.name in self.pending
        ]
        for name in names:
            self._write(name)

    def _write(self, name: str) -> None:
        rows = self.pending.get(name)
        if not rows:
            return
        write_rows(self.tables[name], rows)
        self.pending[name] = []
        self.written[name] = self.written.get(name, 0) + len(rows)
        if name in self.counted:
            self.report(len(rows))


def prepare() -> None:
    """On SQLite, a page cache big enough for the indexes being filled (the default
    2 MB makes every insert into the supports' indexes a read from disk); for this
    connection only, which the command's process ends with."""
    if db.session.get_bind().dialect.name == "sqlite":
        db.session.execute(text("PRAGMA cache_size = -262144"))  # KiB: 256 MB


@contextmanager
def checks_after(tables: Iterable[Table]) -> Iterator[None]:
    """On PostgreSQL, fill these tables without their indexes, unique constraints and
    foreign keys, and add them back at the end: each is then built or checked in one
    pass over the rows, instead of once per row (a foreign key check locks the row it
    points at: a million supports took four times as long). All in the caller's
    transaction, so a failed load leaves the schema as it was; any row breaking a
    constraint fails the load when the constraint is added back. Other connections
    wait for these tables meanwhile (this is for a benchmark's database). SQLite
    fills its indexes fast enough as it goes."""
    if db.session.get_bind().dialect.name != "postgresql":
        yield
        return
    restore = []
    for table in tables:
        for constraint in [*table.foreign_key_constraints, *_unique_constraints(table)]:
            db.session.execute(DropConstraint(constraint))
            # Not isolated from the table (SQLAlchemy's default): that would leave the
            # constraint out of every later CREATE TABLE in this process (create_all in
            # tests made tables without their unique constraints, and supports raced).
            restore.append(AddConstraint(constraint, isolate_from_table=False))
        for index in table.indexes:
            db.session.execute(DropIndex(index))
            restore.append(CreateIndex(index))
    yield
    for ddl in reversed(restore):  # unique constraints before the keys
        db.session.execute(ddl)


def _unique_constraints(table: Table) -> list[UniqueConstraint]:
    return [c for c in table.constraints if isinstance(c, UniqueConstraint)]


def write_rows(table: Table, rows: list[dict]) -> None:
    """Write `rows` into `table`; a column some rows leave out is NULL in those rows,
    and one all rows leave out gets its model's plain default (like `body=""`)."""
    names = {key for row in rows for key in row}
    defaults = {
        column.name: column.default.arg
        for column in table.columns
        if column.name not in names and column.default is not None and column.default.is_scalar
    }
    if defaults:
        rows = [defaults | row for row in rows]
        names |= set(defaults)
    columns = [column for column in table.columns if column.name in names]
    connection = db.session.connection().connection.dbapi_connection
    listed = ", ".join(column.name for column in columns)
    if db.session.get_bind().dialect.name == "postgresql":
        copying = f"COPY {table.name} ({listed}) FROM STDIN"
        with connection.cursor() as cursor, cursor.copy(copying) as copy:
            for row in rows:
                copy.write_row(tuple(row.get(column.name) for column in columns))
        return
    converters = [_sqlite_form(column) for column in columns]
    values = [
        tuple(
            convert(row.get(column.name)) if convert else row.get(column.name)
            for column, convert in zip(columns, converters, strict=True)
        )
        for row in rows
    ]
    marks = ", ".join("?" for _ in columns)
    connection.executemany(f"INSERT INTO {table.name} ({listed}) VALUES ({marks})", values)


def _sqlite_form(column) -> Callable | None:
    """How SQLAlchemy's SQLite types store a value of this column, or None: as is."""
    if isinstance(column.type, UTCDateTime | DateTime):
        return _sqlite_datetime
    if isinstance(column.type, Date):
        return _sqlite_date
    return None


def _sqlite_datetime(value: datetime | None) -> str | None:
    if value is None:
        return None
    return as_utc(value).replace(tzinfo=None).isoformat(" ", "microseconds")


def _sqlite_date(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def fix_sequences(*tables: Table) -> None:
    """PostgreSQL's id sequences do not see ids given explicitly: move them past the
    largest id, so the next row the app adds gets a free one. (SQLite needs nothing.)"""
    if db.session.get_bind().dialect.name != "postgresql":
        return
    for table in tables:
        db.session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"(SELECT COALESCE(MAX(id), 0) + 1 FROM {table.name}), false)"
            )
        )
