"""District statistics: reading the city's CSV files.

The file has the header `arena,indicator,year,value,unit,source`, optionally
followed by a name of the indicator per language (`indicator_en`, `indicator_ar`,
`indicator_so`, `indicator_fi`, `indicator_sv`): pages in that language show that
name, pages in other languages the indicator as given. Swedish Excel
saves with semicolons and decimal commas, often with a byte-order mark; all of
that is accepted. Every row is checked first, and nothing is imported when any
row is wrong, so a file is either in completely or not at all. Every wrong row
is named, with its line number.

Rows whose indicator is a reference key (`reference.age_band.16-24`) carry a
reference distribution for the representation pages; they are checked by
`arena.representation.references` (known keys, sensible units and sums).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from flask_babel import gettext as _

from arena import i18n
from arena.arenas.models import Arena
from arena.core.forms import clean_text
from arena.core.numbers import parse_decimal
from arena.representation import references
from arena.representation.questions import is_reference_indicator

HEADER = ["arena", "indicator", "year", "value", "unit", "source"]
# Optional columns after the header's six: the indicator's name in one language.
NAME_COLUMNS = {f"indicator_{code}": code for code in i18n.LANGUAGES}
MAX_NAME = 120
EXAMPLE_SOURCE = "Exempeldata, inte officiell statistik"


@dataclass
class StatisticRow:
    arena: Arena
    indicator: str
    year: int
    value: float
    unit: str
    source: str
    line: int = 0
    names: dict[str, str] = field(default_factory=dict)  # {language: name}


def parse_value(text: str) -> float | None:
    """The row's value, read like any number typed in a form (`core.numbers`)."""
    try:
        return parse_decimal(text)
    except ValueError:
        return None


def _decode(data: bytes) -> str | None:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def parse_statistics_csv(data: bytes, arenas: list[Arena]) -> tuple[list[StatisticRow], list[str]]:
    """Read the file; return the rows and the errors (row numbers as in a spreadsheet,
    the header being row 1). Rows are only usable when there are no errors."""
    text = _decode(data)
    if text is None:
        return [], [_('The file is not UTF-8 text. In Excel, save it as "CSV UTF-8".')]
    text = text.replace("\x00", "")
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    if not first:
        return [], [_("The file is empty.")]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    by_key = {a.slug.casefold(): a for a in arenas}
    by_name = {a.name.casefold(): a for a in arenas}
    rows: list[StatisticRow] = []
    errors: list[str] = []
    seen: dict[tuple, int] = {}
    header: list[str] | None = None
    try:
        for number, cells in enumerate(reader, start=1):
            if not any(cell.strip() for cell in cells):
                continue
            cells = [clean_text(cell) for cell in cells]
            if header is None:
                header = _read_header(cells)
                if header is None:
                    return [], [
                        _(
                            "Row %(row)d: the header must be %(header)s, optionally followed "
                            "by names per language (%(names)s).",
                            row=number,
                            header=",".join(HEADER),
                            names=",".join(NAME_COLUMNS),
                        )
                    ]
                continue
            errors.extend(_check_row(number, cells, header, by_key, by_name, seen, rows))
    except csv.Error:
        errors.append(_("The file could not be read as CSV."))
    if not errors:
        errors.extend(references.check_reference_sums(rows))
    if not errors and not rows:
        errors.append(_("The file has no rows below the header."))
    return (rows if not errors else []), errors


def _read_header(cells) -> list[str] | None:
    """The header's columns, or None when it is not the six plus known name columns."""
    columns = [c.casefold() for c in cells]
    extra = columns[len(HEADER) :]
    if columns[: len(HEADER)] != HEADER or len(set(extra)) != len(extra):
        return None
    if any(column not in NAME_COLUMNS for column in extra):
        return None
    return columns


def _read_names(number, cells, header) -> tuple[dict[str, str], list[str]]:
    names = {}
    for column, name in zip(header[len(HEADER) :], cells[len(HEADER) :], strict=True):
        if len(name) > MAX_NAME:
            message = _(
                "Row %(row)d: %(column)s is longer than 120 characters.", row=number, column=column
            )
            return {}, [message]
        if name:
            names[NAME_COLUMNS[column]] = name
    return names, []


def _check_row(number, cells, header, by_key, by_name, seen, rows) -> list[str]:
    if len(cells) != len(header):
        return [
            _(
                "Row %(row)d: expected %(expected)d columns, found %(found)d.",
                row=number,
                expected=len(header),
                found=len(cells),
            )
        ]
    arena_text, indicator, year_text, value_text, unit, source = cells[: len(HEADER)]
    names, errors = _read_names(number, cells, header)
    arena = by_key.get(arena_text.casefold()) or by_name.get(arena_text.casefold())
    if arena is None:
        errors.append(
            _("Row %(row)d: unknown arena '%(arena)s'.", row=number, arena=arena_text[:80])
        )
    if not indicator:
        errors.append(_("Row %(row)d: the indicator is missing.", row=number))
    elif len(indicator) > 120:
        errors.append(_("Row %(row)d: the indicator is longer than 120 characters.", row=number))
    year = (
        int(year_text)
        if year_text.isascii() and year_text.isdigit() and len(year_text) == 4
        else None
    )
    if year is None or not 1900 <= year <= 2100:
        errors.append(_("Row %(row)d: the year must be a year like 2024.", row=number))
    value = parse_value(value_text)
    if value is None:
        errors.append(_("Row %(row)d: value is not a number.", row=number))
    if len(unit) > 40:
        errors.append(_("Row %(row)d: the unit is longer than 40 characters.", row=number))
    if not source:
        errors.append(_("Row %(row)d: the source is missing.", row=number))
    elif len(source) > 300:
        errors.append(_("Row %(row)d: the source is longer than 300 characters.", row=number))
    if value is not None and is_reference_indicator(indicator):
        errors.extend(references.check_reference_row(number, indicator, value, unit))
    if errors:
        return errors
    key = (arena.id, indicator.casefold(), year)
    if key in seen:
        return [
            _(
                "Row %(row)d: the same arena, indicator and year as row %(other)d.",
                row=number,
                other=seen[key],
            )
        ]
    seen[key] = number
    rows.append(StatisticRow(arena, indicator, year, value, unit, source, number, names))
    return []
