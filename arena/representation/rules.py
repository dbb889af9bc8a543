"""Who may see the representation pages: counts by group are for those who run
the arenas, never for the public."""

from __future__ import annotations

from arena.core.permissions import is_facilitator_of, is_staff


def can_view_arena(user, arena) -> bool:
    """The arena's facilitators, city staff and admins."""
    return is_staff(user) or is_facilitator_of(user, arena)


def can_view_city(user) -> bool:
    """City staff and admins."""
    return is_staff(user)
