"""Reading a Decidim proposals export (CSV or JSON) into rows an import can use.

Decidim's proposal serializers (decidim-proposals/lib/decidim/proposals/
proposal_serializer.rb and open_data_proposal_serializer.rb) give each proposal
as a nested hash; the CSV exporter (decidim-core/lib/decidim/exporters/csv.rb)
flattens it with slashes (`title/sv`, `category/name/en`, `endorsements/total_count`),
joins lists with ", ", and separates columns with `;` by default. The JSON export
is a list of the same hashes, which are flattened here the same way, so one reader
serves both. Versions differ, and every variant seen is read:

- text: `title/<locale>`, `body/<locale>` (machine translations are left out);
- category: `category/name/<locale>` (up to 0.27), or the first of
  `taxonomies/<id>/<locale>` (0.28 and later);
- supports: `supports` (old) or `votes` (empty when Decidim hides them);
  endorsements: `endorsements/total_count`, or `likes/total_count` (0.28 and later);
- `published_at`, `url`, `state`, and `withdrawn` / `withdrawn_at` (0.27 and
  later; before that "withdrawn" was a state).

A withdrawn proposal, a hidden one (`hidden`/`hidden_at`, where an export has them)
and an amendment of another proposal (`is_amend`) are read but not imported; the
preview says so. Decidim's own answer (accepted, rejected, evaluating) is shown
in the preview and never becomes the arena's status: here every imported
proposal starts as published, in this arena's own cycle.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

from flask_babel import gettext as _

# Swedish first, then English, then whatever language the export has.
PREFERRED_LANGUAGES = ("sv", "en")
TITLE_MAX, SUMMARY_MAX, BODY_MAX, URL_MAX = 120, 300, 20000, 500
_LOCALE = re.compile(r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$")
_TAXONOMY = re.compile(r"^taxonomies/(\d+)/([^/]+)$")
_TAG = re.compile(r"<[^>]+>")
_TRUE = {"true", "1", "yes", "t"}


@dataclass
class DecidimRow:
    """One proposal of the export, as it would be imported."""

    line: int  # the CSV line (or JSON item) it starts on
    decidim_id: str
    title: str
    summary: str
    body: str
    language: str
    category: str  # its name in the chosen language; "" for none
    supports: int | None
    endorsements: int | None
    published_at: datetime | None
    url: str | None
    state: str  # Decidim's answer, shown in the preview only
    skip: str | None = None  # why it is not imported, or None
    notes: list[str] = field(default_factory=list)


@dataclass
class ReadExport:
    rows: list[DecidimRow] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # any problem: nothing is imported
    error: str | None = None  # the file as a whole cannot be read as an export
    kind: str = "csv"

    @property
    def to_import(self) -> list[DecidimRow]:
        return [row for row in self.rows if row.skip is None]

    @property
    def skipped(self) -> list[DecidimRow]:
        return [row for row in self.rows if row.skip is not None]


def not_an_export() -> str:
    return _(
        "This file is not a Decidim proposals export: it has no id and title columns (such "
        "as title/sv). In Decidim, export the proposals as CSV or JSON (the admin's "
        "“Export” or the open data download) and upload that file."
    )


def read_export(data: bytes) -> ReadExport:
    """Every row of the file with its problems (see the module's docstring)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return ReadExport(error=_("The file is not UTF-8 text. Upload the file Decidim gave."))
    stripped = text.lstrip()
    if stripped[:1] in ("[", "{"):
        records, error = _json_records(stripped)
        kind = "json"
    else:
        records, error = _csv_records(text)
        kind = "csv"
    result = ReadExport(error=error, kind=kind)
    if error:
        return result
    if not records or not _looks_like_export(records[0][1].keys()):
        result.error = not_an_export() if records or kind == "json" else _("The file is empty.")
        return result
    seen: set[str] = set()
    for line, record in records:
        row, problems = read_row(line, record, kind)
        result.problems += problems
        if row is None:
            continue
        if row.decidim_id in seen:
            result.problems.append(
                _where(kind, line)
                + _("the Decidim id %(id)s is in the file twice.", id=row.decidim_id)
            )
        seen.add(row.decidim_id)
        result.rows.append(row)
    return result


def _looks_like_export(keys) -> bool:
    keys = set(keys)
    return "id" in keys and any(k == "title" or k.startswith("title/") for k in keys)


def _csv_records(text: str) -> tuple[list[tuple[int, dict]], str | None]:
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [name.strip() for name in next(reader, [])]
        records = []
        while True:
            start = reader.line_num + 1
            values = next(reader, None)
            if values is None:
                break
            if not any(value.strip() for value in values):
                continue
            records.append((start, dict(zip(header, values, strict=False))))
    except csv.Error:
        return [], _("The file is not a readable CSV file.")
    return records, None


def _json_records(text: str) -> tuple[list[tuple[int, dict]], str | None]:
    try:
        data = json.loads(text)
    except ValueError:
        return [], _("The file is not readable JSON.")
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        return [], not_an_export()
    return [(number, flatten(item)) for number, item in enumerate(data, start=1)], None


def flatten(value, key: str = "") -> dict[str, str]:
    """The flat columns Decidim's CSV exporter would give for a serialized hash."""
    if isinstance(value, dict):
        flat: dict[str, str] = {}
        for sub, inner in value.items():
            flat.update(flatten(inner, f"{key}/{sub}" if key else str(sub)))
        return flat
    if isinstance(value, list):
        return {key: ", ".join("" if v is None else str(v) for v in value)}
    if value is None:
        return {key: ""}
    if isinstance(value, bool):
        return {key: "true" if value else "false"}
    return {key: str(value)}


def _where(kind: str, line: int) -> str:
    if kind == "json":
        return _("Item %(num)d: ", num=line)
    return _("Line %(num)d: ", num=line)


def translations(record: dict, prefix: str) -> dict[str, str]:
    """`prefix/<locale>` values that are not empty, in the file's order."""
    found = {}
    for key, value in record.items():
        if not key.startswith(prefix + "/") or "machine_translation" in key:
            continue
        locale = key[len(prefix) + 1 :]
        if _LOCALE.match(locale) and (value or "").strip():
            found[locale] = value.strip()
    if not found and (record.get(prefix) or "").strip():
        found["und"] = record[prefix].strip()  # a plain string: language not given
    return found


def preferred(options: dict[str, str], also: dict[str, str] | None = None) -> str | None:
    """The language to use: Swedish, then English, then the file's first; one that
    `also` has text in (the body) goes before one without."""
    order = [code for code in PREFERRED_LANGUAGES if code in options]
    order += [code for code in options if code not in order]
    if also:
        with_both = [code for code in order if code in also]
        if with_both:
            return with_both[0]
    return order[0] if order else None


def category_name(record: dict) -> str:
    names = translations(record, "category/name")
    if not names:
        by_id: dict[str, dict[str, str]] = {}
        for key, value in record.items():
            match = _TAXONOMY.match(key)
            if match and (value or "").strip() and _LOCALE.match(match.group(2)):
                by_id.setdefault(match.group(1), {})[match.group(2)] = value.strip()
        names = next(iter(by_id.values()), {})
    code = preferred(names)
    return names[code][:120] if code else ""


def plain_text(value: str) -> str:
    """Decidim's text without HTML (older exports kept the editor's markup)."""
    if "<" in value and ">" in value:
        value = re.sub(r"(?i)<br\s*/?>|</p>|</li>|</h\d>", "\n\n", value)
        value = _TAG.sub("", value)
    value = html.unescape(value).replace("\r\n", "\n").replace("\xa0", " ")
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", value)]
    return "\n\n".join(p for p in paragraphs if p)


def shortened(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] or text[: limit - 1]
    return cut.rstrip(" ,.;:") + "…"


def _count(record: dict, keys: tuple[str, ...]) -> tuple[int | None, bool]:
    """The first of `keys` the record has as a whole number (None when empty); false
    when the value is there but no whole number."""
    for key in keys:
        value = (record.get(key) or "").strip()
        if not value:
            continue
        try:
            number = float(value)
        except ValueError:
            return None, False
        if number < 0 or number != int(number) or number > 2_000_000_000:
            return None, False
        return int(number), True
    return None, True


def parse_time(value: str) -> datetime | None:
    """A time as Decidim writes it: "2024-05-10 22:36:26 UTC" in CSV, ISO 8601 in JSON."""
    value = value.strip().replace(" UTC", "+00:00")
    if value.endswith("Z"):
        value = value[:-1] + "+00:00"
    parsed = datetime.fromisoformat(value)
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def _is_true(record: dict, key: str) -> bool:
    return (record.get(key) or "").strip().lower() in _TRUE


def why_skipped(record: dict) -> str | None:
    if (
        (record.get("state") or "").strip() == "withdrawn"
        or _is_true(record, "withdrawn")
        or (record.get("withdrawn_at") or "").strip()
    ):
        return _("Withdrawn in Decidim: not imported.")
    if _is_true(record, "hidden") or (record.get("hidden_at") or "").strip():
        return _("Hidden by Decidim's moderators: not imported.")
    if _is_true(record, "is_amend"):
        return _("An amendment of another proposal: not imported.")
    return None


def read_row(line: int, record: dict, kind: str) -> tuple[DecidimRow | None, list[str]]:
    """The row, or None with the problems that keep it from being imported."""
    where = _where(kind, line)
    problems = []
    decidim_id = (record.get("id") or "").strip()
    if not decidim_id.isdigit() or len(decidim_id) > 40:
        problems.append(where + _("the id must be Decidim's number for the proposal."))
    titles, bodies = translations(record, "title"), translations(record, "body")
    language = preferred(titles, bodies)
    if language is None:
        problems.append(where + _("the proposal has no title in any language."))
    supports, supports_ok = _count(record, ("votes", "supports"))
    endorsements, endorsements_ok = _count(
        record, ("endorsements/total_count", "likes/total_count")
    )
    if not (supports_ok and endorsements_ok):
        problems.append(where + _("supports and endorsements must be whole numbers."))
    published_at = None
    if (record.get("published_at") or "").strip():
        try:
            published_at = parse_time(record["published_at"])
        except ValueError:
            problems.append(where + _("published_at is not a date and time."))
    if problems:
        return None, problems
    row = _row(line, record, titles[language], bodies.get(language) or "")
    row.decidim_id, row.language, row.published_at = decidim_id, language, published_at
    row.supports, row.endorsements = supports, endorsements
    return row, []


def _row(line: int, record: dict, title: str, body: str) -> DecidimRow:
    """The row's texts and links; the caller sets what it has already checked."""
    title, body = plain_text(title), plain_text(body)[:BODY_MAX]
    notes = []
    if len(title) > TITLE_MAX:
        notes.append(_("The title is shortened to %(num)d characters.", num=TITLE_MAX))
    summary = body.split("\n\n", 1)[0] if body else title
    url = (record.get("url") or "").strip()
    return DecidimRow(
        line=line,
        decidim_id="",
        title=shortened(title, TITLE_MAX),
        summary=shortened(summary, SUMMARY_MAX),
        body=body,
        language="",
        category=category_name(record),
        supports=None,
        endorsements=None,
        published_at=None,
        url=url if url.startswith(("https://", "http://")) and len(url) <= URL_MAX else None,
        state=(record.get("state") or "").strip()[:40],
        skip=why_skipped(record),
        notes=notes,
    )
