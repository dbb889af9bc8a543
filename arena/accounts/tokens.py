"""Signed links sent by mail: verify an address, reset a password, confirm a change.

A token carries the account id and a fingerprint of the account's state that the
link is about (its password hash, its address). When that state changes, the
fingerprint no longer matches and the link stops working: a reset link works once,
because using it changes the password. `max_age` limits how long a link lives.
"""

from __future__ import annotations

import hashlib

from flask import current_app
from itsdangerous import BadData, URLSafeTimedSerializer

from arena.extensions import db


def fingerprint(*values: str | None) -> str:
    """A short digest of the state a link depends on (never the state itself)."""
    joined = "\x1f".join(value or "" for value in values)
    return hashlib.sha256(joined.encode()).hexdigest()[:16]


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"arena.{purpose}")


def sign(purpose: str, user, state: str, **data) -> str:
    """A token for `purpose` ("verify", "reset", "email-change"…) bound to `user` and to
    `state` (from `fingerprint(...)`), with any extra `data` (e.g. the new address)."""
    return _serializer(purpose).dumps({"u": user.id, "s": state, **data})


def read(purpose: str, token: str, *, max_age: int, state_of) -> tuple[object, dict] | None:
    """(user, data) for a valid token, else None: bad signature, too old, unknown or
    deleted account, or `state_of(user, data)` no longer gives the signed fingerprint."""
    from arena.accounts.models import User

    try:
        data = _serializer(purpose).loads(token, max_age=max_age)
    except BadData:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return None
    user = db.session.get(User, data["u"])
    if user is None or not user.is_active or state_of(user, data) != data.get("s"):
        return None
    return user, data
