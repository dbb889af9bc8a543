"""The only code that changes organisations and their members.

Services re-check the rules, change rows and flush; views commit once. New
members come only through an accepted invitation (see `invitations`).
"""

from flask_babel import gettext as _

from arena.audit import services as audit
from arena.core.database import added
from arena.core.errors import ActionRefused
from arena.extensions import db
from arena.i18n import ORGANISATION_KIND_LABELS
from arena.organisations import rules
from arena.organisations.models import Organisation, OrganisationMember


def _check_fields(kind: str, website: str | None, arenas: list) -> None:
    problems = {}
    if kind not in ORGANISATION_KIND_LABELS:
        problems["kind"] = _("Choose the kind of organisation.")
    if website and not rules.is_web_address(website):
        problems["website"] = _("Enter a web address that starts with https:// or http://.")
    if not arenas:
        problems["arenas"] = _("Choose at least one arena.")
    if problems:
        raise ActionRefused(status=400, problems=problems)


def _describe(
    organisation: Organisation,
    *,
    name: str,
    kind: str,
    description: str,
    activities: str,
    website: str | None,
    arenas: list,
) -> None:
    _check_fields(kind, website, arenas)
    organisation.name = name
    organisation.kind = kind
    organisation.description = description
    organisation.activities = activities
    organisation.website = website or None
    organisation.arenas = list(arenas)


def create_organisation(user, **fields) -> Organisation:
    """Add an organisation to the directory; the person who adds it becomes its admin.
    `fields`: name, kind, description, activities, website and arenas."""
    if not rules.can_create_organisation(user):
        raise ActionRefused(_("Sign in to add an organisation."))
    organisation = Organisation()
    _describe(organisation, **fields)
    organisation.members = [OrganisationMember(user_id=user.id, is_admin=True)]
    return added(organisation)


def update_organisation(user, organisation: Organisation, **fields) -> None:
    if not rules.can_edit_organisation(user, organisation):
        raise ActionRefused(_("Only the organisation's admins can change it."))
    _describe(organisation, **fields)
    db.session.flush()


def remove_member(user, organisation: Organisation, member: OrganisationMember) -> None:
    """Members can be removed, but an organisation always keeps at least one admin."""
    if not rules.can_manage_members(user, organisation):
        raise ActionRefused(_("Only the organisation's admins can remove members."))
    admins = [m for m in organisation.members if m.is_admin]
    if member.is_admin and len(admins) <= 1:
        raise ActionRefused(
            _("The organisation needs at least one admin. Make someone else admin first."), 409
        )
    organisation.members.remove(member)
    db.session.flush()


def set_verified(user, organisation: Organisation, verified: bool, *, reason: str = "") -> bool:
    """A facilitator vouches for (or withdraws the badge of) an organisation active in
    their arena; True when something changed. Written to the audit log."""
    arenas = rules.verifying_arenas(user, organisation)
    if not arenas:
        raise ActionRefused(
            _("Only facilitators of an arena where the organisation is active can verify it.")
        )
    if organisation.is_verified == verified:
        return False
    organisation.is_verified = verified
    audit.record(
        user,
        "organisation.verify" if verified else "organisation.unverify",
        arena=arenas[0],
        target=organisation,
        reason=reason,
        name=organisation.name,
    )
    db.session.flush()
    return True
