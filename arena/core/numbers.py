"""Numbers typed by people: Swedish decimal comma and spaces between thousands.

"12,5" and "12.5" both mean twelve and a half; "1 250 000" is a million and a
quarter. Anything else (two decimal marks, letters, "1.234,5") is refused
rather than guessed at.
"""

import math
import re
from functools import lru_cache

from babel import numbers
from flask_babel import format_decimal, get_locale

# Ordinary, no-break and narrow no-break spaces, as typed or pasted from Excel.
_SPACES = re.compile(r"(?<=\d)[ \u00a0\u202f](?=\d{3}(?!\d))")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
# Far beyond any indicator, and well inside what both databases store exactly enough.
MAX_MAGNITUDE = 1e12


def parse_decimal(text: str | None) -> float | None:
    """The number in `text`, or None when it is empty; ValueError when it is not a number."""
    if text is None:
        return None
    text = str(text).strip().replace("\u2212", "-")  # the typographic minus sign
    if not text:
        return None
    text = _SPACES.sub("", text)
    if text.count(",") + text.count(".") > 1:
        raise ValueError(text)
    text = text.replace(",", ".")
    if not _NUMBER.fullmatch(text):
        raise ValueError(text)
    value = float(text)
    if not math.isfinite(value) or abs(value) > MAX_MAGNITUDE:
        raise ValueError(text)
    return value


def format_number(value: float | None, pattern: str = "#,##0.##") -> str:
    """A number for people to read, in the page's language ("1 234,5" in Swedish)."""
    if value is None:
        return "–"
    # repr tells apart what compares equal yet reads differently (0.0 and -0.0).
    return _formatted(value, type(value), repr(value), pattern, get_locale())


@lru_cache(maxsize=4096)
def _formatted(value, _type, _repr, pattern: str, locale) -> str:
    # A number in a pattern and language always reads the same: a page's indicators and
    # check-ins are formatted once per process, not on every view.
    return numbers.format_decimal(value, format=pattern, locale=locale)


def format_decimal_input(value: float) -> str:
    """A number to put back into a form box: no grouping, so it parses as typed."""
    return format_decimal(value, format="0.######")
