"""XLSX with XlsxWriter in constant_memory mode: one sheet per table, typed cells,
a frozen header row, column widths, and never a formula (text goes in as text)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from datetime import datetime

from arena.exports.cells import as_utc
from arena.exports.privacy import neutralise, redact_emails
from arena.exports.text_formats import counted_rows

FILE_CHUNK = 64 * 1024
WIDTHS = {"string": 32, "datetime": 20, "date": 12, "integer": 10, "number": 12, "boolean": 8}
OPTIONS = {
    "constant_memory": True,
    # Text is written as text: nothing becomes a formula, a number or a link by itself.
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
}


def _writers(sheet, formats):
    def string(r, c, v):
        sheet.write_string(r, c, neutralise(redact_emails(str(v))))

    def number(r, c, v):
        sheet.write_number(r, c, v)

    def moment(r, c, v):
        sheet.write_datetime(r, c, as_utc(v).replace(tzinfo=None), formats["datetime"])

    def day(r, c, v):
        sheet.write_datetime(r, c, datetime(v.year, v.month, v.day), formats["date"])

    def boolean(r, c, v):
        sheet.write_boolean(r, c, bool(v))

    return {
        "string": string,
        "integer": number,
        "number": number,
        "datetime": moment,
        "date": day,
        "boolean": boolean,
    }


def _write_sheet(workbook, formats, export, table) -> None:
    sheet = workbook.add_worksheet(table.name[:31])
    sheet.freeze_panes(1, 0)
    for index, column in enumerate(table.columns):
        width = max(WIDTHS[column.type], len(column.name) + 2)
        sheet.set_column(index, index, width)
        sheet.write_string(0, index, column.name, formats["header"])
    writers = [_writers(sheet, formats)[c.type] for c in table.columns]
    for row_number, row in enumerate(counted_rows(export, table), start=1):
        for index, value in enumerate(row):
            if value is not None:
                writers[index](row_number, index, value)


def write_workbook(path: str, export, tables) -> None:
    import xlsxwriter  # here, not at start-up: only exports need it (2 MB a worker)

    workbook = xlsxwriter.Workbook(path, {**OPTIONS, "tmpdir": tempfile.gettempdir()})
    formats = {
        "header": workbook.add_format({"bold": True, "bottom": 1}),
        "datetime": workbook.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"}),
        "date": workbook.add_format({"num_format": "yyyy-mm-dd"}),
    }
    for table in tables:
        _write_sheet(workbook, formats, export, table)
    workbook.close()


def xlsx_chunks(export, tables) -> Iterator[bytes]:
    """The workbook for a download: an empty first chunk lets the response start at once."""
    yield b""
    yield from workbook_file_chunks(export, tables)


def workbook_file_chunks(export, tables) -> Iterator[bytes]:
    """The workbook, built in a temporary file (rows go to disk as they come), in chunks."""
    handle, path = tempfile.mkstemp(suffix=".xlsx")
    os.close(handle)
    try:
        write_workbook(path, export, tables)
        with open(path, "rb") as built:
            while chunk := built.read(FILE_CHUNK):
                yield chunk
    finally:
        os.unlink(path)
