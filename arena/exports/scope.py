"""What one export covers (one arena's cycle, or every arena's cycle of a year) and
who may take it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select

from arena.exports.privacy import Pseudonyms
from arena.exports.sources import Arena, Cycle, is_facilitator_of, is_signed_in, is_staff
from arena.extensions import db

MIN_YEAR, MAX_YEAR = 2000, 2100


class ScopeNotFound(LookupError):
    """The arena or the year does not exist (a page answers 404, the CLI an error)."""


@dataclass
class Export:
    """One export run: its scope, its clock, its pseudonym key and a progress hook."""

    year: int
    arena: Arena | None  # None: the whole city
    cycles: list[Cycle]
    now: datetime
    with_audit: bool = False
    pseudonyms: Pseudonyms = field(default_factory=Pseudonyms)
    progress: Callable[[str, int], None] | None = None

    @property
    def arena_ids(self) -> list[int]:
        return sorted({c.arena_id for c in self.cycles}) or ([self.arena.id] if self.arena else [])

    @property
    def cycle_ids(self) -> list[int]:
        return [c.id for c in self.cycles]

    @property
    def slug(self) -> str:
        return f"{self.arena.slug if self.arena else 'stockholm'}-{self.year}"

    def report(self, table: str, rows: int) -> None:
        if self.progress is not None:
            self.progress(table, rows)


def parse_year(text) -> int:
    try:
        year = int(str(text).strip())
    except (TypeError, ValueError):
        raise ScopeNotFound(f"No year {text!r}.") from None
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ScopeNotFound(f"No year {text!r}.")
    return year


def resolve(slug: str | None, year_text, now: datetime, *, with_audit: bool = False) -> Export:
    """The export for arena `slug` (None or "": the city) and the year; ScopeNotFound when
    the arena is unknown or has no cycle that year (the city: when no arena has one)."""
    year = parse_year(year_text)
    arena = None
    query = select(Cycle).where(Cycle.year == year)
    if slug:
        arena = db.session.scalar(select(Arena).where(Arena.slug == str(slug)[:60]))
        if arena is None:
            raise ScopeNotFound(f"No arena {slug!r}.")
        query = query.where(Cycle.arena_id == arena.id)
    cycles = list(db.session.scalars(query.order_by(Cycle.arena_id)))
    if not cycles:
        where = arena.name if arena else "any arena"
        raise ScopeNotFound(f"No cycle in {year} for {where}.")
    return Export(year=year, arena=arena, cycles=cycles, now=now, with_audit=with_audit)


def may_export(user, arena: Arena | None) -> bool:
    """Staff and admins export anything; facilitators only their own arenas."""
    if is_staff(user):
        return True
    return arena is not None and is_facilitator_of(user, arena)


def may_export_anything(user) -> bool:
    return is_staff(user) or (is_signed_in(user) and bool(user.facilitator_roles))


def exportable_arenas(user) -> list[Arena]:
    arenas = db.session.scalars(select(Arena).order_by(Arena.sort_order, Arena.name))
    return [a for a in arenas if may_export(user, a)]


def years_with_cycles(arenas: list[Arena]) -> list[int]:
    if not arenas:
        return []
    ids = [a.id for a in arenas]
    years = db.session.scalars(select(Cycle.year).where(Cycle.arena_id.in_(ids)).distinct())
    return sorted(set(years), reverse=True)
