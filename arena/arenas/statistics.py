"""District statistics: the CSV file (`statistics_csv`), the bulk import and deletion
(`statistics_plan`), the preview's stored uploads (`statistics_uploads`) and the
arena page's list. This module gathers what other packages use.

The import is in bulk: the stored rows for the file's arenas and years are read in
one query, then new rows are inserted and changed ones updated by primary key,
each in one statement, in the request's one transaction (all or nothing).
"""

from __future__ import annotations

from collections import OrderedDict

from sqlalchemy import select

from arena.arenas.models import Arena, DistrictStatistic
from arena.arenas.statistics_csv import (
    EXAMPLE_SOURCE,
    HEADER,
    StatisticRow,
    parse_statistics_csv,
    parse_value,
)
from arena.arenas.statistics_plan import apply_plan, can_import_statistics, plan_import
from arena.extensions import db
from arena.representation.questions import REFERENCE_PREFIX

__all__ = [
    "EXAMPLE_SOURCE",
    "HEADER",
    "StatisticRow",
    "can_import_statistics",
    "import_statistics",
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
    return apply_plan(actor, plan, is_example=is_example, source=source)


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
