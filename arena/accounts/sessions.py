"""Starting and ending a signed-in session. Not a service: it touches the browser's
session, not the database, so only views call it."""

from flask import session
from flask_login import login_user, logout_user

from arena import i18n


def _keeping_language(change) -> None:
    # A fresh session on sign-in prevents session fixation; keep the language choice.
    language = session.get(i18n.SESSION_KEY)
    change()
    if language:
        session[i18n.SESSION_KEY] = language


def start_session(user) -> None:
    """Sign `user` in with a fresh session."""

    def change():
        session.clear()
        login_user(user)

    _keeping_language(change)


def end_session() -> None:
    def change():
        logout_user()
        session.clear()

    _keeping_language(change)
