"""Who may do what with organisations. Pure predicates: no writes.

Anyone signed in can add their organisation to the directory and becomes its
admin; the organisation's admins edit it and invite members; a person becomes a
member only by accepting an invitation sent to their confirmed address; a
facilitator of an arena where the organisation is active can mark it verified.
"""

from urllib.parse import urlsplit

from flask_babel import gettext as _

# Invitations go to an address; only an account that has shown it owns the address
# may see and answer them, so signing up with someone else's address gains nothing.
from arena.accounts.rules import has_confirmed_address
from arena.core.permissions import is_facilitator_of, is_signed_in
from arena.organisations.models import Organisation, OrganisationInvitation


def membership(user, organisation: Organisation):
    if not is_signed_in(user):
        return None
    return next((m for m in organisation.members if m.user_id == user.id), None)


def can_create_organisation(user) -> bool:
    return is_signed_in(user)


def can_edit_organisation(user, organisation: Organisation) -> bool:
    """Only the organisation's own admins change its entry and its members."""
    member = membership(user, organisation)
    return member is not None and member.is_admin


can_manage_members = can_edit_organisation


def is_invitee(user, invitation: OrganisationInvitation) -> bool:
    return has_confirmed_address(user) and user.email == invitation.email


def why_not_answer_invitation(user, invitation: OrganisationInvitation, *, now) -> str | None:
    """The invited person accepts or declines while the invitation lasts."""
    if not is_invitee(user, invitation):
        return _("This invitation is not addressed to you.")
    if invitation.is_expired(now):
        return _("This invitation has expired. Ask the organisation to invite you again.")
    return None


def can_answer_invitation(user, invitation: OrganisationInvitation, *, now) -> bool:
    return why_not_answer_invitation(user, invitation, now=now) is None


def masked_address(email: str) -> str:
    """An address as admins see it among pending invitations: enough to recognise
    the one they typed ("h***@example.org"), not the whole of someone's address."""
    local, _at, domain = email.partition("@")
    return f"{local[:1]}***@{domain}" if domain else "***"


def verifying_arenas(user, organisation: Organisation) -> list:
    """The organisation's arenas that `user` facilitates."""
    return [arena for arena in organisation.arenas if is_facilitator_of(user, arena)]


def can_verify(user, organisation: Organisation) -> bool:
    """A facilitator of an arena where the organisation is active vouches for it."""
    return bool(verifying_arenas(user, organisation))


def is_web_address(value: str | None) -> bool:
    """Only http and https links are shown: other schemes (javascript:, data:) can do harm."""
    if not value:
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname) and " " not in value
