"""How a table is described: one definition per column drives every format.

A column's type decides the CSV text, the XLSX cell type, the JSON value and the
datapackage.json field; its English and Swedish descriptions go to the README
and the data package.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

TYPES = ("string", "integer", "number", "date", "datetime", "boolean")


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    en: str
    sv: str

    def __post_init__(self):
        if self.type not in TYPES:
            raise ValueError(f"unknown column type {self.type!r}")


@dataclass(frozen=True)
class Table:
    """A named table: its columns and a function that yields its rows (tuples in column
    order) for an export context, streaming from the database."""

    name: str
    en: str
    sv: str
    columns: tuple[Column, ...]
    rows: Callable[..., Iterator[tuple]] = field(compare=False)
    staff_only: bool = False

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    def title(self, locale: str) -> str:
        return self.sv if locale.startswith("sv") else self.en


def columns(spec: str) -> tuple[Column, ...]:
    """Columns written one a line as `name | type | English | Swedish`."""
    found = []
    for line in _lines(spec):
        name, type_, en, sv = (part.strip() for part in line.split(" | "))
        found.append(Column(name, type_, en, sv))
    return tuple(found)


def table(rows: Callable[..., Iterator[tuple]], spec: str, *, staff_only: bool = False) -> Table:
    """A table from its row function and a spec: first `name | English | Swedish`, then
    one column a line (see `columns`)."""
    head, *rest = _lines(spec)
    name, en, sv = (part.strip() for part in head.split(" | "))
    return Table(name, en, sv, columns("\n".join(rest)), rows, staff_only=staff_only)


def _lines(spec: str) -> list[str]:
    """The spec's lines; a line that starts with `|` goes on with the line above."""
    joined: list[str] = []
    for line in spec.strip().splitlines():
        if line.strip().startswith("|"):
            joined[-1] += " " + line.strip()
        elif line.strip():
            joined.append(line.strip())
    return joined
