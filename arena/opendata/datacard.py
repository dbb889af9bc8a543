"""The data card: README.md in Swedish and English for one dataset's year, saying what
each table and column means, how the data came about, its limits, its licence, who
publishes it and whom to ask. Written from the same column definitions as the files."""

from __future__ import annotations

from arena.opendata.licences import contact_email, current_licence, publisher_name
from arena.opendata.tables import LEFT_OUT, RESTRICTED

SV, EN = 1, 0  # index of each language in the (en, sv) pairs of tables.py

COLLECTED_SV = [
    "Förslag skrivs på webbplatsen av inloggade invånare och lokala aktörer, eller på "
    "papper vid en workshop och skrivs då in av en facilitator (källa `workshop`; "
    "författaren är då workshoppen, inte den som skrev in det).",
    "Stöd online ges av inloggade personer med en koppling till arenan: högst ett per "
    "förslag och högst cykelns budget per person. Antalen räknas ur stödraderna.",
    "Prickröster och antal deltagare vid workshoppar skrivs in av arenans facilitatorer "
    "efter workshoppen. De är självrapporterade och kontrolleras inte mot personer; de "
    "redovisas skilda från stöden online.",
    "Åtaganden, indikatorer och utvärderingar läggs in av facilitatorer. Avstämningar "
    "och uppmätta värden rapporteras av åtagandenas ägare och av deltagande invånare, "
    "och är självrapporterade.",
    "Stadsdelsstatistik läggs in av stadens personal från den källa som anges; "
    "`is_example` markerar exempelsiffror som inte är officiell statistik.",
]
COLLECTED_EN = [
    "Proposals are written on the website by signed-in residents and local actors, or "
    "on paper at a workshop and then typed in by a facilitator (source `workshop`; the "
    "workshop is then the author, not whoever typed it in).",
    "Online supports are given by signed-in people connected to the arena: at most one "
    "per proposal and at most the cycle's budget per person. Counts come from the "
    "support rows themselves.",
    "Dot votes and the number of participants at workshops are typed in by the arena's "
    "facilitators after the workshop. They are self-reported, not checked against "
    "people, and kept apart from online supports.",
    "Commitments, indicators and reviews are entered by facilitators. Check-ins and "
    "measured values are reported by the commitments' owners and by residents taking "
    "part, and are self-reported.",
    "District statistics are entered by city staff from the source named; `is_example` "
    "marks example figures that are not official statistics.",
]
LIMITS_SV = [
    "Antal stöd och prickröster är tomma tills röstningen har stängt, precis som på "
    "webbplatsen. `cycles.results_public` säger om de är publicerade.",
    "En prickröst är inte en person: en deltagare kan ha flera prickar. "
    "`support_counts.total` lägger ihop två olika sorters röster.",
    "Dolda förslag och avstämningar finns kvar som platshållare med det offentliga skälet.",
    "Personer visas med sitt offentliga namn, eller en pseudonym när namnet ser ut som "
    "en e-postadress. E-postadresser i fritext är ersatta med [e-mail removed].",
    "Uppgifter om vilka som deltar (per grupp, grupper under 5 personer dolda) "
    "publiceras inte som öppna data.",
    "Tider anges i UTC. `cycles.phase` är fasen när filen hämtades. Celler som börjar "
    "med = + - @ har ett inledande ' så att kalkylprogram läser dem som text.",
]
LIMITS_EN = [
    "Support counts and dot votes are empty until voting has closed, as on the website. "
    "`cycles.results_public` tells whether they are published.",
    "A dot vote is not a person: one participant may place several dots. "
    "`support_counts.total` adds two different kinds of vote together.",
    "Hidden proposals and check-ins stay as placeholders with the public reason.",
    "People appear by their public name, or a pseudonym when the name looks like an "
    "e-mail address. E-mail addresses in free text are replaced by [e-mail removed].",
    "Who takes part (by group, groups under 5 people suppressed) is not published as open data.",
    "Times are in UTC. `cycles.phase` is the phase when the file was fetched. Cells "
    "starting with = + - @ carry a leading ' so that spreadsheets read them as text.",
]


def _scope(dataset_name: str | None, year: int) -> tuple[str, str]:
    if dataset_name is None:
        return f"Hela staden, {year}", f"The whole city, {year}"
    return f"{dataset_name}, {year}", f"{dataset_name}, {year}"


def _files(slug: str, lang: int) -> list[str]:
    if lang == SV:
        return [
            "- `data/<tabell>.csv`: en fil per tabell, UTF-8 med kommatecken "
            "(beskrivs i `datapackage.json`).",
            "- `excel/<tabell>.csv`: samma tabeller för svenska Excel (semikolon, BOM).",
            f"- `{slug}.xlsx`: alla tabeller i en arbetsbok. `{slug}.json`: alla som JSON.",
        ]
    return [
        "- `data/<table>.csv`: one file per table, UTF-8 with commas "
        "(described in `datapackage.json`).",
        "- `excel/<table>.csv`: the same tables for Swedish Excel (semicolons, BOM).",
        f"- `{slug}.xlsx`: every table in one workbook. `{slug}.json`: all as JSON.",
    ]


def _facts(page_url: str, lang: int) -> list[str]:
    licence = current_licence()
    if lang == SV:
        return [
            f"- Utgivare: {publisher_name()}",
            f"- Licens: {licence.title} ({licence.spdx}), {licence.url}",
            "- Uppdatering: filerna skapas när de hämtas, ur plattformens aktuella data, "
            "och är alltid aktuella.",
            f"- Kontakt: {contact_email()}",
            f"- Webbsida: {page_url}",
        ]
    return [
        f"- Publisher: {publisher_name()}",
        f"- Licence: {licence.title} ({licence.spdx}), {licence.url}",
        "- Updates: the files are made when fetched, from the platform's current data, "
        "so they are always up to date.",
        f"- Contact: {contact_email()}",
        f"- Web page: {page_url}",
    ]


def _section(export, tables, page_url: str, lang: int) -> list[str]:
    words = (
        ("Om datamängden", "Hur uppgifterna samlats in", "Kända begränsningar",
         "Utelämnat och begränsat", "Tabeller och kolumner", "Filer", "Inte med")
        if lang == SV
        else ("About the dataset", "How the data was collected", "Known limits",
              "Left out and restricted", "Tables and columns", "Files", "Left out")
    )  # fmt: skip
    collected = COLLECTED_SV if lang == SV else COLLECTED_EN
    limits = LIMITS_SV if lang == SV else LIMITS_EN
    lines = [f"### {words[0]}", "", *_facts(page_url, lang), "", f"### {words[5]}", ""]
    lines += [*_files(export.slug, lang), "", f"### {words[1]}", ""]
    lines += [f"- {text}" for text in collected] + ["", f"### {words[2]}", ""]
    lines += [f"- {text}" for text in limits] + ["", f"### {words[3]}", ""]
    lines += [f"- {words[6]}: `{name}`. {why[lang]}" for name, why in LEFT_OUT.items()]
    lines += [f"- `{name}`: {why[lang]}" for name, why in RESTRICTED.items()]
    lines += ["", f"### {words[4]}", ""]
    for table in tables:
        lines += [f"#### `{table.name}`: {table.sv if lang == SV else table.en}", ""]
        for column in table.columns:
            meaning = column.sv if lang == SV else column.en
            lines.append(f"- `{column.name}` ({column.type}): {meaning}")
        lines.append("")
    return lines


def data_card(export, tables, page_url: str) -> str:
    sv, en = _scope(export.arena.name if export.arena else None, export.year)
    lines = [f"# {sv} / {en}", "", "Öppna data från plattformen för lokala omställningsarenor."]
    lines += ["Open data from the platform for local transition arenas.", ""]
    lines += ["## Svenska", "", *_section(export, tables, page_url, SV)]
    lines += ["## English", "", *_section(export, tables, page_url, EN)]
    return "\n".join(lines).rstrip() + "\n"
