"""Who holds which powers. Facilitator powers stop at the arena's border.

Admins manage roles but do not moderate by virtue of being admin: an admin who
needs to facilitate grants themselves the role, and that grant is in the audit log.
"""

from flask_babel import gettext as _

from arena.core.errors import ActionRefused


def is_signed_in(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_facilitator_of(user, arena) -> bool:
    return is_signed_in(user) and user.facilitates(arena)


def is_admin(user) -> bool:
    return is_signed_in(user) and user.is_admin


def is_staff(user) -> bool:
    return is_signed_in(user) and (user.is_staff or user.is_admin)


def can_read_audit_log(user, arena) -> bool:
    """Facilitators of the arena, city staff and admins can read who did what."""
    return is_facilitator_of(user, arena) or is_staff(user)


def require_facilitator(user, arena) -> None:
    if not is_facilitator_of(user, arena):
        raise ActionRefused(_("Only the facilitators of %(arena)s can do this.", arena=arena.name))


def require_admin(user) -> None:
    if not is_admin(user):
        raise ActionRefused(_("Only administrators can do this."))
