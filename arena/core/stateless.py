"""No session, no cookie and no `Vary: Cookie` unless there is something to keep.

Flask marks the session as read on every request (Flask-Login looks at it after each
one), and a read session makes Flask add `Vary: Cookie`, even when it is empty. Here:

- an empty session nobody changed is not saved at all: an anonymous visitor who has
  not signed in or sent a form gets no cookie and no `Vary: Cookie`, so their page is
  the same for every anonymous visitor and can be cached (arena/core/pagecache.py;
  a signed-in person's pages say `Cache-Control: no-store`, and anonymous pages are
  kept by browsers only to be asked for again, so no cache mixes the two);
- under the prefixes features register with `answer_without_session` (the API, the
  health probes) the session is never saved: their answers are the same for everyone.
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
        if not session and not session.modified:
            return  # nothing to keep and nothing to delete
        super().save_session(app, session, response)
