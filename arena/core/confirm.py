"""A second step before what cannot be undone, working without JavaScript.

The first POST of a form re-renders its page with what will happen and a "Yes, …"
button (templates/macros/confirm.html) that posts the same fields again with
`confirmed=yes`; only that second POST acts. A view asks `is_confirmed()` after its
form has validated and, when it is not, renders the question instead of acting.
"""

from __future__ import annotations

from flask import request

CONFIRM_FIELD = "confirmed"
CONFIRM_VALUE = "yes"
# Not carried into the confirmation form: it gets a fresh token and its own answer.
NOT_CARRIED = frozenset({"csrf_token", CONFIRM_FIELD})


def is_confirmed() -> bool:
    """Whether this POST answers the confirmation question with yes."""
    return request.method == "POST" and request.form.get(CONFIRM_FIELD) == CONFIRM_VALUE


def carried_fields() -> list[tuple[str, str]]:
    """The fields just posted, in order, to post again once the person says yes."""
    if request.method != "POST":
        return []
    return [(k, v) for k, v in request.form.items(multi=True) if k not in NOT_CARRIED]
