"""The signed links this package mails: verify an address, reset a password.

Each link is bound to the state it is about (see accounts.tokens): a verification
link to the address and to its not being verified yet, so it works once and only for
that address; a reset link to the password hash, so it stops working once the
password changes, by this link or any other way.
"""

from __future__ import annotations

from datetime import timedelta

from arena.accounts import tokens

VERIFY_MAX_AGE = timedelta(days=7)
RESET_MAX_AGE = timedelta(hours=1)


def _verification_state(user, _data=None) -> str:
    return tokens.fingerprint("verify", user.email, "verified" if user.is_verified else None)


def _reset_state(user, _data=None) -> str:
    return tokens.fingerprint("reset", user.email, user.password_hash)


def verification_token(user) -> str:
    return tokens.sign("verify", user, _verification_state(user))


def user_for_verification_token(token: str):
    """The account a verification link is for, while the link is valid; else None."""
    found = tokens.read(
        "verify",
        token,
        max_age=int(VERIFY_MAX_AGE.total_seconds()),
        state_of=_verification_state,
    )
    return found[0] if found and found[0].email else None


def reset_token(user) -> str:
    return tokens.sign("reset", user, _reset_state(user))


def user_for_reset_token(token: str):
    """The account a password reset link is for, while the link is valid; else None."""
    found = tokens.read(
        "reset", token, max_age=int(RESET_MAX_AGE.total_seconds()), state_of=_reset_state
    )
    return found[0] if found and found[0].email else None
