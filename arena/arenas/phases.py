"""The yearly cycle's phases, derived from its dates, and what each phase opens.

A cycle is *upcoming* before proposing opens and *closed* after it ends; in
between it moves through proposing → voting → selection → testing → review.
The phase is never stored: `phase_at(cycle, now)` works it out from the dates.

Which actions a phase opens is one table (adhocracy+'s idea), written per action
as `ACTION_PHASES` and read per phase as `PHASE_ACTIONS`:
rules ask it instead of comparing phases themselves, and so do templates
(through the rules), so "can I support now?" has one answer everywhere.

    phase_allows(cycle_or_phase, action, now=None) -> bool
        True when the phase (given, or the cycle's phase at `now`) opens `action`.
    why_not_in_phase(cycle, action, now) -> str | None
        None while the phase opens `action`; otherwise the translated reason,
        e.g. "Voting in Järva opens on 1 March 2027." before the action's window
        and "Voting in Järva closed on 31 March 2027." after it.
    window(cycle, action) -> (opens_at, closes_at)
        The instants the action's phases start and end (they are contiguous).

The reasons live in `PHASE_REASONS`: per action, the message shown before the
window opens and the one shown after it closes. A message may use
`%(arena)s`, `%(year)d`, `%(date)s` (the opening date before the window, the
closing date after it), `%(start)s` (the opening date) and `%(end)s` (the
closing date). An action without its own messages gets a general pair.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from flask_babel import format_date
from flask_babel import lazy_gettext as _l

from arena.core.time import local_day

if TYPE_CHECKING:
    from arena.arenas.models import Cycle


class Phase(enum.StrEnum):
    UPCOMING = "upcoming"
    PROPOSING = "proposing"
    VOTING = "voting"
    SELECTION = "selection"
    TESTING = "testing"
    REVIEW = "review"
    CLOSED = "closed"


# Each phase and the cycle date on which it starts, in order.
PHASE_STARTS = (
    (Phase.PROPOSING, "proposing_opens_at"),
    (Phase.VOTING, "voting_opens_at"),
    (Phase.SELECTION, "voting_closes_at"),
    (Phase.TESTING, "testing_starts_at"),
    (Phase.REVIEW, "review_starts_at"),
    (Phase.CLOSED, "closes_at"),
)
PHASE_ORDER = tuple(Phase)


class Action(enum.StrEnum):
    """Everything whose timing the cycle decides."""

    PROPOSE = "propose"
    SUPPORT = "support"
    WITHDRAW_SUPPORT = "withdraw_support"
    COMMENT = "comment"
    MERGE = "merge"
    RECORD_WORKSHOP = "record_workshop"
    ENTER_WORKSHOP_PROPOSAL = "enter_workshop_proposal"
    SAVE_TALLIES = "save_tallies"
    SELECT = "select"
    EDIT_COMMITMENT = "edit_commitment"
    EDIT_ADOPTED_COMMITMENT = "edit_adopted_commitment"
    CHECK_IN = "check_in"
    REVIEW = "review"
    ADOPT_INTO = "adopt_into"


_A, _P = Action, Phase
# The phases each action is open in; they follow each other.
ACTION_PHASES: dict[Action, tuple[Phase, ...]] = {
    _A.PROPOSE: (_P.PROPOSING,),
    _A.SUPPORT: (_P.VOTING,),
    _A.WITHDRAW_SUPPORT: (_P.VOTING,),
    _A.COMMENT: (_P.PROPOSING, _P.VOTING, _P.SELECTION),
    _A.MERGE: (_P.PROPOSING, _P.VOTING),
    _A.RECORD_WORKSHOP: (_P.UPCOMING, _P.PROPOSING, _P.VOTING, _P.SELECTION, _P.TESTING, _P.REVIEW),
    _A.ENTER_WORKSHOP_PROPOSAL: (_P.PROPOSING, _P.VOTING),
    _A.SAVE_TALLIES: (_P.PROPOSING, _P.VOTING, _P.SELECTION),
    _A.SELECT: (_P.SELECTION,),
    _A.EDIT_COMMITMENT: (_P.SELECTION, _P.TESTING, _P.REVIEW),
    # An adopted commitment arrives before its cycle's testing starts: the receiving
    # arena corrects its text and targets from then on.
    _A.EDIT_ADOPTED_COMMITMENT: (
        _P.UPCOMING,
        _P.PROPOSING,
        _P.VOTING,
        _P.SELECTION,
        _P.TESTING,
        _P.REVIEW,
    ),
    _A.CHECK_IN: (_P.TESTING, _P.REVIEW),
    _A.REVIEW: (_P.REVIEW,),
    # A cycle takes adopted commitments from other arenas until its testing starts.
    _A.ADOPT_INTO: (_P.UPCOMING, _P.PROPOSING, _P.VOTING, _P.SELECTION),
}
# The same table read the other way: which actions each phase opens.
PHASE_ACTIONS: dict[Phase, frozenset[Action]] = {
    phase: frozenset(action for action, phases in ACTION_PHASES.items() if phase in phases)
    for phase in Phase
}

# Per action: (the reason before its window opens, the reason after it closes).
PHASE_REASONS = {
    _A.PROPOSE: (
        _l("Proposing in %(arena)s opens on %(date)s."),
        _l("Proposing in %(arena)s closed on %(date)s."),
    ),
    _A.SUPPORT: (
        _l("Voting in %(arena)s opens on %(date)s."),
        _l("Voting in %(arena)s closed on %(date)s."),
    ),
    _A.COMMENT: (
        _l("Comments in %(arena)s are open while proposing, voting and selection are going on."),
    )
    * 2,
    _A.MERGE: (_l("Duplicates can be merged only while proposing or voting is open."),) * 2,
    _A.RECORD_WORKSHOP: (
        None,
        _l(
            "The %(year)d cycle in %(arena)s has closed, so its workshops can no longer be changed."
        ),
    ),
    _A.ENTER_WORKSHOP_PROPOSAL: (
        _l(
            "Proposals from workshops can be entered once proposing opens in %(arena)s on %(date)s."
        ),
        _l("Voting in %(arena)s closed on %(date)s, so no more proposals can be added."),
    ),
    _A.SAVE_TALLIES: (
        _l("Dot votes can be entered once proposing opens in %(arena)s on %(date)s."),
        _l("The selection in %(arena)s is over, so dot votes can no longer be changed."),
    ),
    _A.SELECT: (
        _l("Selection in %(arena)s starts when voting closes on %(start)s."),
        _l(
            "Selection in %(arena)s ended when testing started on %(end)s. To keep "
            "selecting, move the date testing starts."
        ),
    ),
    _A.EDIT_COMMITMENT: (
        None,
        _l("This commitment's cycle has closed, so the commitment can no longer be changed."),
    ),
    _A.CHECK_IN: (
        _l("Check-ins open when testing starts on %(date)s."),
        _l("This commitment's cycle has closed; check-ins are no longer taken."),
    ),
    _A.REVIEW: (
        _l("The review in %(arena)s starts on %(start)s."),
        _l("The review in %(arena)s ended on %(end)s."),
    ),
}
PHASE_REASONS[_A.WITHDRAW_SUPPORT] = PHASE_REASONS[_A.SUPPORT]
PHASE_REASONS[_A.EDIT_ADOPTED_COMMITMENT] = PHASE_REASONS[_A.EDIT_COMMITMENT]
GENERAL_REASONS = (
    _l("This opens in %(arena)s on %(date)s."),
    _l("This is no longer possible in %(arena)s: it closed on %(date)s."),
)


def phase_at(cycle: Cycle, now: datetime) -> Phase:
    """The phase the cycle is in at `now`; a phase includes its start instant."""
    current = Phase.UPCOMING
    for phase, attr in PHASE_STARTS:
        if now >= getattr(cycle, attr):
            current = phase
        else:
            break
    return current


def phases_for(action: Action) -> tuple[Phase, ...]:
    """The phases that open `action`, in order."""
    return ACTION_PHASES[action]


def phase_allows(
    cycle_or_phase: Cycle | Phase, action: Action, now: datetime | None = None
) -> bool:
    """Whether the phase (or the cycle's phase at `now`) opens `action`."""
    if isinstance(cycle_or_phase, Phase):
        phase = cycle_or_phase
    else:
        if now is None:
            raise TypeError("phase_allows needs `now` to work out a cycle's phase")
        phase = phase_at(cycle_or_phase, now)
    return action in PHASE_ACTIONS[phase]


def _start_of(cycle: Cycle, phase: Phase) -> datetime | None:
    return next((getattr(cycle, attr) for p, attr in PHASE_STARTS if p == phase), None)


def window(cycle: Cycle, action: Action) -> tuple[datetime | None, datetime | None]:
    """When the action's phases start and end; None for an open end (upcoming, closed)."""
    phases = phases_for(action)
    if not phases:
        return None, None
    opens = _start_of(cycle, phases[0])
    after = PHASE_ORDER.index(phases[-1]) + 1
    closes = _start_of(cycle, PHASE_ORDER[after]) if after < len(PHASE_ORDER) else None
    return opens, closes


def why_not_in_phase(cycle: Cycle, action: Action, now: datetime) -> str | None:
    """None while the cycle's phase opens `action`; else why not, in the user's language."""
    phase = phase_at(cycle, now)
    if action in PHASE_ACTIONS[phase]:
        return None
    opens, closes = window(cycle, action)
    too_early = opens is not None and now < opens
    before, after = PHASE_REASONS.get(action, GENERAL_REASONS)
    message = (before if too_early else after) or GENERAL_REASONS[0 if too_early else 1]
    values = {
        "arena": cycle.arena.name,
        "year": cycle.year,
        "start": format_date(opens, "long") if opens else "",
        "end": format_date(closes, "long") if closes else "",
    }
    values["date"] = values["start"] if too_early else values["end"]
    return str(message) % values


def last_open_day(ends_at: datetime) -> date:
    """The last day something open until `ends_at` is open: phases start at 00:00, so a
    phase ending on 26 December is last open on 25 December (never promise the 26th)."""
    return local_day(ends_at - timedelta(microseconds=1))


@dataclass(frozen=True)
class PhaseSpan:
    phase: Phase
    starts_at: datetime
    ends_at: datetime
    is_current: bool
    is_past: bool

    @property
    def last_day(self) -> date:
        """The phase's last open day (the day before the next phase starts)."""
        return last_open_day(self.ends_at)


def timeline(cycle: Cycle, now: datetime) -> list[PhaseSpan]:
    """The five working phases with their dates, for the arena page's timeline."""
    current = phase_at(cycle, now)
    spans = []
    for (phase, start_attr), (_next, end_attr) in zip(PHASE_STARTS, PHASE_STARTS[1:], strict=False):
        ends_at = getattr(cycle, end_attr)
        spans.append(
            PhaseSpan(
                phase=phase,
                starts_at=getattr(cycle, start_attr),
                ends_at=ends_at,
                is_current=phase == current,
                is_past=now >= ends_at,
            )
        )
    return spans


def results_are_public(cycle: Cycle, now: datetime) -> bool:
    """Support counts are published once voting has closed, not while people vote."""
    return now >= cycle.voting_closes_at
