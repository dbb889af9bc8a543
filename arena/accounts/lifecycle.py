"""Changes over an account's life that arrive by mail: verifying the address, a
forgotten password. Services: they change data in the caller's transaction (the
view's `attempt`), queue mail with it, and never commit.
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _

from arena.accounts.mails import (
    queue_password_changed_mail,
    queue_password_reset_mail,
    queue_verification_mail,
)
from arena.accounts.services import find_user_by_email
from arena.accounts.sessions import end_all_sessions
from arena.core.errors import ActionRefused


def verify_address(user, *, now: datetime) -> None:
    """The person followed the link mailed to their address: it is theirs."""
    if user.verified_at is None:
        user.verified_at = now


def resend_verification(user):
    """Another verification mail for a signed-in account whose address is not verified
    yet (earlier links keep working until one of them is used)."""
    if user.is_verified:
        raise ActionRefused(_("Your e-mail address is already confirmed."), 409)
    if not user.email:
        raise ActionRefused(_("Your account has no e-mail address."), 409)
    return queue_verification_mail(user)


def request_password_reset(email: str) -> None:
    """A reset link for the active account with this address, if there is one. Returns
    nothing, so that no page can tell whether there was."""
    user = find_user_by_email(email)
    if user is not None and user.is_active:
        queue_password_reset_mail(user)


def reset_password(user, password: str, *, now: datetime) -> None:
    """A new password from a reset link: every session ends (a new session token), the
    link stops working (the hash changed), the owner is told by mail. Following the
    link proved the address, so it counts as verified."""
    user.set_password(password)
    end_all_sessions(user)
    verify_address(user, now=now)
    queue_password_changed_mail(user)
