"""Who may change a commitment and its follow-up, and when: each rule says why not.

Owners are the people listed as owners and the members of the owning
organisations. They, and the arena's facilitators, manage the commitment's
indicators and post measured check-ins; only facilitators edit the commitment's
own fields. Texts and indicators stay open from selection (an adopted
commitment from its adoption) until the cycle closes (owners and places change
during a year of testing, and the review may need a corrected text). Check-ins
are taken while the cycle is tested and reviewed: before testing there is
nothing to measure, and after the cycle closes its result stands. Joining
("I'm in") and leaving are open while the commitment is planned or being
tested; telling what you did is open while check-ins are taken and the
commitment has not ended.

Every `why_not_*` returns the translated reason, or None when it is allowed;
the matching `can_*` is "no reason". Rules read only what they are given.
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import format_date
from flask_babel import gettext as _

from arena.arenas.phases import Action, phase_allows
from arena.commitments.models import OPEN_STATUSES, Commitment
from arena.core.permissions import is_facilitator_of, is_signed_in
from arena.core.time import local_day


def is_owner(user, commitment: Commitment) -> bool:
    """Listed as an owner, or a member of an owning organisation."""
    if not is_signed_in(user):
        return False
    if any(u.id == user.id for u in commitment.owner_users):
        return True
    return any(m.user_id == user.id for o in commitment.owner_organisations for m in o.members)


def is_manager(user, commitment: Commitment) -> bool:
    """Owners and the arena's facilitators manage indicators and measured check-ins."""
    return is_facilitator_of(user, commitment.arena) or is_owner(user, commitment)


def is_open_for_changes(commitment: Commitment, now: datetime) -> bool:
    """Texts, owners and indicators change from selection until the cycle closes.

    An adopted commitment belongs to the receiving arena's cycle, which it joins
    before that cycle's testing starts: it is open from its adoption on, so the
    receiving facilitators can correct its text and targets at once.
    """
    action = Action.EDIT_ADOPTED_COMMITMENT if commitment.origin_id else Action.EDIT_COMMITMENT
    return phase_allows(commitment.cycle, action, now)


def is_taking_check_ins(commitment: Commitment, now: datetime) -> bool:
    """Check-ins are taken while the cycle is tested and reviewed."""
    return phase_allows(commitment.cycle, Action.CHECK_IN, now)


def has_ended(commitment: Commitment, now: datetime) -> bool:
    """Reviewed (no longer planned or being tested), or past its own end date."""
    if commitment.status not in OPEN_STATUSES:
        return True
    return commitment.ends_on is not None and local_day(now) > commitment.ends_on


def is_open_for_pledges(commitment: Commitment, now: datetime) -> bool:
    """People and organisations join and leave until it has ended."""
    return not has_ended(commitment, now)


def _closed_for_changes(commitment: Commitment, now: datetime) -> str | None:
    if is_open_for_changes(commitment, now):
        return None
    return _("This commitment's cycle has closed, so the commitment can no longer be changed.")


def _closed_for_check_ins(commitment: Commitment, now: datetime) -> str | None:
    if is_taking_check_ins(commitment, now):
        return None
    cycle = commitment.cycle
    if now < cycle.testing_starts_at:
        return _(
            "Check-ins open when testing starts on %(date)s.",
            date=format_date(cycle.testing_starts_at, "long"),
        )
    return _("This commitment's cycle has closed; check-ins are no longer taken.")


def _closed_for_pledges(commitment: Commitment, now: datetime) -> str | None:
    if is_open_for_pledges(commitment, now):
        return None
    return _("This commitment has ended, so joining and leaving are closed.")


def _ended_for_residents(commitment: Commitment, now: datetime) -> str | None:
    if not has_ended(commitment, now):
        return None
    return _("This commitment has ended, so there is nothing more to tell about it.")


def why_not_edit(user, commitment: Commitment, *, now: datetime) -> str | None:
    """The arena's facilitators edit the commitment's own fields."""
    if not is_facilitator_of(user, commitment.arena):
        return _("Only the facilitators of %(arena)s can do this.", arena=commitment.arena.name)
    return _closed_for_changes(commitment, now)


def can_edit(user, commitment: Commitment, *, now: datetime) -> bool:
    return why_not_edit(user, commitment, now=now) is None


def why_not_manage_indicators(user, commitment: Commitment, *, now: datetime) -> str | None:
    if not is_manager(user, commitment):
        return _("Only the commitment's owners and the arena's facilitators can do this.")
    return _closed_for_changes(commitment, now)


def can_manage_indicators(user, commitment: Commitment, *, now: datetime) -> bool:
    return why_not_manage_indicators(user, commitment, now=now) is None


def why_not_post_measurement(user, commitment: Commitment, *, now: datetime) -> str | None:
    if not is_manager(user, commitment):
        return _(
            "Only the commitment's owners and the arena's facilitators can post measured check-ins."
        )
    return _closed_for_check_ins(commitment, now)


def can_post_measurement(user, commitment: Commitment, *, now: datetime) -> bool:
    return why_not_post_measurement(user, commitment, now=now) is None


def is_participant(user, commitment: Commitment, *, has_pledged: bool) -> bool:
    """Connected to the arena, or joined this commitment (`has_pledged`, looked up by
    the caller)."""
    return is_signed_in(user) and (user.is_connected_to(commitment.arena) or has_pledged)


def why_not_post_resident(
    user, commitment: Commitment, *, now: datetime, has_pledged: bool
) -> str | None:
    """People taking part in the arena, or who joined the commitment, tell what they did
    while check-ins are taken, until the commitment has ended."""
    if not is_participant(user, commitment, has_pledged=has_pledged):
        return _(
            "Only people taking part in %(arena)s, or who have joined this commitment, "
            "can tell what they did.",
            arena=commitment.arena.name,
        )
    return _closed_for_check_ins(commitment, now) or _ended_for_residents(commitment, now)


def can_post_resident(user, commitment: Commitment, *, now: datetime, has_pledged: bool) -> bool:
    return why_not_post_resident(user, commitment, now=now, has_pledged=has_pledged) is None


def is_connected(user, commitment: Commitment) -> bool:
    return is_signed_in(user) and user.is_connected_to(commitment.arena)


def why_not_pledge(user, commitment: Commitment, *, now: datetime) -> str | None:
    """People connected to the arena join its commitments for themselves."""
    if not is_connected(user, commitment):
        return _(
            "Tell us how you are connected to %(arena)s to join its commitments.",
            arena=commitment.arena.name,
        )
    return _closed_for_pledges(commitment, now)


def can_pledge(user, commitment: Commitment, *, now: datetime) -> bool:
    return why_not_pledge(user, commitment, now=now) is None


def why_not_unpledge(user, commitment: Commitment, *, now: datetime) -> str | None:
    if not is_signed_in(user):
        return _("Sign in to leave a commitment.")
    return _closed_for_pledges(commitment, now)


def why_not_act_for(
    user, organisation, commitment: Commitment, *, is_member: bool, now: datetime
) -> str | None:
    """Members of an organisation (`is_member`, looked up by the caller) join and leave
    on its behalf."""
    if not (is_signed_in(user) and is_member):
        return _("Only members of %(name)s can do this.", name=organisation.name)
    return _closed_for_pledges(commitment, now)
