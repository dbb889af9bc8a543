"""What an import would change, and changing it in bulk; deleting a year's figures.

`plan_import` reads the stored figures of the file's arenas and years in one
query and sorts the file's rows into new, changed and unchanged ones (and, when
the years are replaced, the stored ones the file no longer has). The preview
shows the plan; `apply_plan` carries it out with one INSERT for all new rows,
one UPDATE by primary key for all changed ones and one DELETE, so 32,000 rows
take seconds, in the caller's single transaction (all or nothing).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import delete, func, insert, select, update

from arena.arenas.models import Arena, DistrictStatistic
from arena.arenas.statistics_csv import StatisticRow
from arena.audit import services as audit
from arena.core.errors import ActionRefused
from arena.core.permissions import is_staff
from arena.core.time import utcnow
from arena.extensions import db

# The preview lists at most this many changed, new and removed rows each; counts are complete.
PREVIEW_LIMIT = 200
_STORED = (
    DistrictStatistic.id,
    DistrictStatistic.arena_id,
    DistrictStatistic.indicator,
    DistrictStatistic.year,
    DistrictStatistic.value,
    DistrictStatistic.unit,
    DistrictStatistic.source,
)


def can_import_statistics(user) -> bool:
    """City staff and admins bring in official figures; nobody else."""
    return is_staff(user)


@dataclass
class Change:
    """A row of the file next to the stored figure it replaces (None when new)."""

    row: StatisticRow
    old_value: float | None = None
    old_unit: str | None = None
    old_source: str | None = None
    stored_id: int | None = None


@dataclass
class Removal:
    id: int
    arena_id: int
    indicator: str
    year: int
    value: float
    unit: str


@dataclass
class ImportPlan:
    rows_read: int = 0
    new: list[Change] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    unchanged: list[Change] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)

    def by_arena_and_year(self, arenas: dict[int, Arena]) -> list[dict]:
        """Counts per (arena, year), for the preview's summary table."""
        counts: dict[tuple, Counter] = {}
        for kind in ("new", "changed", "unchanged"):
            for change in getattr(self, kind):
                key = (change.row.arena.id, change.row.year)
                counts.setdefault(key, Counter())[kind] += 1
        for removal in self.removed:
            counts.setdefault((removal.arena_id, removal.year), Counter())["removed"] += 1
        return [
            {"arena": arenas[arena_id], "year": year, **counter}
            for (arena_id, year), counter in sorted(
                counts.items(), key=lambda item: (arenas[item[0][0]].name, item[0][1])
            )
        ]


def _stored_rows(rows: list[StatisticRow]):
    """Every stored figure of the file's arenas in the file's years, in one query."""
    arena_ids = {row.arena.id for row in rows}
    years = {row.year for row in rows}
    return db.session.execute(
        select(*_STORED).where(
            DistrictStatistic.arena_id.in_(arena_ids), DistrictStatistic.year.in_(years)
        )
    ).all()


def plan_import(rows: list[StatisticRow], *, replace_years: bool = False) -> ImportPlan:
    """Sort the file's rows against what is stored (see the module's docstring)."""
    plan = ImportPlan(rows_read=len(rows))
    if not rows:
        return plan
    stored = {(s.arena_id, s.indicator, s.year): s for s in _stored_rows(rows)}
    in_file = set()
    for row in rows:
        key = (row.arena.id, row.indicator, row.year)
        in_file.add(key)
        old = stored.get(key)
        if old is None:
            plan.new.append(Change(row))
            continue
        change = Change(row, old.value, old.unit, old.source, old.id)
        same = (old.value, old.unit, old.source) == (row.value, row.unit, row.source)
        (plan.unchanged if same else plan.changed).append(change)
    if replace_years:
        pairs = {(row.arena.id, row.year) for row in rows}
        plan.removed = [
            Removal(s.id, s.arena_id, s.indicator, s.year, s.value, s.unit)
            for key, s in stored.items()
            if key not in in_file and (s.arena_id, s.year) in pairs
        ]
    return plan


def apply_plan(actor, plan: ImportPlan, *, is_example: bool, source: str) -> tuple[int, int]:
    """Carry out the plan in bulk; returns (added, updated). Unchanged rows are
    written too when the example flag is to be set on them."""
    if source == "web" and not can_import_statistics(actor):
        raise ActionRefused(_("Only city staff and administrators can import statistics."))
    now = utcnow()
    if plan.new:
        db.session.execute(
            insert(DistrictStatistic),
            [
                {
                    "arena_id": c.row.arena.id,
                    "indicator": c.row.indicator,
                    "year": c.row.year,
                    "value": c.row.value,
                    "unit": c.row.unit,
                    "source": c.row.source,
                    "is_example": is_example,
                    "imported_at": now,
                }
                for c in plan.new
            ],
        )
    updates = plan.changed + plan.unchanged
    if updates:
        db.session.execute(
            update(DistrictStatistic),
            [
                {
                    "id": c.stored_id,
                    "value": c.row.value,
                    "unit": c.row.unit,
                    "source": c.row.source,
                    "is_example": is_example,
                    "imported_at": now,
                }
                for c in updates
            ],
        )
    if plan.removed:
        _delete_ids([r.id for r in plan.removed])
    added, updated = len(plan.new), len(updates)
    audit.record(
        actor,
        "statistics.import",
        added=added,
        updated=updated,
        removed=len(plan.removed),
        example=is_example,
        source=source,
    )
    return added, updated


def _delete_ids(ids: list[int], chunk: int = 500) -> None:
    # In chunks: SQLite allows a limited number of bound parameters per statement.
    for start in range(0, len(ids), chunk):
        db.session.execute(
            delete(DistrictStatistic).where(DistrictStatistic.id.in_(ids[start : start + chunk]))
        )


def _year_filter(arena: Arena | None, year: int):
    where = [DistrictStatistic.year == year]
    if arena is not None:
        where.append(DistrictStatistic.arena_id == arena.id)
    return where


def count_figures(arena: Arena | None, year: int) -> int:
    """How many figures a deletion of the year (for one arena, or all) would remove."""
    return db.session.scalar(
        select(func.count(DistrictStatistic.id)).where(*_year_filter(arena, year))
    )


def delete_figures(actor, arena: Arena | None, year: int, *, reason: str = "") -> int:
    """Delete a year's figures for one arena or every arena (staff and admins only);
    irreversible, so the page asks first, and the audit log keeps who did it."""
    if not can_import_statistics(actor):
        raise ActionRefused(_("Only city staff and administrators can change statistics."))
    deleted = count_figures(arena, year)
    if not deleted:
        raise ActionRefused(
            _("There are no figures for %(year)d to delete.", year=year),
            409,
            problems={"year": _("There are no figures for %(year)d to delete.", year=year)},
        )
    db.session.execute(delete(DistrictStatistic).where(*_year_filter(arena, year)))
    audit.record(
        actor,
        "statistics.delete",
        arena=arena,
        year=year,
        deleted=deleted,
        all_arenas=arena is None,
        reason=reason or None,
    )
    return deleted
