"""The five formats: what each file is called, its media type, and its bytes."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from arena.exports.bundle import bundle_chunks
from arena.exports.catalog import tables_for
from arena.exports.text_formats import csv_chunks, json_chunks
from arena.exports.workbook import xlsx_chunks

FORMATS = ("csv", "excel-csv", "xlsx", "json", "bundle")
ONE_TABLE_FORMATS = ("csv", "excel-csv")
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "excel-csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
    "bundle": "application/zip",
}
EXTENSIONS = {"csv": "csv", "excel-csv": "csv", "xlsx": "xlsx", "json": "json", "bundle": "zip"}


class UnknownChoice(LookupError):
    """An unknown format or table, or a CSV asked for without naming its table."""


@dataclass
class File:
    filename: str
    media_type: str
    chunks: Iterator[bytes]


def build(export, format_: str, table: str | None = None) -> File:
    """The export as one file. Raises UnknownChoice before any row is read."""
    if format_ not in FORMATS:
        raise UnknownChoice(f"Unknown format {format_!r}; choose one of {', '.join(FORMATS)}.")
    try:
        tables = tables_for(export, table or None)
    except KeyError:
        names = ", ".join(t.name for t in tables_for(export))
        raise UnknownChoice(f"Unknown table {table!r}; choose one of {names}.") from None
    if format_ in ONE_TABLE_FORMATS and len(tables) != 1:
        raise UnknownChoice("A CSV file holds one table: name it (--table), or choose bundle.")
    stem = export.slug + (f"-{tables[0].name}" if table else "")
    if format_ == "excel-csv":
        stem += "-excel"
    chunks = {
        "csv": lambda: csv_chunks(export, tables[0]),
        "excel-csv": lambda: csv_chunks(export, tables[0], excel=True),
        "xlsx": lambda: xlsx_chunks(export, tables),
        "json": lambda: json_chunks(export, tables),
        "bundle": lambda: bundle_chunks(export, tables),
    }[format_]()
    return File(f"{stem}.{EXTENSIONS[format_]}", MEDIA_TYPES[format_], chunks)
