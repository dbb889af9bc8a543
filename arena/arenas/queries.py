"""Read-only queries for arenas and cycles, shared by views, exports and the API."""

from datetime import datetime

from flask import abort
from sqlalchemy import inspect, select
from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from arena.arenas import reference
from arena.arenas.models import Arena, CoBenefit, Cycle, Theme
from arena.core.database import fits_integer_column, fits_text_column
from arena.extensions import db

ARENAS_IN_ORDER = select(Arena).order_by(Arena.sort_order, Arena.name)
THEMES_IN_ORDER = select(Theme).order_by(Theme.sort_order, Theme.key)


def _arenas_with_cycles(session) -> list[Arena]:
    return list(session.scalars(ARENAS_IN_ORDER.options(selectinload(Arena.cycles))))


def kept_arenas() -> list[Arena] | None:
    """Every arena with its cycles as this process keeps them (reference.py), detached;
    None when this request reads them from the database."""
    return reference.kept("arenas", _arenas_with_cycles)


def _themes(session) -> list[Theme]:
    return list(session.scalars(THEMES_IN_ORDER))


def _kept_themes() -> list[Theme] | None:
    return reference.kept("themes", _themes)


def _co_benefits(session) -> list[CoBenefit]:
    return list(session.scalars(select(CoBenefit).order_by(CoBenefit.sort_order)))


def attach_kept_co_benefits(ids: set[int]) -> list[CoBenefit] | None:
    """This request's copies of the kept co-benefits with these ids, in their order;
    None when they cannot be taken from what is kept (the caller loads them)."""
    return _attach_kept_by_id("co_benefits", _co_benefits, ids)


def attach_kept_themes(ids: set[int]) -> list[Theme] | None:
    """The same for themes."""
    return _attach_kept_by_id("themes", _themes, ids)


def _attach_kept_by_id(name: str, load, ids: set[int]) -> list | None:
    kept = reference.kept(name, load)
    if kept is None:
        return None
    found = [item for item in kept if item.id in ids]
    if len(found) != len(ids):  # one newer than the kept ones
        return None
    return reference.attach(found)


def theme_keys(wanted: set[int]) -> dict[int, str]:
    """The key of each theme in `wanted` (ids), from the themes this process keeps: what
    a list's cards show of their theme, without joining the themes into the list's
    statement, whose planning on PostgreSQL cost more than its run. Read from the
    database when none are kept, or when one is newer than the kept ones."""
    kept = _kept_themes()
    keys = {theme.id: theme.key for theme in kept} if kept is not None else {}
    if not wanted <= keys.keys():
        keys = dict(db.session.execute(select(Theme.id, Theme.key)).all())
    return keys


def attach_kept(
    arenas: list[Arena], *, cycle_id: int, theme_id: int
) -> tuple[Cycle | None, Theme | None]:
    """This request's copies of a kept cycle (with its arena, and the arena's cycles) and
    of a kept theme, in its session; None for one that cannot be attached. The caller
    holds on to them (set on what refers to them): a session keeps clean objects only as
    long as something else does."""
    found = [arena for arena in arenas if any(c.id == cycle_id for c in arena.cycles)]
    attached = reference.attach(found) or []
    cycle = next((c for a in attached for c in a.cycles if c.id == cycle_id), None)
    if cycle is not None:
        set_committed_value(cycle, "arena", attached[0])
    themes = [t for t in _kept_themes() or [] if t.id == theme_id]
    theme = next(iter(reference.attach(themes) or []), None)
    return cycle, theme


def list_arenas() -> list[Arena]:
    kept = kept_arenas()
    arenas = reference.attach(kept) if kept is not None else None
    return arenas if arenas is not None else list(db.session.scalars(ARENAS_IN_ORDER))


def get_arena_by_slug_or_404(slug: str) -> Arena:
    if not fits_text_column(slug):
        abort(404)
    kept = kept_arenas()
    if kept is not None:
        found = [arena for arena in kept if arena.slug == slug]
        attached = reference.attach(found)
        if attached is not None:
            return attached[0] if attached else abort(404)
    # With its cycles in the same statement: every page under /arenas/<slug> picks one.
    query = select(Arena).where(Arena.slug == slug).options(joinedload(Arena.cycles))
    arena = db.session.execute(query).unique().scalar_one_or_none()
    if arena is None:
        abort(404)
    return arena


def list_themes() -> list[Theme]:
    kept = _kept_themes()
    themes = reference.attach(kept) if kept is not None else None
    return themes if themes is not None else list(db.session.scalars(THEMES_IN_ORDER))


def list_co_benefits() -> list[CoBenefit]:
    return list(db.session.scalars(select(CoBenefit).order_by(CoBenefit.sort_order)))


def pick_current_cycle(cycles: list[Cycle], now: datetime) -> Cycle | None:
    """The cycle people take part in now.

    Cycles overlap (last year's commitments are tested while this year's
    proposals come in), so the newest cycle that has started and not closed
    wins; before any has started, the next one; after all, the last one.
    """
    running = [c for c in cycles if c.proposing_opens_at <= now < c.closes_at]
    if running:
        return max(running, key=lambda c: c.proposing_opens_at)
    upcoming = [c for c in cycles if c.proposing_opens_at > now]
    if upcoming:
        return min(upcoming, key=lambda c: c.proposing_opens_at)
    return max(cycles, key=lambda c: c.closes_at) if cycles else None


def get_current_cycle(arena: Arena, now: datetime) -> Cycle | None:
    return pick_current_cycle(list(arena.cycles), now)


def get_cycle(arena: Arena, year: int) -> Cycle | None:
    if not fits_integer_column(year):
        return None
    return db.session.scalar(select(Cycle).where(Cycle.arena_id == arena.id, Cycle.year == year))


def current_cycles_by_arena(arenas: list[Arena], now: datetime) -> dict[int, Cycle | None]:
    """Each arena's current cycle, loaded in one query rather than one per arena (or
    none, when the arenas came with their cycles from reference.kept)."""
    if all("cycles" not in inspect(arena).unloaded for arena in arenas):
        return {arena.id: pick_current_cycle(list(arena.cycles), now) for arena in arenas}
    cycles = db.session.scalars(select(Cycle).where(Cycle.arena_id.in_([a.id for a in arenas])))
    by_arena: dict[int, list[Cycle]] = {a.id: [] for a in arenas}
    for cycle in cycles:
        by_arena[cycle.arena_id].append(cycle)
    return {arena_id: pick_current_cycle(found, now) for arena_id, found in by_arena.items()}
