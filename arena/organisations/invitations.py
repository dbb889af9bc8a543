"""Membership by invitation: the only code that turns an address into a member.

An admin types an address; the organisation stores an invitation to that address
and answers the same whatever the address is, so the form tells nobody who has an
account. If an account has the address, its owner gets a mail in their language;
once the address is confirmed, they see the invitation and accept or decline it.
Nobody is a member (listed, counted, acting for the organisation) before accepting.
"""

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from arena.accounts.services import normalise_email
from arena.audit import services as audit
from arena.core.errors import ActionRefused
from arena.extensions import db
from arena.organisations import mail, rules
from arena.organisations.models import (
    INVITATION_LIFETIME,
    Organisation,
    OrganisationInvitation,
    OrganisationMember,
)


def _arena_of(organisation: Organisation):
    """The arena whose audit log shows the organisation's actions (its first one)."""
    return organisation.arenas[0] if organisation.arenas else None


def _flush_or_refuse() -> None:
    # Two answers or invitations racing each other meet the unique constraints.
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise ActionRefused(
            _("Something changed at the same time. Please try again."), 409
        ) from None


def invite_member(
    user, organisation: Organisation, *, email: str, is_admin: bool = False, now
) -> OrganisationInvitation:
    """Invite the owner of `email` to join, as admin or not.

    The same happens whether or not an account has the address: an invitation is
    stored (renewed if the earlier one had expired), and only an existing account
    is mailed, once per invitation. Asking again while one is pending changes the
    role offered and sends nothing.
    """
    if not rules.can_manage_members(user, organisation):
        raise ActionRefused(_("Only the organisation's admins can invite members."))
    address = normalise_email(email)
    invitation = next((i for i in organisation.invitations if i.email == address), None)
    is_new = invitation is None or invitation.is_expired(now)
    if invitation is None:
        invitation = OrganisationInvitation(email=address)
        organisation.invitations.append(invitation)
    invitation.is_admin = bool(is_admin)
    invitation.invited_by_id = user.id
    if is_new:
        invitation.created_at = now
        invitation.expires_at = now + INVITATION_LIFETIME
    audit.record(
        user,
        "organisation.invite",
        arena=_arena_of(organisation),
        target=organisation,
        name=organisation.name,
        is_admin=invitation.is_admin,
    )
    _flush_or_refuse()
    if is_new:
        mail.tell_invitee(invitation)
    return invitation


def _ensure_can_answer(user, invitation: OrganisationInvitation, now) -> None:
    if not rules.is_invitee(user, invitation):
        raise ActionRefused(rules.why_not_answer_invitation(user, invitation, now=now), 404)
    reason = rules.why_not_answer_invitation(user, invitation, now=now)
    if reason is not None:
        raise ActionRefused(reason, 409)


def accept_invitation(user, invitation: OrganisationInvitation, *, now) -> OrganisationMember:
    """The invited person joins with the role offered. Someone who is already a
    member keeps their membership, and becomes admin if that was offered."""
    _ensure_can_answer(user, invitation, now)
    organisation = invitation.organisation
    member = rules.membership(user, organisation)
    if member is None:
        member = OrganisationMember(user_id=user.id, is_admin=invitation.is_admin)
        organisation.members.append(member)
    elif invitation.is_admin:
        member.is_admin = True
    organisation.invitations.remove(invitation)
    audit.record(
        user,
        "organisation.accept",
        arena=_arena_of(organisation),
        target=organisation,
        name=organisation.name,
        is_admin=member.is_admin,
    )
    _flush_or_refuse()
    return member


def decline_invitation(user, invitation: OrganisationInvitation, *, now) -> None:
    """The invited person says no: the invitation goes, nothing else changes."""
    if not rules.is_invitee(user, invitation):
        raise ActionRefused(rules.why_not_answer_invitation(user, invitation, now=now), 404)
    organisation = invitation.organisation
    organisation.invitations.remove(invitation)
    audit.record(
        user,
        "organisation.decline",
        arena=_arena_of(organisation),
        target=organisation,
        name=organisation.name,
    )
    _flush_or_refuse()


def withdraw_invitation(user, organisation: Organisation, invitation: OrganisationInvitation):
    """An admin takes back an invitation that has not been answered."""
    if not rules.can_manage_members(user, organisation):
        raise ActionRefused(_("Only the organisation's admins can withdraw invitations."))
    organisation.invitations.remove(invitation)
    audit.record(
        user,
        "organisation.withdraw_invitation",
        arena=_arena_of(organisation),
        target=organisation,
        name=organisation.name,
    )
    _flush_or_refuse()


def forget_address(email: str | None) -> int:
    """Delete every invitation to `email` (for account deletion: the address is erased
    everywhere, including offers nobody has answered). Returns how many went."""
    if not email:
        return 0
    doomed = list(
        db.session.scalars(
            select(OrganisationInvitation).where(
                OrganisationInvitation.email == normalise_email(email)
            )
        )
    )
    for invitation in doomed:
        db.session.delete(invitation)
    db.session.flush()
    return len(doomed)
