"""Who may record what from in-person workshops, and when. Pure predicates: no writes.

Only the arena's own facilitators record workshops; being admin or city staff
gives no such power. What may be recorded follows the cycle's phase:

- a workshop itself (date, place, participants, notes) can be recorded and
  corrected in every phase until the cycle closes: it is a record of what
  happened, and a kick-off may be planned before proposing opens;
- proposals from paper can be typed in while proposing *or voting* is open.
  Paper takes days to type up, so a workshop held at the end of proposing is
  often entered after voting opened, and people who came to a workshop during
  voting should not lose their idea for having no e-mail. Such a proposal can
  still be supported online for the rest of the voting phase. Once voting has
  closed the result is published, and adding proposals then would change a
  finished vote;
- dot-vote tallies can be entered while proposing, voting or selection is
  open: facilitators need the numbers for the selection, and a workshop on the
  last evening of voting is usually typed up in the days after. Only workshops
  held before voting closed count, and after selection the result is settled;
- a workshop's input can only be entered once the workshop has started.
"""

from datetime import datetime

from flask_babel import format_date, format_datetime
from flask_babel import gettext as _

from arena.arenas.models import Arena, Cycle
from arena.arenas.phases import Phase, phase_at, results_are_public
from arena.core.permissions import is_facilitator_of
from arena.workshops.models import Workshop

PROPOSAL_PHASES = (Phase.PROPOSING, Phase.VOTING)
TALLY_PHASES = (Phase.PROPOSING, Phase.VOTING, Phase.SELECTION)


def _facilitators_only(arena: Arena) -> str:
    return _("Only the facilitators of %(arena)s can do this.", arena=arena.name)


def can_manage_workshops(user, arena: Arena) -> bool:
    """Sees the facilitator's links and forms on the arena's workshop pages."""
    return is_facilitator_of(user, arena)


def can_record_workshop(user, cycle: Cycle, *, now: datetime) -> bool:
    """The arena's facilitators record workshops of a cycle until it closes."""
    return is_facilitator_of(user, cycle.arena) and phase_at(cycle, now) != Phase.CLOSED


def why_not_record_workshop(user, cycle: Cycle, *, now: datetime) -> str | None:
    if not is_facilitator_of(user, cycle.arena):
        return _facilitators_only(cycle.arena)
    if phase_at(cycle, now) == Phase.CLOSED:
        return _(
            "The %(year)d cycle in %(arena)s has closed, so its workshops can no longer be "
            "changed.",
            year=cycle.year,
            arena=cycle.arena.name,
        )
    return None


def can_edit_workshop(user, workshop: Workshop, *, now: datetime) -> bool:
    return can_record_workshop(user, workshop.cycle, now=now)


def has_started(workshop: Workshop, *, now: datetime) -> bool:
    return workshop.held_at <= now


def counts_as_vote(workshop: Workshop) -> bool:
    """Dots put up after the online vote closed would be votes cast too late."""
    return workshop.held_at < workshop.cycle.voting_closes_at


# What stands in the way of entering a workshop's input, checked in this order.
NOT_FACILITATOR, UPCOMING, OVER, NOT_STARTED, TOO_LATE = (
    "not_facilitator",
    "upcoming",
    "over",
    "not_started",
    "too_late",
)


def _input_blocker(user, workshop: Workshop, now: datetime, phases) -> str | None:
    """Which of the above keeps the user from entering input in `phases` now."""
    phase = phase_at(workshop.cycle, now)
    if not is_facilitator_of(user, workshop.cycle.arena):
        return NOT_FACILITATOR
    if phase == Phase.UPCOMING:
        return UPCOMING
    if phase not in phases:
        return OVER
    if not has_started(workshop, now=now):
        return NOT_STARTED
    return None


def _tally_blocker(user, workshop: Workshop, now: datetime) -> str | None:
    blocker = _input_blocker(user, workshop, now, TALLY_PHASES)
    if blocker is None and not counts_as_vote(workshop):
        return TOO_LATE
    return blocker


def can_enter_proposal(user, workshop: Workshop, *, now: datetime) -> bool:
    """Paper proposals are typed in while proposing or voting is open."""
    return _input_blocker(user, workshop, now, PROPOSAL_PHASES) is None


def can_save_tallies(user, workshop: Workshop, *, now: datetime) -> bool:
    """Dot votes are entered while proposing, voting or selection is open, for
    workshops held before voting closed."""
    return _tally_blocker(user, workshop, now) is None


def _input_reason(blocker: str | None, workshop: Workshop, messages: dict) -> str | None:
    cycle = workshop.cycle
    if blocker is None:
        return None
    if blocker == NOT_FACILITATOR:
        return _facilitators_only(cycle.arena)
    if blocker == NOT_STARTED:
        return _(
            "This workshop has not started yet (%(date)s). Correct its date, or come back "
            "afterwards.",
            date=format_datetime(workshop.held_at, "short"),
        )
    when = cycle.proposing_opens_at if blocker == UPCOMING else cycle.voting_closes_at
    return messages[blocker] % {"arena": cycle.arena.name, "date": format_date(when, "long")}


def why_not_enter_proposal(user, workshop: Workshop, *, now: datetime) -> str | None:
    messages = {
        UPCOMING: _(
            "Proposals from workshops can be entered once proposing opens in %(arena)s on %(date)s."
        ),
        OVER: _("Voting in %(arena)s closed on %(date)s, so no more proposals can be added."),
    }
    return _input_reason(_input_blocker(user, workshop, now, PROPOSAL_PHASES), workshop, messages)


def why_not_save_tallies(user, workshop: Workshop, *, now: datetime) -> str | None:
    messages = {
        UPCOMING: _("Dot votes can be entered once proposing opens in %(arena)s on %(date)s."),
        OVER: _("The selection in %(arena)s is over, so dot votes can no longer be changed."),
        TOO_LATE: _(
            "This workshop took place after voting closed on %(date)s, so its dot votes cannot "
            "count."
        ),
    }
    return _input_reason(_tally_blocker(user, workshop, now), workshop, messages)


def can_see_tallies(workshop: Workshop, *, now: datetime) -> bool:
    """Workshop votes are published when online support counts are: once voting has
    closed, so that neither kind of count sways people while they still vote."""
    return results_are_public(workshop.cycle, now)


def can_generate_codes(user, arena: Arena) -> bool:
    """Access codes let people take part in the arena; its facilitators hand them out,
    in any phase, since an account outlives a cycle."""
    return is_facilitator_of(user, arena)


def why_not_generate_codes(user, arena: Arena) -> str | None:
    return None if can_generate_codes(user, arena) else _facilitators_only(arena)
