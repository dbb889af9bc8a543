"""Indicators compared across arenas: which indicators measure the same thing, and
their baseline, latest value, target and progress side by side.

Two kinds of comparison:
- found through adoption: a commitment adopted by another arena copies its
  indicators, and `origin` (and `previous`, for next year's versions) links the
  commitments into one lineage; within a lineage that spans two or more arenas,
  indicators with the same name (case and spaces aside) are compared;
- marked by staff: a named group of any indicators (ComparisonGroup).

Values are shown per 1,000 inhabitants when the units in a comparison differ or
staff asked for it, using the district statistic named "population" (or
"befolkning", "folkmängd", "invånare") of the arena for the cycle's year, or the
latest earlier year. Without such a figure the arena's values are not shown and
the page says "no population figure". Progress is a share of the way from
baseline to target, so it needs no normalising.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from arena.extensions import db
from arena.staff.compare import latest_values
from arena.staff.indicator_models import ComparisonGroup
from arena.staff.sources import (
    Arena,
    Commitment,
    Cycle,
    DistrictStatistic,
    Indicator,
    progress,
)

PER_INHABITANTS = 1000
POPULATION_NAMES = ("population", "befolkning", "folkmängd", "invånare", "antal invånare")


def _population_spellings() -> list[str]:
    """The names as stored may be capitalised; SQLite's lower() knows only ASCII."""
    return sorted({form for n in POPULATION_NAMES for form in (n, n.capitalize(), n.upper())})


@dataclass
class Member:
    indicator: Indicator
    commitment: Commitment
    arena: Arena
    year: int
    latest: float | None
    latest_on: date | None
    population: float | None = None
    normalised: bool = False

    @property
    def progress(self) -> float | None:
        i = self.indicator
        return progress(i.baseline_value, self.latest, i.target_value)

    @property
    def lacks_population(self) -> bool:
        return self.normalised and not self.population

    def shown(self, value: float | None) -> float | None:
        """The value as the comparison shows it: per 1,000 inhabitants when normalised."""
        if value is None or not self.normalised:
            return value
        return None if not self.population else value / self.population * PER_INHABITANTS

    @property
    def baseline(self) -> float | None:
        return self.shown(self.indicator.baseline_value)

    @property
    def target(self) -> float | None:
        return self.shown(self.indicator.target_value)

    @property
    def latest_shown(self) -> float | None:
        return self.shown(self.latest)


@dataclass
class Comparison:
    key: str  # unique on the page: "lineage-<commitment id>-<n>" or "group-<id>"
    name: str
    members: list[Member]
    group: ComparisonGroup | None = None  # None: found through adoption
    normalised: bool = False
    units_differ: bool = False

    @property
    def arena_count(self) -> int:
        return len({m.arena.id for m in self.members})


def _lineage_roots() -> dict[int, int]:
    """{commitment id: its lineage's smallest id} for lineages spanning 2+ arenas (1 query)."""
    rows = db.session.execute(
        select(Commitment.id, Commitment.previous_id, Commitment.origin_id, Commitment.arena_id)
    ).all()
    parent = {row.id: row.id for row in rows}

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for row in rows:
        for other in (row.previous_id, row.origin_id):
            if other is not None and other in parent:
                a, b = find(row.id), find(other)
                parent[max(a, b)] = min(a, b)
    arenas: dict[int, set[int]] = defaultdict(set)
    for row in rows:
        arenas[find(row.id)].add(row.arena_id)
    return {row.id: find(row.id) for row in rows if len(arenas[find(row.id)]) > 1}


def _members(commitment_ids, indicator_ids) -> dict[int, Member]:
    """Every indicator asked for, with its latest value (1 query)."""
    if not commitment_ids and not indicator_ids:
        return {}
    latest = latest_values()
    rows = db.session.execute(
        select(Indicator, Commitment, Arena, Cycle.year, latest.c.value, latest.c.reported_on)
        .join(Commitment, Commitment.id == Indicator.commitment_id)
        .join(Arena, Arena.id == Commitment.arena_id)
        .join(Cycle, Cycle.id == Commitment.cycle_id)
        .outerjoin(latest, latest.c.indicator_id == Indicator.id)
        .where(
            or_(
                Indicator.commitment_id.in_(list(commitment_ids)),
                Indicator.id.in_(list(indicator_ids)),
            )
        )
    )
    return {row[0].id: Member(*row) for row in rows}


def _populations(arena_ids) -> dict[int, list[tuple[int, float]]]:
    """{arena id: [(year, inhabitants)] newest first} (1 query)."""
    found: dict[int, list[tuple[int, float]]] = defaultdict(list)
    if not arena_ids:
        return found
    rows = db.session.execute(
        select(DistrictStatistic.arena_id, DistrictStatistic.year, DistrictStatistic.value)
        .where(
            DistrictStatistic.arena_id.in_(list(arena_ids)),
            DistrictStatistic.indicator.in_(_population_spellings()),
        )
        .order_by(DistrictStatistic.year.desc())
    )
    for arena_id, year, value in rows:
        found[arena_id].append((year, value))
    return found


def population_for(figures: list[tuple[int, float]], year: int) -> float | None:
    """The figure of `year`, or of the latest earlier year; None without one."""
    return next((value for y, value in figures if y <= year and value > 0), None)


def _sorted(members: list[Member]) -> list[Member]:
    return sorted(members, key=lambda m: (m.year, m.arena.name.casefold(), m.indicator.id))


def _finish(comparison: Comparison, populations) -> Comparison:
    units = {m.indicator.unit.strip().casefold() for m in comparison.members}
    comparison.units_differ = len(units) > 1
    comparison.normalised = comparison.units_differ or bool(
        comparison.group and comparison.group.per_inhabitant
    )
    for member in comparison.members:
        member.normalised = comparison.normalised
        member.population = population_for(populations.get(member.arena.id, []), member.year)
    return comparison


def _lineage_comparisons(roots, members) -> list[Comparison]:
    by_name: dict[tuple[int, str], list[Member]] = defaultdict(list)
    for member in members.values():
        root = roots.get(member.commitment.id)
        if root is not None:
            by_name[(root, " ".join(member.indicator.name.split()).casefold())].append(member)
    found = []
    for position, ((root, _name), group) in enumerate(sorted(by_name.items())):
        if len({m.arena.id for m in group}) < 2:
            continue
        group = _sorted(group)
        found.append(Comparison(f"lineage-{root}-{position}", group[0].indicator.name, group))
    return found


def list_comparisons() -> tuple[list[Comparison], list[Comparison]]:
    """(found through adoption, marked by staff), in a fixed number of queries."""
    roots = _lineage_roots()
    groups = list(
        db.session.scalars(
            select(ComparisonGroup)
            .options(selectinload(ComparisonGroup.members))
            .order_by(ComparisonGroup.name, ComparisonGroup.id)
        )
    )
    marked_ids = {m.indicator_id for g in groups for m in g.members}
    members = _members(roots.keys(), marked_ids)
    populations = _populations({m.arena.id for m in members.values()})
    lineage = [_finish(c, populations) for c in _lineage_comparisons(roots, members)]
    marked = []
    for group in groups:
        # A fresh Member per group: one indicator may be in several groups.
        chosen = [
            replace(members[m.indicator_id]) for m in group.members if m.indicator_id in members
        ]
        comparison = Comparison(f"group-{group.id}", group.name, _sorted(chosen), group)
        marked.append(_finish(comparison, populations))
    return lineage, marked


def list_indicator_choices() -> list[tuple[str, list[tuple[int, str]]]]:
    """Every indicator, grouped by arena: [(arena name, [(id, label)])] (1 query)."""
    rows = db.session.execute(
        select(
            Indicator.id, Indicator.name, Indicator.unit, Commitment.title, Arena.name, Cycle.year
        )
        .join(Commitment, Commitment.id == Indicator.commitment_id)
        .join(Arena, Arena.id == Commitment.arena_id)
        .join(Cycle, Cycle.id == Commitment.cycle_id)
        .order_by(Arena.sort_order, Arena.name, Cycle.year.desc(), Commitment.title, Indicator.name)
    )
    grouped: dict[str, list[tuple[int, str]]] = {}
    for indicator_id, name, unit, title, arena, year in rows:
        label = f"{name} ({unit}) · {title} · {year}"
        grouped.setdefault(arena, []).append((indicator_id, label))
    return list(grouped.items())


def get_group_or_404(group_id: int) -> ComparisonGroup:
    return db.get_or_404(ComparisonGroup, group_id)
