"""Refusals that services raise, and the error pages shown in the user's language."""

import math

from flask import current_app, has_request_context, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, TooManyRequests

from arena.extensions import db


class ActionRefused(Exception):
    """A rule said no. `message` is translated and shown to the person as is.

    `problems` maps form fields to messages, so a view can show each one next to
    its field (`message` defaults to the first of them). `status` tells views
    whether the person may not do this at all (403), whether the thing is not
    there (404), or whether the data is in a state that makes the action moot
    (409: already supported, budget used up, a date out of order).
    """

    def __init__(self, message=None, status: int = 403, *, problems: dict | None = None):
        self.problems = dict(problems or {})
        if message is None:
            message = next(iter(self.problems.values()), "")
        super().__init__(str(message))
        self.message = message
        self.status = status


ERROR_TITLES = {
    400: _l("The request could not be understood"),
    403: _l("You are not allowed to do this"),
    404: _l("Page not found"),
    405: _l("That action is not possible here"),
    409: _l("This could not be done"),
    413: _l("What you sent is too large"),
    429: _l("Too many attempts"),
    500: _l("Something went wrong on our side"),
}

ERROR_EXPLANATIONS = {
    400: _l("Please go back, reload the page and try again."),
    403: _l(
        "If you think you should be able to do this, sign in or contact the arena's facilitators."
    ),
    404: _l("The page may have moved, or the address may be mistyped."),
    405: _l("Please go back and use the buttons on the page."),
    409: _l("Please go back, reload the page and try again."),
    413: _l("Please send less at a time."),
    429: _l("Please wait a while and try again."),
    500: _l("We have been told about it. Please try again in a little while."),
}


def refuse(reason: str | None, status: int = 403) -> None:
    """A rule's reason (its `why_not_*` answer) becomes the refusal; None lets it pass.
    403 unless told: not for this person, or not now."""
    if reason is not None:
        raise ActionRefused(reason, status)


def ensures(why_not, status: int = 403):
    """The `ensure_can_*` of a rule, as `allowed` gives its `can_*`: it takes the rule's
    arguments and raises the rule's own reason, so a service refuses exactly when and
    why the page says it would."""

    def ensure(*args, **kwargs) -> None:
        refuse(why_not(*args, **kwargs), status)

    ensure.__name__ = why_not.__name__.replace("why_not_", "ensure_can_")
    ensure.__doc__ = f"Raise ActionRefused with the reason `{why_not.__name__}` gives, if any."
    return ensure


ERROR_FORMATS = "arena.error_formats"


def answer_errors_under(app, prefix: str, render) -> None:
    """Errors of addresses under `prefix` answered by `render(status, title, message,
    headers)` instead of the HTML page: a program reading the API gets JSON, also for
    an address that matches no route."""
    app.extensions.setdefault(ERROR_FORMATS, {})[prefix] = render


def _own_format(status: int, message, headers=None):
    if not has_request_context():
        return None
    for prefix, render in current_app.extensions.get(ERROR_FORMATS, {}).items():
        if request.path.startswith(prefix):
            return render(status, str(ERROR_TITLES[status]), str(message), headers or {})
    return None


def render_error(status: int, message=None):
    status = status if status in ERROR_TITLES else 500
    own = _own_format(status, message or ERROR_EXPLANATIONS[status])
    if own is not None:
        return own
    return (
        render_template(
            "errors/error.html",
            status=status,
            title=ERROR_TITLES[status],
            message=message or ERROR_EXPLANATIONS[status],
        ),
        status,
    )


def minutes_to_wait(seconds: float) -> int:
    """Whole minutes, rounded up, never 0: "try again in 0 minutes" would be a lie."""
    return max(1, math.ceil(seconds / 60))


def render_too_many_requests(retry_after: float):
    """The 429 page: in the person's language, when to try again, and the same in
    `Retry-After` (whole seconds) for programs."""
    seconds = max(1, math.ceil(retry_after))
    own = _own_format(
        429,
        _l("Too many requests. Try again in %(num)d seconds.", num=seconds),
        {"Retry-After": str(seconds)},
    )
    if own is not None:
        return own
    body = render_template(
        "errors/429.html",
        status=429,
        title=ERROR_TITLES[429],
        minutes=minutes_to_wait(seconds),
    )
    return body, 429, {"Retry-After": str(seconds)}


def register_error_handlers(app) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return render_error(
            400, _l("Your form had expired. Please reload the page and send it again.")
        )

    @app.errorhandler(HTTPException)
    def http_error(error):
        if error.code is None or error.code < 400:
            return error
        # An explicit abort(403, description=...) carries a message meant for people.
        custom = getattr(error, "arena_message", None)
        return render_error(error.code, custom)

    @app.errorhandler(TooManyRequests)
    def too_many(error):
        # abort(429, retry_after=…) carries the wait; the limits package handles its own.
        retry_after = getattr(error, "retry_after", None)
        if isinstance(retry_after, int | float):
            return render_too_many_requests(retry_after)
        return render_too_many_requests(60)

    @app.errorhandler(ActionRefused)
    def refused(error):
        return render_error(error.status, error.message)

    @app.errorhandler(Exception)
    def server_error(error):
        app.logger.exception("Unhandled error", exc_info=error)
        # A failed statement leaves the transaction unusable (PostgreSQL refuses every
        # further query), and the error page itself may need to load the signed-in user.
        db.session.rollback()
        return render_error(500)
