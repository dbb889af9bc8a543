"""The query parameters of the API's lists, read and checked before any query runs: a
wrong value is a 400 with a message per parameter (never a 5xx, never an HTML page)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from flask_babel import gettext as _

from arena.core.database import MAX_INTEGER
from arena.i18n import LANGUAGES

DEFAULT_LIMIT, MAX_LIMIT = 50, 100

# Every filter any list takes; each list names the ones it has (resources.py).
FILTER_NAMES = ("arena", "year", "theme", "status", "commitment", "updated_since")
PAGING_NAMES = ("after", "limit", "lang")


class BadParameters(Exception):
    """One message per parameter that cannot be used."""

    def __init__(self, errors: dict[str, str], filters: Filters | None = None):
        super().__init__(errors)
        self.errors = errors
        self.filters = filters  # what could be read, for further checks


@dataclass
class Filters:
    arena: str | None = None
    year: int | None = None
    theme: str | None = None
    status: str | None = None
    commitment: int | None = None
    updated_since: datetime | None = None
    after: int = 0
    limit: int = DEFAULT_LIMIT
    given: dict[str, str] = field(default_factory=dict)


def _integer(text: str, low: int, high: int) -> int | None:
    try:
        value = int(text)
    except ValueError:
        return None
    return value if low <= value <= high else None


def _moment(text: str) -> datetime | None:
    try:
        # A "+" in a query string arrives as a space unless the client encoded it.
        moment = datetime.fromisoformat(text.upper().replace("Z", "+00:00").replace(" ", "+"))
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return moment.astimezone(UTC)
    except (ValueError, OverflowError):
        return None


def read_filters(args, allowed: tuple[str, ...], statuses: tuple[str, ...] = ()) -> Filters:
    """The filters and paging of one list request; BadParameters for anything wrong,
    including a parameter the list does not know (a typo should not return everything)."""
    errors: dict[str, str] = {}
    filters = Filters()
    known = set(allowed) | set(PAGING_NAMES)
    for name in args:
        if name not in known:
            errors[name] = _(
                "Unknown parameter. This list takes: %(names)s.", names=", ".join(sorted(known))
            )
    text = {name: args.get(name, "").strip() for name in known if name in args}
    for name in ("arena", "theme"):
        if name in text:
            setattr(filters, name, text[name][:60])
    if "status" in text:
        if text["status"] in statuses:
            filters.status = text["status"]
        else:
            errors["status"] = _("Choose one of: %(names)s.", names=", ".join(statuses))
    if "year" in text:
        filters.year = _integer(text["year"], 1900, 9999)
        if filters.year is None:
            errors["year"] = _("A year is four digits, such as 2026.")
    if "commitment" in text:
        filters.commitment = _integer(text["commitment"], 1, MAX_INTEGER)
        if filters.commitment is None:
            errors["commitment"] = _("A commitment is named by its id, a whole number.")
    if "updated_since" in text:
        filters.updated_since = _moment(text["updated_since"])
        if filters.updated_since is None:
            errors["updated_since"] = _(
                "A date and time in ISO 8601, such as 2026-12-01T08:00:00Z."
            )
    if "after" in text:
        after = _integer(text["after"], 0, MAX_INTEGER)
        if after is None:
            errors["after"] = _("Use the address in “next” to get the next page.")
        filters.after = after or 0
    if "limit" in text:
        limit = _integer(text["limit"], 1, MAX_LIMIT)
        if limit is None:
            errors["limit"] = _("From 1 to %(most)d items per page.", most=MAX_LIMIT)
        filters.limit = limit or DEFAULT_LIMIT
    if "lang" in text and text["lang"] not in LANGUAGES:
        errors["lang"] = _("Choose one of: %(names)s.", names=", ".join(LANGUAGES))
    if errors:
        raise BadParameters(errors, filters)
    filters.given = {k: v for k, v in text.items() if k in allowed or k == "lang"}
    return filters
