"""The one way a view runs a service: commit once, or roll back and say why.

    form = CycleForm()
    if form.validate_on_submit():
        with attempt(form) as done:
            cycle = cycles.create_cycle(current_user, arena, values, now=g.now)
        if done:
            flash(...)
            return redirect(...)
    return render_template(..., form=form)

A refusal with status 403 or 404 is raised again, so the error handler shows
the page for it; any other refusal puts its problems next to the form's fields
and flashes the messages that have no field to stand by (or the message, when
there are no problems).
"""

from contextlib import contextmanager

from flask import flash

from arena.core.errors import ActionRefused
from arena.extensions import db

# Refusals that mean "not for you" or "not there": an error page, not a form message.
RAISED_STATUSES = (403, 404)


class Outcome:
    """What became of an attempt: true when the change was committed."""

    def __init__(self):
        self.ok = False
        self.refusal: ActionRefused | None = None

    def __bool__(self) -> bool:
        return self.ok


def place_problems(form, problems: dict) -> dict:
    """Add each problem to its field's errors; return those the form has no field for."""
    unplaced = {}
    for name, message in problems.items():
        field = form[name] if form is not None and name in form else None
        if field is None:
            unplaced[name] = message
        else:
            field.errors = [*field.errors, message]
    return unplaced


@contextmanager
def attempt(form=None, *, flash_refusal: bool = True):
    """Run the block as one transaction; see the module's docstring."""
    outcome = Outcome()
    try:
        yield outcome
    except ActionRefused as refusal:
        db.session.rollback()
        if refusal.status in RAISED_STATUSES:
            raise
        outcome.refusal = refusal
        unplaced = place_problems(form, refusal.problems)
        if flash_refusal:
            for message in unplaced.values() if refusal.problems else [refusal.message]:
                flash(message, "error")
        return
    db.session.commit()
    outcome.ok = True
