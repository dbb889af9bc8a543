"""Who may decide on proposals, and when: each rule says why not, or None.

Selection happens in the selection phase only: after voting has closed (so the
result is known and public) and before testing starts. It does not run on into
testing: from then on the commitments are being carried out and residents join
them, so a decision changed after the fact would rewrite a result people have
already acted on. A facilitator who needs more time moves the date testing
starts, which is one visible, audited change to the cycle rather than a quiet
exception to the rule.
"""

from datetime import datetime

from flask_babel import format_date
from flask_babel import gettext as _

from arena.arenas.models import Cycle
from arena.arenas.phases import Action, phase_allows
from arena.core.permissions import is_facilitator_of
from arena.proposals.models import Proposal, ProposalStatus

DECIDED = (ProposalStatus.SELECTED, ProposalStatus.NOT_SELECTED)


def is_selection_on(cycle: Cycle, *, now: datetime) -> bool:
    """Whether the cycle is in its selection phase (for everyone, not only facilitators)."""
    return phase_allows(cycle, Action.SELECT, now)


def why_not_manage_selection(user, cycle: Cycle, *, now: datetime) -> str | None:
    """The arena's facilitators, while the cycle is in its selection phase."""
    arena = cycle.arena
    if not is_facilitator_of(user, arena):
        return _("Only the facilitators of %(arena)s can do this.", arena=arena.name)
    if is_selection_on(cycle, now=now):
        return None
    dates = {
        "arena": arena.name,
        "start": format_date(cycle.voting_closes_at, "long"),
        "end": format_date(cycle.testing_starts_at, "long"),
    }
    if now < cycle.voting_closes_at:
        return _("Selection in %(arena)s starts when voting closes on %(start)s.", **dates)
    return _(
        "Selection in %(arena)s ended when testing started on %(end)s. To keep "
        "selecting, move the date testing starts.",
        **dates,
    )


def can_manage_selection(user, cycle: Cycle, *, now: datetime) -> bool:
    return why_not_manage_selection(user, cycle, now=now) is None


def why_not_decide(user, proposal: Proposal, *, now: datetime) -> str | None:
    """Published and visible proposals only: hidden, merged and withdrawn ones are not
    decided on, and a decided one is undone first."""
    reason = why_not_manage_selection(user, proposal.cycle, now=now)
    if reason:
        return reason
    if proposal.status in DECIDED:
        return _("This proposal has already been decided on. Undo that decision first.")
    if proposal.status != ProposalStatus.PUBLISHED or proposal.is_hidden:
        return _("Hidden, merged and withdrawn proposals are not decided on.")
    return None


def can_decide(user, proposal: Proposal, *, now: datetime) -> bool:
    return why_not_decide(user, proposal, now=now) is None


def why_not_undo(user, proposal: Proposal, *, now: datetime) -> str | None:
    reason = why_not_manage_selection(user, proposal.cycle, now=now)
    if reason:
        return reason
    if proposal.status not in DECIDED:
        return _("This proposal has not been decided on.")
    return None


def can_undo(user, proposal: Proposal, *, now: datetime) -> bool:
    return why_not_undo(user, proposal, now=now) is None
