"""Granting and revoking roles; every change is in the audit log."""

from flask_babel import gettext as _
from sqlalchemy import delete, select

from arena.accounts.models import FacilitatorRole, User
from arena.accounts.services import find_user_by_email
from arena.arenas.models import Arena
from arena.audit import services as audit
from arena.core.database import insert_ignoring_duplicates
from arena.core.errors import ActionRefused
from arena.extensions import db

ROLES = ("facilitator", "staff", "admin")


def _change_role(actor, user, role, arena, *, granted: bool, source: str) -> bool:
    changed = _set_role(user, role, arena, granted=granted)
    if changed:
        key = "role.grant" if granted else "role.revoke"
        audit.record(actor, key, arena=arena, target=user, role=role, source=source)
    return changed


def grant_role(
    actor, user: User, role: str, arena: Arena | None = None, *, source: str = "web"
) -> bool:
    """Give `user` the role; True when it is new. Facilitator roles need an arena."""
    return _change_role(actor, user, role, arena, granted=True, source=source)


def grant_role_by_email(actor, email: str, role: str, arena: Arena | None) -> tuple[User, bool]:
    """The roles page: the person is named by the e-mail address of their account."""
    user = find_user_by_email(email)
    if user is None:
        raise ActionRefused(
            status=409, problems={"email": _("No account has this e-mail address.")}
        )
    return user, grant_role(actor, user, role, arena if role == "facilitator" else None)


def revoke_role(
    actor, user: User, role: str, arena: Arena | None = None, *, source: str = "web"
) -> bool:
    """Take the role away; True when the user had it. No admin can demote themselves,
    so there is always someone left to manage roles."""
    if user.id == getattr(actor, "id", None) and role == "admin":
        raise ActionRefused(_("You cannot take the administrator role from yourself."), 409)
    return _change_role(actor, user, role, arena, granted=False, source=source)


def _set_role(user: User, role: str, arena: Arena | None, *, granted: bool) -> bool:
    if role not in ROLES:
        raise ActionRefused(_("Unknown role."), 400)
    if role == "facilitator":
        if arena is None:
            raise ActionRefused(
                status=400,
                problems={"arena": _("Choose the arena the person will facilitate.")},
            )
        if granted:
            changed = insert_ignoring_duplicates(
                FacilitatorRole, user_id=user.id, arena_id=arena.id
            )
        else:
            removed = db.session.execute(
                delete(FacilitatorRole).where(
                    FacilitatorRole.user_id == user.id, FacilitatorRole.arena_id == arena.id
                )
            )
            changed = removed.rowcount == 1
        db.session.expire(user, ["facilitator_roles"])
        return changed
    attribute = "is_staff" if role == "staff" else "is_admin"
    changed = getattr(user, attribute) != granted
    setattr(user, attribute, granted)
    return changed


def list_facilitator_roles() -> list[FacilitatorRole]:
    return list(
        db.session.scalars(
            select(FacilitatorRole)
            .join(FacilitatorRole.arena)
            .join(FacilitatorRole.user)
            .order_by(Arena.sort_order, Arena.name, User.display_name)
        )
    )


def list_role_holders() -> list[User]:
    """Staff and admins, for the roles page."""
    return list(
        db.session.scalars(
            select(User).where(User.is_staff | User.is_admin).order_by(User.display_name)
        )
    )
