"""Who may report and moderate what, and when. Pure predicates: no writes.

Anyone signed in may report a proposal or a comment. Moderation is for the
facilitators of the arena the item belongs to, and only theirs: admins and
staff get no moderation powers by their role. Merging moves supports, so it
is possible only before the result is published (proposing and voting).
"""

from datetime import datetime

from arena.arenas.models import Arena
from arena.arenas.phases import Phase, phase_at
from arena.core.permissions import can_read_audit_log, is_facilitator_of, is_signed_in
from arena.proposals.models import Comment, Proposal, ProposalStatus

__all__ = [
    "MERGE_PHASES",
    "arena_of",
    "can_dismiss",
    "can_hide",
    "can_merge",
    "can_merge_into",
    "can_moderate",
    "can_read_audit_log",
    "can_report",
    "can_restore",
    "kind_of",
]

MERGE_PHASES = (Phase.PROPOSING, Phase.VOTING)


def kind_of(item: Proposal | Comment) -> str:
    return "proposal" if isinstance(item, Proposal) else "comment"


def arena_of(item: Proposal | Comment) -> Arena:
    proposal = item if isinstance(item, Proposal) else item.proposal
    return proposal.cycle.arena


def can_report(user, item: Proposal | Comment) -> bool:
    """Signed-in people report what they can see; hidden items wait for the facilitators already."""
    return is_signed_in(user) and not item.is_hidden


def can_moderate(user, arena: Arena) -> bool:
    return is_facilitator_of(user, arena)


def can_hide(user, item: Proposal | Comment) -> bool:
    """A facilitator hides a visible item, or confirms an automatic hide with their own reason."""
    return can_moderate(user, arena_of(item)) and (not item.is_hidden or item.is_auto_hidden)


def can_restore(user, item: Proposal | Comment) -> bool:
    return can_moderate(user, arena_of(item)) and item.is_hidden


def can_dismiss(user, item: Proposal | Comment, open_reports: int) -> bool:
    return can_moderate(user, arena_of(item)) and open_reports > 0


def can_merge(user, proposal: Proposal, *, now: datetime) -> bool:
    """A published proposal can be merged into a duplicate while proposing or voting is open."""
    return (
        can_moderate(user, proposal.cycle.arena)
        and proposal.status == ProposalStatus.PUBLISHED
        and phase_at(proposal.cycle, now) in MERGE_PHASES
    )


def can_merge_into(user, source: Proposal, target: Proposal, *, now: datetime) -> bool:
    """Only into another visible, published proposal of the same cycle."""
    return (
        can_merge(user, source, now=now)
        and target.id != source.id
        and target.cycle_id == source.cycle_id
        and target.status == ProposalStatus.PUBLISHED
        and not target.is_hidden
    )
