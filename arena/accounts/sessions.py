"""Starting and ending signed-in sessions, and ending them on the server.

A session cookie carries the account's id *and* its session token (`User.get_id()`),
and every request compares that token with the stored one. Changing the token
(`end_all_sessions`) therefore ends every session of the account at once, also in
copies of the cookie: sign-out, "sign out everywhere", a reset or changed password,
and account deletion do it.

`start_session` and `end_session` touch the browser's session and only views call
them; `end_all_sessions` changes the account, inside the caller's transaction.
"""

from flask import session
from flask_login import current_user, login_user, logout_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from arena.accounts.models import User, new_session_token
from arena.core.database import fits_integer_column
from arena.extensions import db, login


@login.user_loader
def load_user(session_id: str) -> User | None:
    """The account a session cookie names, if its token is still the account's own and
    the account is not deleted. Plain ids (cookies from before tokens) are refused."""
    user_id, _, token = (session_id or "").partition(":")
    if not user_id.isdigit() or not token or not fits_integer_column(int(user_id)):
        return None
    user = _with_roles(int(user_id))
    if user is None or not user.is_active or not user.has_session_token(token):
        return None
    return user


def _with_roles(user_id: int) -> User | None:
    """The account with its arena connections and facilitator roles, in one statement:
    most pages ask what the person may do in an arena, and each collection loaded
    on its own would be one more round trip to the database on every page."""
    return (
        db.session.scalars(
            select(User)
            .where(User.id == user_id)
            .options(joinedload(User.connections), joinedload(User.facilitator_roles))
        )
        .unique()
        .one_or_none()
    )


def end_all_sessions(user: User) -> None:
    """End every session of `user`, on every device: a new session token, so every
    cookie made before stops working. Part of the caller's transaction (commit it).

    For other features too: account deletion, a changed password or address. To keep
    the person signed in on this device afterwards, call `start_session(user)` after
    the commit."""
    user.session_token = new_session_token()


def start_session(user) -> None:
    """Sign `user` in with a fresh session (against session fixation). The language
    choice is a cookie of its own (arena.i18n.LANGUAGE_COOKIE), so it stays."""
    session.clear()
    login_user(user)


def end_session() -> None:
    """Sign out in this browser. Views that want copies of the cookie refused as well
    call `end_all_sessions(current_user)` and commit first (sign-out does)."""
    logout_user()
    session.clear()


def signed_in_user() -> User | None:
    """The signed-in account (the real row, not Flask-Login's proxy), or None."""
    return current_user._get_current_object() if current_user.is_authenticated else None
