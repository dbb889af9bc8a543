"""The zip bundle: every table as CSV and as Swedish-Excel CSV, the workbook, the JSON,
a README in Swedish and English and a Frictionless datapackage.json — streamed: each
piece leaves as soon as it is compressed."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator

from flask import current_app

from arena.core.time import local_zone
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


def _member(archive, sink, stamp, name: str, chunks: Iterator[bytes]) -> Iterator[bytes]:
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.compress_type = zipfile.ZIP_DEFLATED
    with archive.open(info, "w", force_zip64=True) as entry:
        for chunk in chunks:
            entry.write(chunk)
            if out := sink.take():
                yield out
    yield sink.take()


def zip_chunks(members, stamp) -> Iterator[bytes]:
    """A zip of `members`, (name, chunks) pairs, each compressed and sent as it comes;
    `stamp` is the (year, month, day, hour, minute, second) every member carries."""
    sink = _Sink()
    archive = zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED)
    for name, chunks in members:
        yield from _member(archive, sink, stamp, name, chunks)
    archive.close()
    yield sink.take()


def local_stamp(moment) -> tuple:
    """A zip member's time: zip files keep local wall-clock times."""
    return moment.astimezone(local_zone()).timetuple()[:6]


def _members(export, tables):
    package = json.dumps(datapackage(export, tables), ensure_ascii=False, indent=2)
    yield "README.md", iter([readme(export, tables).encode()])
    yield "datapackage.json", iter([package.encode()])
    for table in tables:
        yield f"data/{table.name}.csv", csv_chunks(export, table)
    for table in tables:
        yield f"excel/{table.name}.csv", csv_chunks(export, table, excel=True)
    yield f"{export.slug}.xlsx", workbook_file_chunks(export, tables)
    yield f"{export.slug}.json", json_chunks(export, tables)
    # Documents other features add (the staff area: the year's report), as name → render.
    for name, render in current_app.extensions.get("arena.bundle_documents", {}).items():
        yield name, iter([render(export).encode()])


def bundle_chunks(export, tables) -> Iterator[bytes]:
    return zip_chunks(_members(export, tables), local_stamp(export.now))
