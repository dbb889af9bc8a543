"""CSV (UTF-8, comma), CSV for Swedish Excel, and JSON, each written as it is read."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from arena.exports.cells import json_value, text_cell

BOM = "\ufeff"
CHUNK_ROWS = 500
REPORT_EVERY = 10_000


def counted_rows(export, table) -> Iterator[tuple]:
    """The table's rows, telling the export's progress hook as they go."""
    count = 0
    for row in table.rows(export):
        count += 1
        if count % REPORT_EVERY == 0:
            export.report(table.name, count)
        yield row
    export.report(table.name, count)


def csv_chunks(export, table, *, excel: bool = False) -> Iterator[bytes]:
    """The table as CSV. Swedish Excel: BOM, semicolons, decimal commas, CRLF."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if excel else ",", lineterminator="\r\n")
    if excel:
        buffer.write(BOM)
    writer.writerow(table.names)
    types = [c.type for c in table.columns]
    for number, row in enumerate(counted_rows(export, table), start=1):
        writer.writerow([text_cell(t, v, excel=excel) for t, v in zip(types, row, strict=True)])
        if number % CHUNK_ROWS == 0:
            yield _drain(buffer)
    yield _drain(buffer)


def _drain(buffer: io.StringIO) -> bytes:
    data = buffer.getvalue().encode("utf-8")
    buffer.seek(0)
    buffer.truncate()
    return data


def _json_rows(export, table) -> Iterator[str]:
    pairs = [(c.name, c.type) for c in table.columns]
    first = True
    for row in counted_rows(export, table):
        item = {name: json_value(t, v) for (name, t), v in zip(pairs, row, strict=True)}
        yield ("\n  " if first else ",\n  ") + json.dumps(item, ensure_ascii=False)
        first = False
    yield "\n" if not first else ""


def json_chunks(export, tables) -> Iterator[bytes]:
    """One table: a JSON array of objects. Several: {"scope": …, "tables": {name: [...]}}."""
    if len(tables) == 1:
        yield b"["
        yield from _batched(_json_rows(export, tables[0]))
        yield b"]\n"
        return
    scope = {"arena": export.arena.slug if export.arena else None, "year": export.year}
    yield ('{"scope": ' + json.dumps(scope) + ', "tables": {').encode()
    for index, table in enumerate(tables):
        yield (", " if index else "").encode() + json.dumps(table.name).encode() + b": ["
        yield from _batched(_json_rows(export, table))
        yield b"]"
    yield b"}}\n"


def _batched(parts: Iterator[str], size: int = CHUNK_ROWS) -> Iterator[bytes]:
    batch: list[str] = []
    for part in parts:
        batch.append(part)
        if len(batch) >= size:
            yield "".join(batch).encode("utf-8")
            batch = []
    if batch:
        yield "".join(batch).encode("utf-8")
