"""Who may follow what."""

from __future__ import annotations

from flask_babel import gettext as _

from arena.core.permissions import is_signed_in


def why_not_follow(user, target) -> str | None:
    """Any signed-in person may follow an arena, a proposal or a commitment they can
    see; a hidden proposal cannot be followed (its followers keep following it)."""
    if not is_signed_in(user):
        return _("Sign in to follow.")
    if getattr(target, "is_hidden", False):
        return _("A hidden proposal cannot be followed.")
    return None


def can_follow(user, target) -> bool:
    return why_not_follow(user, target) is None
