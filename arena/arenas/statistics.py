"""District statistics: the CSV file (`statistics_csv`), the bulk import and deletion
(`statistics_plan`), the preview's stored uploads (`statistics_uploads`) and the
arena page's list. This module gathers what other packages use.

The import is in bulk: the stored rows for the file's arenas and years are read in
one query, then new rows are inserted and changed ones updated by primary key,
each in one statement, in the request's one transaction (all or nothing).
"""

from __future__ import annotations

from collections import OrderedDict

from flask_babel import get_locale
from sqlalchemy import select

from arena.arenas.models import Arena, DistrictStatistic
from arena.arenas.statistics_csv import (
    EXAMPLE_SOURCE,
    HEADER,
    StatisticRow,
    parse_statistics_csv,
    parse_value,
)
from arena.arenas.statistics_models import StatisticName
from arena.arenas.statistics_plan import apply_plan, can_import_statistics, plan_import
from arena.extensions import db
from arena.representation.questions import REFERENCE_PREFIX

__all__ = [
    "EXAMPLE_SOURCE",
    "HEADER",
    "StatisticRow",
    "can_import_statistics",
    "import_statistics",
    "indicator_names",
    "list_statistics",
    "parse_statistics_csv",
    "parse_value",
]


def import_statistics(
    actor,
    rows: list[StatisticRow],
    *,
    is_example: bool = False,
    source: str = "web",
    replace_years: bool = False,
) -> tuple[int, int]:
    """Add or update one row per (arena, indicator, year); returns (added, updated).
    A web import needs staff or admin rights and is written to the audit log.
    With `replace_years`, the stored figures of the file's arenas and years that the
    file does not have are deleted. See `statistics_plan.apply_plan`."""
    plan = plan_import(rows, replace_years=replace_years)
    counts = apply_plan(actor, plan, is_example=is_example, source=source)
    save_names(rows)
    return counts


def save_names(rows: list[StatisticRow]) -> None:
    """Store the file's names per language (a later row wins); names the file does not
    give stay as they were."""
    given = {
        (row.indicator, language): name for row in rows for language, name in row.names.items()
    }
    if not given:
        return
    stored = {
        (n.indicator, n.language): n
        for n in db.session.scalars(
            select(StatisticName).where(StatisticName.indicator.in_({k[0] for k in given}))
        )
    }
    for (indicator, language), name in given.items():
        if (indicator, language) in stored:
            stored[(indicator, language)].name = name
        else:
            db.session.add(StatisticName(indicator=indicator, language=language, name=name))
    db.session.flush()


def indicator_names(indicators) -> dict[str, tuple[str, str]]:
    """{indicator: (name, language of the name)} for the reader's language: its own
    name where the import gave one, else the indicator as given (in Swedish)."""
    language = str(get_locale() or "sv")
    indicators = list(indicators)
    names = {
        n.indicator: n.name
        for n in db.session.scalars(
            select(StatisticName).where(
                StatisticName.language == language, StatisticName.indicator.in_(indicators)
            )
        )
    }
    return {i: (names[i], language) if i in names else (i, "sv") for i in indicators}


def list_statistics(arena: Arena) -> OrderedDict[str, list[DistrictStatistic]]:
    """The arena's figures grouped by indicator, newest year first within each."""
    grouped: OrderedDict[str, list[DistrictStatistic]] = OrderedDict()
    for statistic in db.session.scalars(
        select(DistrictStatistic)
        .where(
            DistrictStatistic.arena_id == arena.id,
            DistrictStatistic.indicator.not_like(REFERENCE_PREFIX + "%"),
        )
        .order_by(DistrictStatistic.indicator, DistrictStatistic.year.desc())
    ):
        grouped.setdefault(statistic.indicator, []).append(statistic)
    return grouped
