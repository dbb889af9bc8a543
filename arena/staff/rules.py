"""Who may use the staff area: city staff and administrators, nobody else."""

from flask_babel import gettext as _

from arena.core.permissions import is_staff


def why_not_use_staff_area(user) -> str | None:
    if is_staff(user):
        return None
    return _("Only city staff and administrators can open the staff area.")


def can_use_staff_area(user) -> bool:
    return why_not_use_staff_area(user) is None
