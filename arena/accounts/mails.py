"""The mail this package sends about an account, queued in the account's language.

Each function adds one message to the outbox in the caller's transaction (see
arena.mail.outbox); none of them commits or sends anything.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from arena.accounts import links
from arena.mail.outbox import external_url, queue_for_user


def queue_verification_mail(user):
    """The link that verifies `user`'s address (valid for links.VERIFY_MAX_AGE)."""
    return queue_for_user(
        user,
        "verify_email",
        subject=_l("Confirm your e-mail address"),
        link=external_url("accounts.verify_email", token=links.verification_token(user)),
        days=links.VERIFY_MAX_AGE.days,
    )


def queue_sign_up_attempt_mail(owner):
    """Someone signed up with an address that already has an account: tell its owner,
    never the person on the page."""
    return queue_for_user(
        owner,
        "sign_up_attempt",
        subject=_l("Someone tried to sign up with your e-mail address"),
        sign_in_link=external_url("accounts.sign_in"),
        reset_link=external_url("accounts.forgot_password"),
    )


def queue_password_reset_mail(user):
    """The link that lets `user` choose a new password (valid for an hour, once)."""
    return queue_for_user(
        user,
        "password_reset",
        subject=_l("Choose a new password"),
        link=external_url("accounts.reset_password", token=links.reset_token(user)),
        minutes=int(links.RESET_MAX_AGE.total_seconds() // 60),
    )


def queue_password_changed_mail(user):
    """The password was changed: if it was not the owner, they know and can act."""
    return queue_for_user(
        user,
        "password_changed",
        subject=_l("Your password was changed"),
        reset_link=external_url("accounts.forgot_password"),
    )
