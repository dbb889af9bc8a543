"""The arenas side by side: one row per arena for a year, counted with grouped queries.

Every figure is counted for all arenas at once (one query per figure, grouped by
cycle), so the page makes the same number of queries for two arenas or twenty.

Rules the figures follow:
- Participants online are the distinct people who proposed (online), supported,
  commented or joined a commitment in the cycle; workshop participants are the
  workshops' head counts. The two are never added: one person may be in both.
- Supports and workshop votes are shown only once the cycle's voting has closed,
  as everywhere else (the exports, the results page).
- An indicator is *on track* when its latest measured value has come at least
  as far from the baseline toward the target as the share of its period
  (baseline date to target date) that had passed on the day it was measured;
  *off track* when it is measured but behind; *without data* when never measured.
- A commitment is *overdue* for a check-in when it is being tested (its cycle is
  in testing or review and it is not yet decided) and its latest check-in — or,
  without any, the start of testing — is older than its own check-in interval
  (`Commitment.check_in_interval_days`, 90 days unless its facilitators set another),
  or when one of its indicators is overdue for a value by its own reporting interval
  (the rule the owners' reminders follow: arena.reminders.queries).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import and_, func, select
from sqlalchemy.orm import aliased

from arena.core.time import local_day
from arena.extensions import db
from arena.staff.sources import (
    LISTED_STATUSES,
    Arena,
    CheckIn,
    Commitment,
    CommitmentStatus,
    Cycle,
    Indicator,
    IndicatorValue,
    Phase,
    Proposal,
    Support,
    Workshop,
    WorkshopTally,
    overdue_commitment_ids,
    participations,
    phase_at,
    progress,
    results_are_public,
)

RECENT_DAYS = 90  # "check-ins in the last 90 days"
FOLLOWED_PHASES = (Phase.TESTING, Phase.REVIEW)
UNDECIDED = (CommitmentStatus.PLANNED, CommitmentStatus.ACTIVE)


@dataclass
class ArenaRow:
    arena: Arena
    cycle: Cycle | None = None
    phase: Phase | None = None
    results_public: bool = False
    online_participants: int = 0
    workshop_participants: int = 0
    workshops: int = 0
    proposals: int = 0
    supports: int | None = None  # None while voting is open
    workshop_votes: int | None = None
    commitments_by_status: dict[str, int] = field(default_factory=dict)
    on_track: int = 0
    off_track: int = 0
    no_data: int = 0
    check_ins: int = 0
    overdue: int = 0
    adopted_in: int = 0
    adopted_out: int = 0

    @property
    def commitments(self) -> int:
        return sum(self.commitments_by_status.values())


COUNTED = (
    "online_participants",
    "workshop_participants",
    "workshops",
    "proposals",
    "commitments",
    "on_track",
    "off_track",
    "no_data",
    "check_ins",
    "overdue",
    "adopted_in",
    "adopted_out",
)
HIDDEN_WHILE_VOTING = ("supports", "workshop_votes")


@dataclass
class Totals:
    """The city's totals. Supports and votes add up only the arenas whose voting has
    closed; `unpublished` says how many arenas were left out of them."""

    values: dict[str, int]
    commitments_by_status: dict[str, int]
    unpublished: int

    def __getattr__(self, name):
        try:
            return self.values[name]
        except KeyError:
            raise AttributeError(name) from None


def totals(rows: list[ArenaRow]) -> Totals:
    with_cycle = [r for r in rows if r.cycle is not None]
    values = {name: sum(getattr(r, name) for r in with_cycle) for name in COUNTED}
    for name in HIDDEN_WHILE_VOTING:
        values[name] = sum(getattr(r, name) or 0 for r in with_cycle if r.results_public)
    by_status: dict[str, int] = defaultdict(int)
    for row in with_cycle:
        for status, count in row.commitments_by_status.items():
            by_status[status] += count
    unpublished = sum(1 for r in with_cycle if not r.results_public)
    return Totals(values, dict(by_status), unpublished)


# --- sorting ---------------------------------------------------------------------

SORT_KEYS = ("arena", "phase", *COUNTED[:4], *HIDDEN_WHILE_VOTING, *COUNTED[4:])
DEFAULT_SORT = "arena"
PHASE_RANK = {phase: position for position, phase in enumerate(Phase)}


def choose_sort(key: str | None, direction: str | None) -> tuple[str, str]:
    """The requested column and direction when known; the arena name, A to Z, otherwise."""
    key = key if key in SORT_KEYS else DEFAULT_SORT
    return key, direction if direction in ("asc", "desc") else "asc"


def sort_rows(rows: list[ArenaRow], key: str, direction: str) -> list[ArenaRow]:
    """Rows by the column; arenas without a figure (no cycle, counts not public) last."""

    def value(row: ArenaRow):
        if key == "arena":
            return row.arena.name.casefold()
        if row.cycle is None:
            return None
        if key == "phase":
            return PHASE_RANK[row.phase]
        return getattr(row, key)

    by_name = sorted(rows, key=lambda r: (r.arena.sort_order, r.arena.name.casefold()))
    known = [r for r in by_name if value(r) is not None]
    unknown = [r for r in by_name if value(r) is None]
    return sorted(known, key=value, reverse=direction == "desc") + unknown


# --- counting --------------------------------------------------------------------


def _grouped(query) -> dict:
    """{first column: second column} of a grouped query."""
    return {key: value for key, value in db.session.execute(query)}


def _per_cycle(cycle_ids, cycle_id, figure, join=None, where=()) -> dict:
    """{cycle id: figure} for the given cycles: `figure` (an aggregate) grouped by
    `cycle_id` (a column), over rows joined to `join` (a (target, on) pair) if given."""
    query = select(cycle_id, figure)
    if join is not None:
        query = query.join(*join)
    return _grouped(query.where(cycle_id.in_(cycle_ids), *where).group_by(cycle_id))


def _counts(ids, today: date) -> dict[str, dict]:
    """The figures that are one grouped count or sum each: {name: {cycle id: figure}}."""
    adoption = aliased(Commitment)
    listed = (Proposal.status.in_(LISTED_STATUSES), Proposal.hidden_at.is_(None))
    recent = (
        CheckIn.hidden_at.is_(None),
        CheckIn.reported_on > today - timedelta(days=RECENT_DAYS),
        CheckIn.reported_on <= today,
    )
    on_proposal = (Proposal, Proposal.id == Support.proposal_id)
    on_workshop = (Workshop, Workshop.id == WorkshopTally.workshop_id)
    on_origin = (adoption, adoption.origin_id == Commitment.id)
    on_commitment = (Commitment, Commitment.id == CheckIn.commitment_id)
    # name: (the cycle column, the figure, what to join, which rows)
    figures = {
        "proposals": (Proposal.cycle_id, func.count(Proposal.id), None, listed),
        "supports": (Proposal.cycle_id, func.count(Support.id), on_proposal),
        "votes": (Workshop.cycle_id, func.sum(WorkshopTally.votes), on_workshop),
        "adopted_out": (Commitment.cycle_id, func.count(adoption.id), on_origin),
        "check_ins": (Commitment.cycle_id, func.count(CheckIn.id), on_commitment, recent),
    }
    return {name: _per_cycle(ids, *spec) for name, spec in figures.items()}


def _participants(cycle_ids):
    people = participations(cycle_ids)
    return _grouped(
        select(people.c.cycle_id, func.count(people.c.user_id)).group_by(people.c.cycle_id)
    )


def _workshops(cycle_ids):
    rows = db.session.execute(
        select(Workshop.cycle_id, func.sum(Workshop.participant_count), func.count(Workshop.id))
        .where(Workshop.cycle_id.in_(cycle_ids))
        .group_by(Workshop.cycle_id)
    )
    return {cycle_id: (int(people or 0), count) for cycle_id, people, count in rows}


def _commitments(cycle_ids):
    """{cycle_id: ({status: count}, adopted from elsewhere)}."""
    found: dict[int, tuple[dict[str, int], int]] = {}
    rows = db.session.execute(
        select(
            Commitment.cycle_id,
            Commitment.status,
            func.count(Commitment.id),
            func.count(Commitment.origin_id),
        )
        .where(Commitment.cycle_id.in_(cycle_ids))
        .group_by(Commitment.cycle_id, Commitment.status)
    )
    for cycle_id, status, count, adopted in rows:
        statuses, adopted_so_far = found.get(cycle_id, ({}, 0))
        statuses[status] = count
        found[cycle_id] = (statuses, adopted_so_far + adopted)
    return found


def latest_values(*where):
    """Subquery (indicator_id, value, reported_on): each indicator's latest visible
    value, by report date and then the order check-ins were posted; `where` narrows
    the check-ins looked at."""
    ranked = (
        select(
            IndicatorValue.indicator_id,
            IndicatorValue.value,
            CheckIn.reported_on,
            func.row_number()
            .over(
                partition_by=IndicatorValue.indicator_id,
                order_by=(CheckIn.reported_on.desc(), CheckIn.id.desc()),
            )
            .label("position"),
        )
        .join(CheckIn, CheckIn.id == IndicatorValue.check_in_id)
        .where(CheckIn.hidden_at.is_(None), *where)
        .subquery()
    )
    return select(ranked).where(ranked.c.position == 1).subquery()


def elapsed_share(indicator: Indicator, on: date) -> float:
    """The share of the indicator's period (baseline date to target date) passed on `on`."""
    span = (indicator.target_on - indicator.baseline_on).days
    share = (on - indicator.baseline_on).days / span if span > 0 else 1.0
    return min(max(share, 0.0), 1.0)


def track_of(indicator: Indicator, latest: float | None, measured_on: date | None) -> str:
    """ "on_track", "off_track" or "no_data" (the rule in this module's docstring)."""
    share = progress(indicator.baseline_value, latest, indicator.target_value)
    if share is None or measured_on is None:
        return "no_data"
    return "on_track" if share + 1e-9 >= elapsed_share(indicator, measured_on) else "off_track"


def _indicators(cycle_ids):
    in_cycles = Commitment.cycle_id.in_(cycle_ids)
    latest = latest_values(
        CheckIn.commitment_id.in_(select(Commitment.id).where(in_cycles).scalar_subquery())
    )
    rows = db.session.execute(
        select(Indicator, Commitment.cycle_id, latest.c.value, latest.c.reported_on)
        .join(Commitment, Commitment.id == Indicator.commitment_id)
        .outerjoin(latest, latest.c.indicator_id == Indicator.id)
        .where(in_cycles)
    )
    found: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for indicator, cycle_id, value, reported_on in rows:
        found[cycle_id][track_of(indicator, value, reported_on)] += 1
    return found


def _overdue(cycles: dict[int, Cycle], now: datetime):
    followed = [c.id for c in cycles.values() if phase_at(c, now) in FOLLOWED_PHASES]
    if not followed:
        return {}
    today = local_day(now)
    rows = db.session.execute(
        select(
            Commitment.id,
            Commitment.cycle_id,
            Commitment.check_in_interval_days,
            func.max(CheckIn.reported_on),
        )
        .outerjoin(
            CheckIn, and_(CheckIn.commitment_id == Commitment.id, CheckIn.hidden_at.is_(None))
        )
        .where(Commitment.cycle_id.in_(followed), Commitment.status.in_(UNDECIDED))
        .group_by(Commitment.id, Commitment.cycle_id, Commitment.check_in_interval_days)
    )
    late_values = overdue_commitment_ids(now, cycle_ids=followed)
    found: dict[int, int] = defaultdict(int)
    for commitment_id, cycle_id, interval_days, last_on in rows:
        if commitment_id in late_values or is_overdue(
            cycles[cycle_id], interval_days, last_on, today
        ):
            found[cycle_id] += 1
    return found


def is_overdue(cycle: Cycle, interval_days: int, last_on: date | None, today: date) -> bool:
    """A followed commitment's latest check-in (or, without any, the start of testing) is
    older than its check-in interval (see the module's docstring)."""
    since = last_on or local_day(cycle.testing_starts_at)
    return today - since > timedelta(days=interval_days)


def list_arena_rows(year: int, now: datetime) -> list[ArenaRow]:
    """Every arena with its cycle of `year` (or none) and that cycle's figures."""
    rows = [
        ArenaRow(arena, cycle)
        for arena, cycle in db.session.execute(
            select(Arena, Cycle)
            .outerjoin(Cycle, and_(Cycle.arena_id == Arena.id, Cycle.year == year))
            .order_by(Arena.sort_order, Arena.name, Arena.id)
        )
    ]
    cycles = {r.cycle.id: r.cycle for r in rows if r.cycle is not None}
    if not cycles:
        return rows
    _fill(rows, list(cycles), cycles, now)
    return rows


def _fill(rows: list[ArenaRow], ids: list[int], cycles: dict[int, Cycle], now: datetime) -> None:
    counts = _counts(ids, local_day(now))
    participants, workshops = _participants(ids), _workshops(ids)
    commitments, indicators = _commitments(ids), _indicators(ids)
    overdue = _overdue(cycles, now)
    for row in rows:
        if row.cycle is None:
            continue
        cid = row.cycle.id
        row.phase = phase_at(row.cycle, now)
        row.results_public = results_are_public(row.cycle, now)
        row.online_participants = participants.get(cid, 0)
        row.workshop_participants, row.workshops = workshops.get(cid, (0, 0))
        row.proposals = counts["proposals"].get(cid, 0)
        if row.results_public:
            row.supports = counts["supports"].get(cid, 0)
            row.workshop_votes = int(counts["votes"].get(cid) or 0)
        row.commitments_by_status, row.adopted_in = commitments.get(cid, ({}, 0))
        tracks = indicators.get(cid, {})
        row.on_track, row.off_track = tracks.get("on_track", 0), tracks.get("off_track", 0)
        row.no_data = tracks.get("no_data", 0)
        row.check_ins, row.overdue = counts["check_ins"].get(cid, 0), overdue.get(cid, 0)
        row.adopted_out = counts["adopted_out"].get(cid, 0)
