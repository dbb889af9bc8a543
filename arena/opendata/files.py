"""The files of one dataset's year: the data card, datapackage.json, one CSV per table,
the workbook, the JSON and the zip with all of them, each streamed as it is made."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from arena.exports import readme as export_readme
from arena.exports.bundle import local_stamp, zip_chunks
from arena.exports.cells import as_utc
from arena.exports.text_formats import csv_chunks, json_chunks
from arena.exports.workbook import workbook_file_chunks, xlsx_chunks
from arena.opendata.datacard import data_card
from arena.opendata.licences import contact_email, current_licence, publisher_name

KEYWORDS = ["klimat", "omställning", "medborgardialog", "climate", "participation"]


@dataclass
class File:
    filename: str
    media_type: str
    chunks: Iterator[bytes]
    download: bool = True


@dataclass
class Context:
    """What every file of one dataset's year needs besides the export."""

    export: object
    tables: list
    page_url: str
    modified: datetime


def datapackage(ctx: Context) -> dict:
    """The export's Tabular Data Package, with the licence, the publisher and the
    dataset's page added."""
    package = export_readme.datapackage(ctx.export, ctx.tables)
    licence = current_licence()
    package.update(
        name=f"arena-open-data-{ctx.export.slug}",
        created=as_utc(ctx.modified).strftime("%Y-%m-%dT%H:%M:%SZ"),
        homepage=ctx.page_url,
        keywords=KEYWORDS,
        licenses=[{"name": licence.spdx, "path": licence.url, "title": licence.title}],
        contributors=[{"title": publisher_name(), "role": "publisher", "email": contact_email()}],
    )
    return package


def _package_bytes(ctx: Context) -> bytes:
    return json.dumps(datapackage(ctx), ensure_ascii=False, indent=2).encode()


def _card_bytes(ctx: Context) -> bytes:
    return data_card(ctx.export, ctx.tables, ctx.page_url).encode()


def _members(ctx: Context):
    yield "README.md", iter([_card_bytes(ctx)])
    yield "datapackage.json", iter([_package_bytes(ctx)])
    for table in ctx.tables:
        yield f"data/{table.name}.csv", csv_chunks(ctx.export, table)
    for table in ctx.tables:
        yield f"excel/{table.name}.csv", csv_chunks(ctx.export, table, excel=True)
    slug = ctx.export.slug
    yield f"{slug}.xlsx", workbook_file_chunks(ctx.export, ctx.tables)
    yield f"{slug}.json", json_chunks(ctx.export, ctx.tables)


def bundle(ctx: Context) -> File:
    # Members carry the data's last change, not the download's time: the same data
    # gives the same zip.
    chunks = zip_chunks(_members(ctx), local_stamp(ctx.modified))
    return File(f"{ctx.export.slug}.zip", "application/zip", chunks)


def package_file(ctx: Context) -> File:
    return File("datapackage.json", "application/json", iter([_package_bytes(ctx)]), False)


def card_file(ctx: Context) -> File:
    return File("README.md", "text/markdown; charset=utf-8", iter([_card_bytes(ctx)]), False)


def table_csv(ctx: Context, table) -> File:
    name = f"{ctx.export.slug}-{table.name}.csv"
    return File(name, "text/csv; charset=utf-8", csv_chunks(ctx.export, table))


def workbook(ctx: Context) -> File:
    media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return File(f"{ctx.export.slug}.xlsx", media, xlsx_chunks(ctx.export, ctx.tables))


def json_file(ctx: Context) -> File:
    chunks = json_chunks(ctx.export, ctx.tables)
    return File(f"{ctx.export.slug}.json", "application/json", chunks, False)
