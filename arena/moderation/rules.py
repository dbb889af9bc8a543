"""Who may report and moderate what, and when. Pure rules: no writes, no queries.

Each rule is `why_not_<verb>` (the translated reason, None when allowed) with
`can_<verb>` derived from it.

Anyone signed in may report a proposal or a comment. Moderation is for the
facilitators of the arena the item belongs to, and only theirs: admins and
staff get no moderation powers by their role. Merging moves supports, so it
is possible only before the result is published (proposing and voting).
"""

from datetime import datetime

from flask_babel import gettext as _

from arena.arenas.models import Arena
from arena.arenas.phases import Action, why_not_in_phase
from arena.core.permissions import can_read_audit_log, is_facilitator_of, is_signed_in
from arena.proposals.models import Comment, Proposal, ProposalStatus
from arena.proposals.rules import allowed

__all__ = [
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
    "why_not_merge",
    "why_not_merge_into",
    "why_not_merge_source",
    "why_not_merge_target",
    "why_not_moderate",
]


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


def why_not_moderate(user, arena: Arena) -> str | None:
    """Only the arena's own facilitators moderate it."""
    if is_facilitator_of(user, arena):
        return None
    return _("Only the facilitators of %(arena)s can do this.", arena=arena.name)


def why_not_merge_source(proposal: Proposal) -> str | None:
    """Only a published proposal that has not been merged can be merged away."""
    if proposal.status == ProposalStatus.MERGED:
        return _("This proposal has already been merged into another.")
    if proposal.status != ProposalStatus.PUBLISHED:
        return _("Only a published proposal can be merged into another.")
    return None


def why_not_merge_target(source: Proposal, target: Proposal) -> str | None:
    """Only into another visible, published proposal of the same cycle."""
    if target.id == source.id:
        return _("A proposal cannot be merged into itself.")
    if target.cycle_id != source.cycle_id:
        return _("Proposals can only be merged with another proposal of the same arena and cycle.")
    if target.status == ProposalStatus.MERGED:
        return _("That proposal has itself been merged into another.")
    if target.is_hidden:
        return _("A proposal cannot be merged into a hidden proposal.")
    if target.status != ProposalStatus.PUBLISHED:
        return _("Proposals can only be merged into a published proposal.")
    return None


def why_not_merge(user, proposal: Proposal, *, now: datetime) -> str | None:
    """A published proposal can be merged into a duplicate while proposing or voting is open."""
    return (
        why_not_moderate(user, proposal.cycle.arena)
        or why_not_in_phase(proposal.cycle, Action.MERGE, now)
        or why_not_merge_source(proposal)
    )


def why_not_merge_into(user, source: Proposal, target: Proposal, *, now: datetime) -> str | None:
    return why_not_merge(user, source, now=now) or why_not_merge_target(source, target)


can_merge = allowed(why_not_merge)
can_merge_into = allowed(why_not_merge_into)
