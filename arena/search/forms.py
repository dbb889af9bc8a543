"""The search page's input: a query and filters read from the address, never trusted.

Anything an address can hold gives a page: unknown filter values are ignored, a query
too long or without a word gets a message instead of results.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_babel import ngettext

from arena.core.database import MAX_INTEGER
from arena.search.text import query_groups, query_languages, words

MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 10
MAX_PAGE = 500  # deeper pages of a ranked list are never useful, and cost an OFFSET


@dataclass
class SearchInput:
    q: str = ""
    arena: str = ""
    theme: str = ""
    year: int | None = None
    status: str = ""
    kind: str = ""
    page: int = 1
    groups: list = field(default_factory=list)
    problem: str | None = None

    @property
    def has_filters(self) -> bool:
        return bool(self.arena or self.theme or self.year or self.status or self.kind)


def _int(value: str | None, low: int, high: int) -> int | None:
    value = (value or "").strip()
    if not value.isascii() or not value.isdecimal() or len(value) > 9:
        return None
    number = int(value)
    return number if low <= number <= high else None


def _choice(value: str | None, allowed) -> str:
    value = (value or "").strip()
    return value if value in allowed else ""


def read_search(args, *, arenas, themes, statuses, kinds, locale) -> SearchInput:
    """The query and filters of `args` (request.args), checked against what exists."""
    raw = args.get("q", "")
    q = " ".join(raw.split()) if isinstance(raw, str) else ""
    found = SearchInput(
        q=q[: MAX_QUERY_LENGTH * 2],
        arena=_choice(args.get("arena"), arenas),
        theme=_choice(args.get("theme"), themes),
        year=_int(args.get("year"), 1900, 2999),
        status=_choice(args.get("status"), statuses),
        kind=_choice(args.get("kind"), kinds),
        page=_int(args.get("page"), 1, min(MAX_PAGE, MAX_INTEGER)) or 1,
    )
    if not q:
        return found
    if len(q) > MAX_QUERY_LENGTH:
        found.problem = ngettext(
            "The search is too long: use at most %(num)d character.",
            "The search is too long: use at most %(num)d characters.",
            MAX_QUERY_LENGTH,
        )
        return found
    if len(words(q)) > MAX_QUERY_WORDS:
        found.problem = ngettext(
            "Use at most %(num)d word in a search.",
            "Use at most %(num)d words in a search.",
            MAX_QUERY_WORDS,
        )
        return found
    found.groups = query_groups(q, query_languages(locale))
    if not found.groups:
        found.problem = _("Write at least one word with letters or digits.")
    return found
