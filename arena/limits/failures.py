"""Failed attempts counted on the server, for views that count only what fails
(a wrong access code), unlike the table's limits, which count every POST.

The count lives in the limiter's store (memory, or Redis shared by every app
instance), never in the client's cookie: resending an old cookie changes nothing.
"""

import time

from flask import current_app
from limits import parse_many

from arena.limits.keys import KEYS
from arena.limits.table import FAILURES


def _counted(name: str):
    rule = FAILURES[name]
    limiter = current_app.extensions["arena.limits"]
    prefix = current_app.config.get("RATELIMIT_KEY_PREFIX") or "arena"
    args = (prefix, KEYS[rule.by](), f"failures:{name.replace(' ', '-')}")
    return limiter, parse_many(rule.rate), args


def wait_after_failures(name: str) -> float | None:
    """Seconds to wait before another attempt, or None when attempts are allowed."""
    limiter, items, args = _counted(name)
    if not limiter.enabled:
        return None
    try:
        for item in items:
            if not limiter.limiter.test(item, *args):
                reset_at, _ = limiter.limiter.get_window_stats(item, *args)
                return max(1.0, reset_at - time.time())
    except Exception:
        # The store is unreachable: the table's own limit on the page still holds.
        current_app.logger.exception("Could not read the count of failed attempts")
    return None


def count_failure(name: str) -> None:
    limiter, items, args = _counted(name)
    if not limiter.enabled:
        return
    try:
        for item in items:
            limiter.limiter.hit(item, *args)
    except Exception:
        current_app.logger.exception("Could not count a failed attempt")
