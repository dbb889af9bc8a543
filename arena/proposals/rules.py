"""Who may do what with proposals, and when. Pure predicates: no writes.

Templates call these same predicates to show or hide actions, and services
call them again before changing anything.
"""

from datetime import datetime

from arena.arenas.models import Cycle
from arena.arenas.phases import Phase, phase_at, results_are_public
from arena.proposals.models import Proposal, ProposalStatus


def _is_participant(user, cycle: Cycle) -> bool:
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and user.is_connected_to(cycle.arena)
    )


def can_propose(user, cycle: Cycle, *, now: datetime) -> bool:
    """Anyone connected to the arena may propose while the cycle is in its proposing phase."""
    return phase_at(cycle, now) == Phase.PROPOSING and _is_participant(user, cycle)


def can_support(user, proposal: Proposal, *, now: datetime) -> bool:
    """Connected people support published proposals while voting is open."""
    return (
        phase_at(proposal.cycle, now) == Phase.VOTING
        and proposal.status == ProposalStatus.PUBLISHED
        and not proposal.is_hidden
        and _is_participant(user, proposal.cycle)
    )


def can_withdraw_support(user, proposal: Proposal, *, now: datetime) -> bool:
    """A support can be taken back only while voting is still open."""
    return phase_at(proposal.cycle, now) == Phase.VOTING and _is_participant(user, proposal.cycle)


def can_see_results(cycle: Cycle, *, now: datetime) -> bool:
    return results_are_public(cycle, now)


def is_visible(proposal: Proposal) -> bool:
    """Hidden and merged proposals keep their page, but not their place in lists."""
    return not proposal.is_hidden and proposal.status != ProposalStatus.MERGED
