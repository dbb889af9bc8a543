"""Telling people made from an access code that their code stops working soon.

On their pages: when the code expires within REMIND_DAYS and the account has no
e-mail address and password yet. By mail, once per code: accounts that have added
an address, so they know to sign in with it from then on.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from arena.accounts.models import User
from arena.extensions import db
from arena.mail import outbox
from arena.workshops.models import AccessCode

REMIND_DAYS = 14


def _soon(now: datetime):
    return (AccessCode.expires_at > now) & (
        AccessCode.expires_at <= now + timedelta(days=REMIND_DAYS)
    )


def needs_credentials(user) -> bool:
    """True for an account that cannot sign in without its access code."""
    return getattr(user, "is_authenticated", False) and (not user.email or not user.password_hash)


def code_expiry_notice(user, now: datetime) -> datetime | None:
    """When the code this account depends on stops working, if that is within
    REMIND_DAYS; None when there is nothing to tell."""
    if not needs_credentials(user):
        return None
    return db.session.scalar(
        select(AccessCode.expires_at).where(AccessCode.redeemed_by_id == user.id, _soon(now))
    )


def remind_expiring_codes(now: datetime) -> int:
    """Queue one reminder per code that expires within REMIND_DAYS, to its account's
    address; returns how many were queued. Each code is claimed with a conditional
    UPDATE, so two runs at once never send the same reminder twice."""
    due = db.session.execute(
        select(AccessCode.id, AccessCode.expires_at, User)
        .join(User, User.id == AccessCode.redeemed_by_id)
        .where(
            _soon(now),
            AccessCode.expiry_reminded_at.is_(None),
            User.email.is_not(None),
            User.deleted_at.is_(None),
        )
        .order_by(AccessCode.id)
    ).all()
    sent = 0
    for code_id, expires_at, user in due:
        claimed = db.session.execute(
            update(AccessCode)
            .where(AccessCode.id == code_id, AccessCode.expiry_reminded_at.is_(None))
            .values(expiry_reminded_at=now)
            .execution_options(synchronize_session=False)
        )
        if claimed.rowcount != 1:
            continue
        outbox.queue_for_user(
            user,
            "code_expiring",
            subject=_l("Your access code stops working soon"),
            expires_at=expires_at,
            has_password=bool(user.password_hash),
            sign_in_url=outbox.external_url("accounts.sign_in"),
            settings_url=outbox.external_url("accounts.settings"),
        )
        sent += 1
    return sent
