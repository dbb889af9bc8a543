"""The zip bundle: every table as CSV and as Swedish-Excel CSV, the workbook, the JSON,
a README in Swedish and English and a Frictionless datapackage.json — streamed: each
piece leaves as soon as it is compressed."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator

from arena.exports.readme import datapackage, readme
from arena.exports.text_formats import csv_chunks, json_chunks
from arena.exports.workbook import workbook_file_chunks


class _Sink:
    """A write-only stream whose bytes are taken out after each write: zipfile writes
    to an unseekable stream with data descriptors, so nothing needs to be kept."""

    def __init__(self):
        self._parts: list[bytes] = []

    def write(self, data) -> int:
        self._parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        data, self._parts = b"".join(self._parts), []
        return data


def _member(archive, sink, name: str, chunks: Iterator[bytes]) -> Iterator[bytes]:
    with archive.open(name, "w", force_zip64=True) as entry:
        for chunk in chunks:
            entry.write(chunk)
            if out := sink.take():
                yield out
    yield sink.take()


def bundle_chunks(export, tables) -> Iterator[bytes]:
    sink = _Sink()
    archive = zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED)
    base = export.slug
    yield from _member(archive, sink, "README.md", iter([readme(export, tables).encode()]))
    package = json.dumps(datapackage(export, tables), ensure_ascii=False, indent=2)
    yield from _member(archive, sink, "datapackage.json", iter([package.encode()]))
    for table in tables:
        yield from _member(archive, sink, f"data/{table.name}.csv", csv_chunks(export, table))
    for table in tables:
        chunks = csv_chunks(export, table, excel=True)
        yield from _member(archive, sink, f"excel/{table.name}.csv", chunks)
    yield from _member(archive, sink, f"{base}.xlsx", workbook_file_chunks(export, tables))
    yield from _member(archive, sink, f"{base}.json", json_chunks(export, tables))
    archive.close()
    yield sink.take()
