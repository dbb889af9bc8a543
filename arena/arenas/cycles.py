"""Managing an arena's yearly cycles: the rules for their dates, and the services
that create and change them.

A facilitator sets six dates per cycle. Dates are entered as days and mean
00:00 local time (Europe/Stockholm) on that day; they are stored in UTC.

The rules, each with a clear message next to the field it concerns:

- the six dates are strictly in order (the database checks this too, but a
  person must get a message, never an error page);
- the cycles of one arena do not overlap in their *participation window*
  (see `windows_overlap`);
- changing a date that has already passed (its old or its new value is before
  now) needs a reason, kept in the audit log with the old and new values;
- a change that touches a live cycle (cuts a running vote short, reopens
  proposing after voting started, moves a phase that has proposals or supports:
  see `cycle_impact`) needs a reason and an explicit confirmation of what it affects;
- the support budget cannot go below what someone has already used;
- one cycle per arena and year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from arena.arenas import cycle_impact
from arena.arenas.models import Arena, Cycle
from arena.audit import services as audit
from arena.core.errors import ActionRefused
from arena.core.permissions import is_facilitator_of, require_facilitator
from arena.core.time import local_day, one_year_later, start_of_day
from arena.extensions import db
from arena.proposals.models import Participation

DATE_FIELDS = (
    "proposing_opens_at",
    "voting_opens_at",
    "voting_closes_at",
    "testing_starts_at",
    "review_starts_at",
    "closes_at",
)

DATE_LABELS = {
    "proposing_opens_at": _l("Proposing opens"),
    "voting_opens_at": _l("Voting opens"),
    "voting_closes_at": _l("Voting closes and selection starts"),
    "testing_starts_at": _l("Testing starts"),
    "review_starts_at": _l("Review starts"),
    "closes_at": _l("The cycle closes"),
}

MIN_BUDGET, MAX_BUDGET = 1, 50
MAX_INTRODUCTION, MAX_REASON = 5000, 500


def instants_from_days(
    days: dict[str, date], zone: ZoneInfo, cycle: Cycle | None = None
) -> dict[str, datetime]:
    """The stored instant for each entered day.

    A day that is unchanged keeps the instant already stored, even when that is
    not midnight (e.g. imported or demo data), so saving a form without touching
    a date never counts as changing it.
    """
    instants = {}
    for name in DATE_FIELDS:
        old = getattr(cycle, name) if cycle is not None else None
        if old is not None and local_day(old, zone) == days[name]:
            instants[name] = old
        else:
            instants[name] = start_of_day(days[name], zone)
    return instants


def latest_cycle(arena: Arena) -> Cycle | None:
    return max(arena.cycles, key=lambda c: c.year, default=None)


def next_cycle_defaults(arena: Arena, zone: ZoneInfo, now: datetime) -> dict:
    """What the "next year's cycle" form starts with: the year after the latest
    cycle, each date one year after the latest cycle's, its budget and nothing
    else. Without any cycle: this year, and dates left for the facilitator."""
    latest = latest_cycle(arena)
    if latest is None:
        budget = current_app.config.get("DEFAULT_SUPPORT_BUDGET", 5)
        return {"year": local_day(now, zone).year, "support_budget": budget}
    defaults = {
        name: one_year_later(local_day(getattr(latest, name), zone)) for name in DATE_FIELDS
    }
    defaults.update(year=latest.year + 1, support_budget=latest.support_budget)
    return defaults


# --- rules ----------------------------------------------------------------------


def can_manage_cycles(user, arena: Arena) -> bool:
    """Only the arena's own facilitators set its cycles (admins grant themselves the role first)."""
    return is_facilitator_of(user, arena)


def participation_window(dates) -> tuple[datetime, datetime]:
    """[proposing opens, testing starts): the part of a cycle in which people propose,
    vote and see the selection made."""
    get = dates.get if isinstance(dates, dict) else lambda name: getattr(dates, name)
    return get("proposing_opens_at"), get("testing_starts_at")


def windows_overlap(a, b) -> bool:
    """Whether two cycles of one arena would compete for people's attention.

    Cycles of one arena are *meant* to overlap in part: the yearly rhythm in
    PRODUCT.md has last year's commitments tested (about a year) and then
    reviewed while this year's proposals come in and are voted on. What must
    not overlap is the participation window, [proposing opens, testing starts):
    two proposing or voting phases at once would split proposals and support
    budgets between two cycles, and the arena page could not say which cycle
    people take part in. Half-open intervals, so one cycle's testing may start
    on the very day the next cycle's proposing opens.
    """
    a_start, a_end = participation_window(a)
    b_start, b_end = participation_window(b)
    return a_start < b_end and b_start < a_end


def changed_past_dates(cycle: Cycle | None, dates: dict[str, datetime], now: datetime) -> list[str]:
    """The dates being changed whose old or new value is already in the past."""
    if cycle is None:
        return [name for name in DATE_FIELDS if dates[name] < now]
    return [
        name
        for name in DATE_FIELDS
        if dates[name] != getattr(cycle, name) and (dates[name] < now or getattr(cycle, name) < now)
    ]


@dataclass
class CycleInput:
    """What a facilitator asks for: stored instants (see `instants_from_days`)."""

    dates: dict[str, datetime]
    support_budget: int
    introduction: str = ""
    reason: str = ""
    year: int | None = None  # only when creating
    # The fingerprint of the impact the facilitator confirmed (see `cycle_impact`).
    confirmed: str = ""


def _year_taken(arena: Arena, year: int) -> str:
    return _("%(arena)s already has a cycle for %(year)d.", arena=arena.name, year=year)


def _overlaps(dates: dict, cycle: Cycle | None, others: list[Cycle]):
    """(field, message) for each other cycle whose participation window ours overlaps."""
    for other in sorted(others, key=lambda c: c.year):
        if (cycle is not None and other.id == cycle.id) or not windows_overlap(dates, other):
            continue
        # Point at the end of our window that reaches into the other cycle.
        reaches_back = other.proposing_opens_at < dates["proposing_opens_at"]
        start, end = participation_window(other)
        yield (
            "proposing_opens_at" if reaches_back else "testing_starts_at",
            _(
                "Proposing, voting and selection would overlap with cycle %(year)d "
                "(%(start)s – %(end)s). Only testing and review may run alongside "
                "another cycle.",
                year=other.year,
                start=format_date(start, "long"),
                end=format_date(end, "long"),
            ),
        )


def find_problems(
    arena: Arena,
    values: CycleInput,
    *,
    cycle: Cycle | None,
    others: list[Cycle],
    supports_used: int,
    now: datetime,
) -> dict[str, str]:
    """Every rule the input breaks, as {field name: message}; empty when all hold."""
    problems: dict[str, str] = {}
    dates = values.dates

    if cycle is None and values.year is not None and any(o.year == values.year for o in others):
        problems["year"] = _year_taken(arena, values.year)

    for earlier, later in zip(DATE_FIELDS, DATE_FIELDS[1:], strict=False):
        if not dates[earlier] < dates[later]:
            problems.setdefault(
                later,
                _(
                    "“%(later)s” must be after “%(earlier)s”.",
                    later=DATE_LABELS[later],
                    earlier=DATE_LABELS[earlier],
                ),
            )

    if not problems.keys() & set(DATE_FIELDS):
        for field, message in _overlaps(dates, cycle, others):
            problems.setdefault(field, message)

    past = changed_past_dates(cycle, dates, now)
    if past and not values.reason:
        problems["reason"] = _(
            "You are changing a date that has already passed (%(dates)s). Say why: the "
            "reason is kept in the audit log.",
            dates=", ".join(str(DATE_LABELS[name]) for name in past),
        )

    if values.support_budget < supports_used:
        problems["support_budget"] = _(
            "Someone has already used %(used)d supports in this cycle, so the budget "
            "cannot be lower than %(used)d.",
            used=supports_used,
        )
    return problems


# --- services -------------------------------------------------------------------


def most_supports_used(cycle: Cycle | None) -> int:
    if cycle is None:
        return 0
    used = db.session.scalar(
        select(func.max(Participation.supports_used)).where(Participation.cycle_id == cycle.id)
    )
    return used or 0


def _check(actor, arena: Arena, values: CycleInput, cycle: Cycle | None, now: datetime) -> None:
    if not can_manage_cycles(actor, arena):
        require_facilitator(actor, arena)  # raises, saying who may
    others = list(db.session.scalars(select(Cycle).where(Cycle.arena_id == arena.id)))
    problems = find_problems(
        arena, values, cycle=cycle, others=others, supports_used=most_supports_used(cycle), now=now
    )
    if problems:
        raise ActionRefused(problems=problems, status=409)


def _iso(value):
    return value.isoformat() if isinstance(value, datetime) else value


def _log(actor, action: str, cycle: Cycle, values: CycleInput, past: list, **details) -> None:
    """Every change to a cycle is logged with its year, the reason given and the dates
    that were already past when they moved (and, from `update_cycle`, the old and new
    value of each change and what a confirmed live change affected)."""
    audit.record(
        actor,
        action,
        arena=cycle.arena,
        target=cycle,
        reason=values.reason,
        year=cycle.year,
        past_dates=past or None,
        **details,
    )


def create_cycle(actor, arena: Arena, values: CycleInput, *, now: datetime) -> Cycle:
    """Add a cycle to the arena (normally next year's), after checking every rule."""
    _check(actor, arena, values, None, now)
    cycle = Cycle(
        arena_id=arena.id,
        year=values.year,
        support_budget=values.support_budget,
        introduction=values.introduction,
        **values.dates,
    )
    db.session.add(cycle)
    try:
        db.session.flush()
    except IntegrityError as error:
        # Another facilitator created the same year a moment ago; the view rolls back.
        raise ActionRefused(
            problems={"year": _year_taken(arena, values.year)}, status=409
        ) from error
    past = changed_past_dates(None, values.dates, now)
    dates = {name: _iso(values.dates[name]) for name in DATE_FIELDS}
    _log(
        actor, "cycle.create", cycle, values, past, support_budget=cycle.support_budget, dates=dates
    )
    return cycle


def update_cycle(actor, cycle: Cycle, values: CycleInput, *, now: datetime) -> dict:
    """Change a cycle's dates, budget and introduction; returns what changed.

    The audit row holds the old and new value of everything that changed and,
    when a past date moved, the reason given.
    """
    arena = cycle.arena
    _check(actor, arena, values, cycle, now)
    impact = _confirmed_impact(cycle, values, now)
    changes = {}
    for name in DATE_FIELDS:
        if values.dates[name] != getattr(cycle, name):
            changes[name] = [_iso(getattr(cycle, name)), _iso(values.dates[name])]
    if values.support_budget != cycle.support_budget:
        changes["support_budget"] = [cycle.support_budget, values.support_budget]
    if values.introduction != cycle.introduction:
        changes["introduction"] = [cycle.introduction, values.introduction]
    if not changes:
        return changes
    past = changed_past_dates(cycle, values.dates, now)
    for name in DATE_FIELDS:
        setattr(cycle, name, values.dates[name])
    cycle.support_budget = values.support_budget
    cycle.introduction = values.introduction
    db.session.flush()
    _log(
        actor,
        "cycle.update",
        cycle,
        values,
        past,
        changes=changes,
        impact=impact.as_details() if impact else None,
    )
    return changes


def _confirmed_impact(cycle: Cycle, values: CycleInput, now: datetime):
    """The impact of the new dates on a live cycle, refused unless a reason is given and
    the facilitator confirmed exactly this impact (the page showed it)."""
    impact = cycle_impact.assess(cycle, values.dates, now)
    if not impact:
        return impact
    problems = {}
    if not values.reason:
        problems["reason"] = _(
            "This change affects a cycle people are taking part in. Say why: the reason "
            "is kept in the audit log."
        )
    if values.confirmed != impact.fingerprint:
        problems["confirm_impact"] = _(
            "Read what the change affects, then tick the box to confirm it."
        )
    if problems:
        raise ActionRefused(problems=problems, status=409)
    return impact
