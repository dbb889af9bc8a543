"""Addresses whose answers are the same for everyone: no session cookie is set and no
`Vary: Cookie` is sent there, so any cache may keep one copy for all.

Flask marks the session as read on every request (Flask-Login looks at it after each
one), and a read session makes Flask add `Vary: Cookie`; this interface skips saving
the session under the prefixes features register with `answer_without_session`.
"""

from flask import request
from flask.sessions import SecureCookieSessionInterface

STATELESS = "arena.stateless_prefixes"


def answer_without_session(app, prefix: str) -> None:
    app.extensions.setdefault(STATELESS, set()).add(prefix)


class SessionUnlessStateless(SecureCookieSessionInterface):
    def save_session(self, app, session, response) -> None:
        if any(request.path.startswith(p) for p in app.extensions.get(STATELESS, ())):
            return
        super().save_session(app, session, response)
