"""Deleting one's own account: what a person wrote stays, who they are goes.

The account row stays as a tombstone (no e-mail, password, name or language), so
proposals, comments and check-ins keep their author and show "Deleted user". What
the person *chose* — supports, support budgets, pledges — moves to a new stand-in
account of its own that nothing else points at: every count, every unique
(proposal, person) pair and every "how many different people" figure stays exactly
as it was, and yet nobody can tell which content and which supports were one
person's. Profile answers, connections, roles, organisation memberships and mail
waiting for the address are deleted.
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select, update

from arena.accounts import roles, sessions
from arena.accounts.models import ArenaConnection, FacilitatorRole, User
from arena.arenas.statistics_models import StatisticsUpload
from arena.audit import services as audit
from arena.commitments.models import Pledge
from arena.core.errors import ActionRefused
from arena.decidim.models import DecidimUpload
from arena.extensions import db
from arena.following import services as following
from arena.mail import outbox
from arena.mail.models import OutboxMessage
from arena.organisations import invitations
from arena.organisations.models import OrganisationMember
from arena.proposals.models import Participation, Support
from arena.representation import services as representation
from arena.workshops import codes
from arena.workshops.models import AccessCode

# The rows that record a choice the person made, moved to the stand-in account.
CHOICES = (
    (Support, Support.user_id),
    (Participation, Participation.user_id),
    (Pledge, Pledge.user_id),
)


def why_not_delete_account(user) -> str | None:
    """The last administrator cannot leave: nobody could give the role to anyone again."""
    if not getattr(user, "is_authenticated", False) or user.deleted_at is not None:
        return _("Sign in to delete your account.")
    if user.is_admin:
        others = db.session.scalar(
            select(func.count())
            .select_from(User)
            .where(User.is_admin, User.id != user.id, User.deleted_at.is_(None))
        )
        if not others:
            return _(
                "You are the only administrator. Give the administrator role to someone "
                "else first, so that the site can still be managed."
            )
    return None


def can_delete_account(user) -> bool:
    return why_not_delete_account(user) is None


def needs_access_code(user) -> bool:
    """Accounts made from a workshop's access code confirm with the code, not a password."""
    return not user.password_hash


def check_credential(user, secret: str | None) -> bool:
    """The password, or for an account without one, the access code that made it
    (even after the code expired: it proves who the person is, it signs nobody in)."""
    if not secret:
        return False
    if not needs_access_code(user):
        return user.check_password(secret)
    normalised = codes.normalise(secret)
    if not codes.is_well_formed(normalised):
        return False
    found = db.session.scalar(
        select(AccessCode.id).where(
            AccessCode.redeemed_by_id == user.id,
            AccessCode.code_hash == codes.hash_code(normalised),
        )
    )
    return found is not None


def delete_account(user, *, secret: str | None, now: datetime) -> None:
    """Erase the person's account after they confirmed with their password (or code).

    Irreversible. Refused, changing nothing, for a wrong credential or the last
    administrator. The view signs the browser out after the commit.
    """
    reason = why_not_delete_account(user)
    if reason:
        raise ActionRefused(reason, 409)
    if not check_credential(user, secret):
        field = "code" if needs_access_code(user) else "password"
        message = (
            _("That is not the access code of your account.")
            if field == "code"
            else _("The password is wrong.")
        )
        raise ActionRefused(status=400, problems={field: message})
    _say_goodbye(user)
    _drop_roles(user)
    _move_choices_to_stand_in(user, now)
    _erase_personal_rows(user)
    following.erase_following(user)
    audit.record(user, "account.delete")
    user.email = None
    user.password_hash = None
    user.stored_name = ""
    user.preferred_language = None
    user.deleted_at = now
    _end_every_session(user)
    db.session.flush()


def _say_goodbye(user) -> None:
    # Mail still waiting for the address goes; the confirmation is the last message.
    if user.email:
        db.session.execute(delete(OutboxMessage).where(OutboxMessage.to_address == user.email))
        invitations.forget_address(user.email)
    outbox.queue_for_user(user, "account_deleted", subject=_l("Your account on Arena is deleted"))


def _drop_roles(user) -> None:
    """Each role taken away is in the arena's audit log, under the person's pseudonym."""
    for role in list(user.facilitator_roles):
        roles._change_role(
            user, user, "facilitator", role.arena, granted=False, source="account_deletion"
        )
    for role, held in (("staff", user.is_staff), ("admin", user.is_admin)):
        if held:
            roles._change_role(user, user, role, None, granted=False, source="account_deletion")


def _move_choices_to_stand_in(user, now: datetime) -> None:
    stand_in = User(stored_name="", created_at=now, deleted_at=now)
    db.session.add(stand_in)
    db.session.flush()
    for model, column in CHOICES:
        db.session.execute(
            update(model)
            .where(column == user.id)
            .values({column.key: stand_in.id})
            .execution_options(synchronize_session=False)
        )


def _erase_personal_rows(user) -> None:
    representation.erase_answers(user)
    for model, column in (
        (ArenaConnection, ArenaConnection.user_id),
        (FacilitatorRole, FacilitatorRole.user_id),
        (OrganisationMember, OrganisationMember.user_id),
        (StatisticsUpload, StatisticsUpload.uploaded_by_id),
        (DecidimUpload, DecidimUpload.uploaded_by_id),
    ):
        db.session.execute(delete(model).where(column == user.id))
    db.session.expire(user, ["connections", "facilitator_roles"])


def _end_every_session(user) -> None:
    """A copied cookie of the deleted account stops working at once, on every device."""
    sessions.end_all_sessions(user)
