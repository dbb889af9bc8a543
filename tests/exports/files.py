"""Downloading exports through HTTP and reading the files back."""

import csv
import io
import re
import zipfile

from openpyxl import load_workbook

EMAIL = re.compile(rb"[\w.+-]+@[\w-]+\.[\w.-]+")


def download(client, *, year, arena="", format="bundle", table=None):
    query = {"arena": arena, "year": year, "format": format}
    if table:
        query["table"] = table
    return client.get("/exports/download", query_string=query)


def unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def every_part(files: dict[str, bytes]):
    """Each file's bytes, and for a workbook each XML part inside it too."""
    for name, data in files.items():
        yield name, data
        if name.endswith(".xlsx"):
            for part, inner in unzip(data).items():
                yield f"{name}/{part}", inner


def csv_rows(data: bytes, *, excel=False) -> list[dict]:
    text = data.decode("utf-8-sig" if excel else "utf-8")
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";" if excel else ","))


def workbook(data: bytes):
    return load_workbook(io.BytesIO(data))


def sheet_rows(book, name) -> list[dict]:
    rows = list(book[name].iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
