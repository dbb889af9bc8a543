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

from arena.arenas.models import Arena, Cycle
from arena.arenas.phases import Phase, phase_at, results_are_public
from arena.core.permissions import is_facilitator_of
from arena.workshops.models import Workshop

PROPOSAL_PHASES = (Phase.PROPOSING, Phase.VOTING)
TALLY_PHASES = (Phase.PROPOSING, Phase.VOTING, Phase.SELECTION)


def can_manage_workshops(user, arena: Arena) -> bool:
    """Sees the facilitator's links and forms on the arena's workshop pages."""
    return is_facilitator_of(user, arena)


def can_record_workshop(user, cycle: Cycle, *, now: datetime) -> bool:
    """The arena's facilitators record workshops of a cycle until it closes."""
    return is_facilitator_of(user, cycle.arena) and phase_at(cycle, now) != Phase.CLOSED


def can_edit_workshop(user, workshop: Workshop, *, now: datetime) -> bool:
    return can_record_workshop(user, workshop.cycle, now=now)


def has_started(workshop: Workshop, *, now: datetime) -> bool:
    return workshop.held_at <= now


def can_enter_proposal(user, workshop: Workshop, *, now: datetime) -> bool:
    """Paper proposals are typed in while proposing or voting is open."""
    return (
        is_facilitator_of(user, workshop.cycle.arena)
        and phase_at(workshop.cycle, now) in PROPOSAL_PHASES
        and has_started(workshop, now=now)
    )


def counts_as_vote(workshop: Workshop) -> bool:
    """Dots put up after the online vote closed would be votes cast too late."""
    return workshop.held_at < workshop.cycle.voting_closes_at


def can_save_tallies(user, workshop: Workshop, *, now: datetime) -> bool:
    """Dot votes are entered while proposing, voting or selection is open."""
    return (
        is_facilitator_of(user, workshop.cycle.arena)
        and phase_at(workshop.cycle, now) in TALLY_PHASES
        and has_started(workshop, now=now)
        and counts_as_vote(workshop)
    )


def can_see_tallies(workshop: Workshop, *, now: datetime) -> bool:
    """Workshop votes are published when online support counts are: once voting has
    closed, so that neither kind of count sways people while they still vote."""
    return results_are_public(workshop.cycle, now)


def can_generate_codes(user, arena: Arena) -> bool:
    """Access codes let people take part in the arena; its facilitators hand them out,
    in any phase, since an account outlives a cycle."""
    return is_facilitator_of(user, arena)
