"""Who may do what with proposals, and when. Pure rules: no writes, no queries.

Each rule is one function, `why_not_<verb>(user, obj, *, now)`, that returns
the translated reason the action is refused, or None when it is allowed;
`can_<verb>` is derived from it. The services raise that same reason, and the
pages show it beside the disabled action, so the three never disagree.

The reasons are given in this order: the phase first, because declaring a
connection would not help while the phase is closed; then the proposal's
state; then the connection; then a verified address (accounts.rules), which is
what is left to do once the person takes part in the arena.
"""

from datetime import datetime, timedelta

from flask_babel import gettext as _

from arena.accounts.rules import why_not_verified
from arena.arenas.models import Cycle
from arena.arenas.phases import Action, phase_allows, results_are_public, why_not_in_phase
from arena.core.permissions import is_signed_in
from arena.proposals.models import Comment, Proposal, ProposalStatus


def _is_participant(user, cycle: Cycle) -> bool:
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and user.is_connected_to(cycle.arena)
    )


def why_not_connected(user, cycle: Cycle) -> str | None:
    """Taking part in an arena needs a declared connection to it (lives, works, studies)."""
    if _is_participant(user, cycle):
        return None
    return _(
        "Tell us how you are connected to %(arena)s before you take part there.",
        arena=cycle.arena.name,
    )


def allowed(why_not):
    """`can_<verb>` from `why_not_<verb>`: allowed exactly when there is no reason against."""

    def can(*args, **kwargs) -> bool:
        return why_not(*args, **kwargs) is None

    can.__name__ = why_not.__name__.replace("why_not_", "can_")
    can.__doc__ = why_not.__doc__
    return can


def why_not_propose(user, cycle: Cycle, *, now: datetime) -> str | None:
    """Anyone connected to the arena, with a verified address, may propose while the
    cycle is in its proposing phase."""
    return (
        why_not_in_phase(cycle, Action.PROPOSE, now)
        or why_not_connected(user, cycle)
        or why_not_verified(user)
    )


def why_not_support_in(user, cycle: Cycle, *, now: datetime) -> str | None:
    """Connected people with a verified address support proposals of the cycle while
    voting is open."""
    return (
        why_not_in_phase(cycle, Action.SUPPORT, now)
        or why_not_connected(user, cycle)
        or why_not_verified(user)
    )


def why_not_support(user, proposal: Proposal, *, now: datetime) -> str | None:
    """Connected people support published, visible proposals while voting is open."""
    cycle = proposal.cycle
    if reason := why_not_in_phase(cycle, Action.SUPPORT, now):
        return reason
    if proposal.status != ProposalStatus.PUBLISHED or proposal.is_hidden:
        return _("This proposal can no longer be supported.")
    return why_not_connected(user, cycle) or why_not_verified(user)


def why_not_withdraw_support(user, proposal: Proposal, *, now: datetime) -> str | None:
    """A support can be taken back only while voting is still open."""
    cycle = proposal.cycle
    return why_not_in_phase(cycle, Action.WITHDRAW_SUPPORT, now) or why_not_connected(user, cycle)


can_propose = allowed(why_not_propose)
can_support_in = allowed(why_not_support_in)
can_support = allowed(why_not_support)
can_withdraw_support = allowed(why_not_withdraw_support)


def is_voting_open(cycle: Cycle, *, now: datetime) -> bool:
    return phase_allows(cycle, Action.SUPPORT, now)


def is_proposing_open(cycle: Cycle, *, now: datetime) -> bool:
    return phase_allows(cycle, Action.PROPOSE, now)


def can_see_results(cycle: Cycle, *, now: datetime) -> bool:
    return results_are_public(cycle, now)


def is_visible(proposal: Proposal) -> bool:
    """Hidden and merged proposals keep their page, but not their place in lists."""
    return not proposal.is_hidden and proposal.status != ProposalStatus.MERGED


# --- comments ---------------------------------------------------------------------

# Merged proposals send the conversation to the proposal they were merged into.
COMMENTABLE_STATUSES = (
    ProposalStatus.PUBLISHED,
    ProposalStatus.SELECTED,
    ProposalStatus.NOT_SELECTED,
)


def why_not_take_comments(proposal: Proposal) -> str | None:
    """Visible proposals that are still discussed take comments (whatever the phase)."""
    if proposal.is_hidden or proposal.status not in COMMENTABLE_STATUSES:
        return _("This proposal is not open for comments.")
    return None


def is_open_for_comments(proposal: Proposal, *, now: datetime) -> bool:
    return why_not_take_comments(proposal) is None and phase_allows(
        proposal.cycle, Action.COMMENT, now
    )


def why_not_comment(user, proposal: Proposal, *, now: datetime) -> str | None:
    """People connected to the arena, with a verified address, comment on visible
    proposals while the cycle is proposing, voting or selecting."""
    return (
        why_not_take_comments(proposal)
        or why_not_in_phase(proposal.cycle, Action.COMMENT, now)
        or why_not_connected(user, proposal.cycle)
        or why_not_verified(user)
    )


def why_not_reply(user, comment: Comment, *, now: datetime) -> str | None:
    """Replying is commenting, on a comment that is not hidden."""
    if reason := why_not_comment(user, comment.proposal, now=now):
        return reason
    thread = comment.parent or comment
    if thread.is_hidden or comment.is_hidden:
        return _("Hidden comments cannot be replied to.")
    return None


def why_not_edit_comment(user, comment: Comment, *, now: datetime, window: timedelta) -> str | None:
    """Only the author, only within the edit window, and never once it is hidden."""
    if not is_signed_in(user) or comment.author_id != user.id:
        return _("Only the author can edit a comment.")
    if comment.is_hidden:
        return _("A hidden comment cannot be edited.")
    if now >= comment.created_at + window:
        return _(
            "Comments can only be edited in the first %(minutes)d minutes.",
            minutes=window // timedelta(minutes=1),
        )
    return None


can_comment = allowed(why_not_comment)
can_reply = allowed(why_not_reply)
can_edit_comment = allowed(why_not_edit_comment)
