"""Old and new values in an audit entry, made readable for the audit log page.

A cycle change keeps `changes = {field: [old, new]}` with dates as ISO instants
(`arena.arenas.cycles.update_cycle`); the page shows each as
"Voting closes and selection starts: 20 December 2026 → 1 December 2026".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import format_date
from flask_babel import gettext as _

from arena.arenas.cycles import DATE_LABELS


@dataclass(frozen=True)
class ChangeLine:
    label: str
    old: str
    new: str
    old_at: str = ""  # machine-readable ISO values for <time datetime>, dates only
    new_at: str = ""


def _day(value) -> tuple[str, str]:
    try:
        instant = datetime.fromisoformat(str(value))
    except ValueError:
        return str(value), ""
    return format_date(instant, "long"), instant.isoformat()


def change_lines(entry) -> list[ChangeLine]:
    """Each changed date (and budget) of a cycle entry with its old and new value."""
    changes = (entry.details or {}).get("changes")
    if entry.action != "cycle.update" or not isinstance(changes, dict):
        return []
    lines = []
    for name, label in DATE_LABELS.items():
        pair = changes.get(name)
        if isinstance(pair, list) and len(pair) == 2:
            (old, old_at), (new, new_at) = _day(pair[0]), _day(pair[1])
            lines.append(ChangeLine(str(label), old, new, old_at, new_at))
    budget = changes.get("support_budget")
    if isinstance(budget, list) and len(budget) == 2:
        lines.append(ChangeLine(_("Supports per participant"), str(budget[0]), str(budget[1])))
    return lines
