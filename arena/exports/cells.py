"""One value of a typed column, as each format writes it."""

from __future__ import annotations

from datetime import UTC, date, datetime

from arena.exports.privacy import neutralise, redact_emails


def as_utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def number_text(value) -> str:
    """The shortest text that reads back as the same number (no thousands separators)."""
    if isinstance(value, int):
        return str(value)
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def text_cell(type_: str, value, *, excel: bool = False) -> str:
    """A CSV cell: ISO dates, dot decimals (comma for Swedish Excel), neutralised text."""
    if value is None:
        return ""
    if type_ == "string":
        return neutralise(redact_emails(str(value)))
    if type_ == "integer":
        return str(int(value))
    if type_ == "number":
        text = number_text(value)
        return text.replace(".", ",") if excel else text
    if type_ == "boolean":
        return "true" if value else "false"
    if type_ == "datetime":
        utc = as_utc(value)
        return utc.strftime("%Y-%m-%d %H:%M:%S" if excel else "%Y-%m-%dT%H:%M:%SZ")
    if type_ == "date":
        return value.isoformat()
    raise ValueError(type_)


def json_value(type_: str, value):
    """A JSON value: strings without e-mail addresses, ISO dates, real numbers."""
    if value is None:
        return None
    if type_ == "string":
        return redact_emails(str(value))
    if type_ == "integer":
        return int(value)
    if type_ == "number":
        return float(value)
    if type_ == "boolean":
        return bool(value)
    if type_ == "datetime":
        return as_utc(value).strftime("%Y-%m-%dT%H:%M:%SZ")
    if type_ == "date":
        return value.isoformat() if isinstance(value, date) else str(value)
    raise ValueError(type_)
