"""Limits on guessing and flooding, with Flask-Limiter: the table in `table.py` is
put on the other features' views once they are registered (this package comes last
in FEATURES), and a refusal is the 429 page in the person's language.

Each app gets a Limiter of its own: Flask-Limiter keeps its storage and switches on
the instance, so one module-level Limiter shared by several apps in one process (the
tests build many) would count every app's requests in the last app's store.
Settings (arena/config.py):

- ARENA_RATELIMIT_STORAGE_URL → RATELIMIT_STORAGE_URI: memory:// by default (one
  process); in production redis://127.0.0.1:6379/0, so that every app instance
  (gunicorn workers, several machines) shares one count.
- ARENA_RATELIMIT_KEY_PREFIX → RATELIMIT_KEY_PREFIX ("arena"): keeps two sites, or
  two test runs, on one Redis apart.
- ARENA_RATELIMIT_ENABLED=0 → RATELIMIT_ENABLED False: no limits at all (the tests'
  default, see tests/conftest.py; tests/limits switch them on).
- ARENA_PROXY_COUNT → PROXY_COUNT (0): behind a reverse proxy (nginx, a load
  balancer) every request comes from the proxy's address, so per-address limits
  would hold everybody together. Set it to the number of proxies in front of the app
  and werkzeug's ProxyFix takes the client's address from that many X-Forwarded-For
  hops (and the scheme from X-Forwarded-Proto). Never set it higher than the real
  number of proxies: the rest of the header is whatever the client wrote.
"""

import functools
import time

from flask import current_app
from flask_limiter import Limiter, RateLimitExceeded

from arena.core.errors import render_too_many_requests
from arena.limits.failures import count_failure, wait_after_failures
from arena.limits.keys import KEYS, client_address, is_anonymous
from arena.limits.table import ACCESS_CODES, LIMITS, READ_LIMITS, Rule

EXTENSION = "arena.limits"
# What the 429 page says when the store cannot tell when the window ends.
FALLBACK_WAIT_SECONDS = 15 * 60

__all__ = [
    "ACCESS_CODES",
    "LIMITS",
    "count_failure",
    "current_limiter",
    "init_app",
    "limited_endpoints",
    "wait_after_failures",
]


def current_limiter() -> Limiter:
    return current_app.extensions[EXTENSION]


def init_app(app) -> None:
    limiter = Limiter(key_func=client_address)
    limiter.init_app(app)
    app.extensions[EXTENSION] = limiter
    app.extensions[f"{EXTENSION}.endpoints"] = apply_limits(app, limiter)
    app.register_error_handler(RateLimitExceeded, too_many_requests)


def _own_wrapper(view, endpoint: str):
    """A function of the endpoint's own to put limits on: Flask-Limiter files limits
    under the function's name, and two endpoints may share one function."""

    @functools.wraps(view)
    def limited(*args, **kwargs):
        return view(*args, **kwargs)

    limited.__qualname__ = f"{view.__qualname__}[{endpoint}]"
    return limited


def _limit(limiter: Limiter, rule: Rule):
    return limiter.limit(
        rule.rate,
        key_func=KEYS[rule.by],
        scope=rule.by,
        methods=["POST"],
        exempt_when=is_anonymous if rule.by == "user" else None,
    )


def apply_limits(app, limiter: Limiter) -> set[str]:
    """Wrap each endpoint of the table; return those that exist. An endpoint not
    (yet) registered is skipped: tests/limits lists which ones, so none is forgotten."""
    applied = set()
    for read in READ_LIMITS:
        # One count over all the blueprint's views: a shared limit with one scope.
        shared = limiter.shared_limit(
            read.rate, scope=f"read:{read.blueprint}", key_func=KEYS[read.by], methods=["GET"]
        )
        for endpoint, view in list(app.view_functions.items()):
            if endpoint.startswith(f"{read.blueprint}."):
                app.view_functions[endpoint] = shared(_own_wrapper(view, endpoint))
    for rule in LIMITS:
        view = app.view_functions.get(rule.endpoint)
        if view is None:
            continue
        if rule.endpoint not in applied:
            view = _own_wrapper(view, rule.endpoint)
        app.view_functions[rule.endpoint] = _limit(limiter, rule)(view)
        applied.add(rule.endpoint)
    return applied


def limited_endpoints() -> set[str]:
    """The endpoints of the table that this app has and limits."""
    return set(current_app.extensions[f"{EXTENSION}.endpoints"])


def too_many_requests(error: RateLimitExceeded):
    breached = current_limiter().current_limit
    try:
        # The window's own end, not `reset_at`, which rounds a second up (16 minutes
        # for a 15-minute window).
        wait = breached.window.reset_time - time.time() if breached else FALLBACK_WAIT_SECONDS
    except Exception:  # the store went away between the count and this page
        current_app.logger.exception("Could not read when the limit ends")
        wait = FALLBACK_WAIT_SECONDS
    return render_too_many_requests(wait)
