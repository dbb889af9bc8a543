"""Who may decide on proposals, and when. Pure predicates: no writes.

Selection happens in the selection phase only: after voting has closed (so the
result is known and public) and before testing starts. It does not run on into
testing: from then on the commitments are being carried out and residents join
them, so a decision changed after the fact would rewrite a result people have
already acted on. A facilitator who needs more time moves the date testing
starts, which is one visible, audited change to the cycle rather than a quiet
exception to the rule.
"""

from datetime import datetime

from arena.arenas.models import Cycle
from arena.arenas.phases import Phase, phase_at
from arena.core.permissions import is_facilitator_of
from arena.proposals.models import Proposal, ProposalStatus

DECIDED = (ProposalStatus.SELECTED, ProposalStatus.NOT_SELECTED)


def can_decide_in(user, cycle: Cycle, *, now: datetime) -> bool:
    """The arena's facilitators, while the cycle is in its selection phase."""
    return phase_at(cycle, now) == Phase.SELECTION and is_facilitator_of(user, cycle.arena)


def is_open_for_decision(proposal: Proposal) -> bool:
    """Published and visible: hidden, merged and withdrawn proposals are not decided on."""
    return proposal.status == ProposalStatus.PUBLISHED and not proposal.is_hidden


def can_decide(user, proposal: Proposal, *, now: datetime) -> bool:
    return can_decide_in(user, proposal.cycle, now=now) and is_open_for_decision(proposal)


def can_undo_decision(user, proposal: Proposal, *, now: datetime) -> bool:
    return can_decide_in(user, proposal.cycle, now=now) and proposal.status in DECIDED
