"""What travels with the data: datapackage.json (Frictionless) and a README in Swedish
and English, both made from the same column definitions as the files."""

from __future__ import annotations

from arena.exports.cells import as_utc

LICENSE_NOTE_SV = (
    "Personer visas med sitt offentliga namn eller en pseudonym för just denna export."
)
LICENSE_NOTE_EN = "People appear by their public name or by a pseudonym made for this export only."


def _scope_words(export) -> tuple[str, str]:
    if export.arena is None:
        return f"Hela staden, {export.year}", f"The whole city, {export.year}"
    return f"{export.arena.name}, {export.year}", f"{export.arena.name}, {export.year}"


def datapackage(export, tables) -> dict:
    """A Tabular Data Package: one resource per CSV file in data/, every field typed."""
    sv, en = _scope_words(export)
    return {
        "profile": "tabular-data-package",
        "name": f"arena-{export.slug}",
        "title": f"{en} / {sv}",
        "description": f"{LICENSE_NOTE_EN} / {LICENSE_NOTE_SV}",
        "created": as_utc(export.now).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "resources": [_resource(table) for table in tables],
    }


def _resource(table) -> dict:
    return {
        "profile": "tabular-data-resource",
        "name": table.name,
        "path": f"data/{table.name}.csv",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "title": f"{table.en} / {table.sv}",
        "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "header": True},
        "schema": {
            "fields": [
                {"name": c.name, "type": c.type, "description": f"{c.en} / {c.sv}"}
                for c in table.columns
            ],
            "missingValues": [""],
        },
    }


def readme(export, tables) -> str:
    sv, en = _scope_words(export)
    lines = [
        f"# {sv} / {en}",
        "",
        "## Svenska",
        "",
        "Export från plattformen för lokala omställningsarenor.",
        "",
        "- `data/*.csv`: en fil per tabell, UTF-8 med kommatecken (beskrivs i `datapackage.json`).",
        "- `excel/*.csv`: samma tabeller för svenska Excel (semikolon, decimalkomma, BOM).",
        f"- `{export.slug}.xlsx`: alla tabeller i en arbetsbok, ett blad per tabell.",
        f"- `{export.slug}.json`: alla tabeller som JSON.",
        "- `report.html`: årets rapport, att läsa eller skriva ut (när den finns med).",
        "",
        "Tider anges i UTC. Antal stöd och prickröster publiceras först när röstningen stängt.",
        "Inga e-postadresser, lösenord, åtkomstkoder eller privata svar finns med. "
        + LICENSE_NOTE_SV,
        "Celler som börjar med = + - @ får ett inledande ' så att de öppnas som text.",
        "",
    ]
    lines += _tables_section(tables, "sv")
    lines += [
        "## English",
        "",
        "An export from the platform for local transition arenas.",
        "",
        "- `data/*.csv`: one file per table, UTF-8 with commas (described in `datapackage.json`).",
        "- `excel/*.csv`: the same tables for Swedish Excel (semicolons, decimal commas, BOM).",
        f"- `{export.slug}.xlsx`: every table in one workbook, one sheet per table.",
        f"- `{export.slug}.json`: every table as JSON.",
        "- `report.html`: the year's report, to read or print (when included).",
        "",
        "Times are in UTC. Support counts and dot votes are published only once voting closed.",
        "No e-mail addresses, passwords, access codes or private answers are included. "
        + LICENSE_NOTE_EN,
        "Cells starting with = + - @ get a leading ' so that they open as text.",
        "",
    ]
    lines += _tables_section(tables, "en")
    return "\n".join(lines) + "\n"


def _tables_section(tables, language: str) -> list[str]:
    lines = []
    for table in tables:
        lines += [f"### {table.name}: {getattr(table, language)}", ""]
        for column in table.columns:
            lines.append(f"- `{column.name}` ({column.type}): {getattr(column, language)}")
        lines.append("")
    return lines
