"""The mail an invitation sends: only to an account that has the address, in its language."""

from flask_babel import lazy_gettext as _l

from arena.accounts.services import find_user_by_email
from arena.mail.outbox import external_url, queue_for_user
from arena.organisations.models import INVITATION_LIFETIME, OrganisationInvitation


def tell_invitee(invitation: OrganisationInvitation) -> None:
    """Mail the owner of the invited address, if an account has it. An address without
    an account gets nothing: the site mails only people who signed up."""
    person = find_user_by_email(invitation.email)
    if person is None or not person.is_active:
        return
    queue_for_user(
        person,
        "organisation_invitation",
        subject=_l(
            "Invitation to join %(organisation)s", organisation=invitation.organisation.name
        ),
        organisation=invitation.organisation,
        invitation=invitation,
        link=external_url("organisations.invitations"),
        days=INVITATION_LIFETIME.days,
    )
