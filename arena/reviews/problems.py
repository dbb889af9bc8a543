"""Putting a refusal's problems on fields inside lists of subforms ("targets-0-target")."""

from flask import flash

from arena.core.actions import place_problems


def _field_at(form, name: str):
    field = form
    try:
        for part in name.split("-"):
            field = field[int(part)] if part.isdigit() else field[part]
    except (IndexError, KeyError, TypeError):
        return None
    return field


def place_nested_problems(form, refusal) -> None:
    """Like `attempt(form)`, but a problem may name a field in a FieldList entry; what
    has no field is flashed."""
    nested = {k: v for k, v in refusal.problems.items() if "-" in k}
    unplaced = place_problems(form, {k: v for k, v in refusal.problems.items() if "-" not in k})
    for name, message in nested.items():
        field = _field_at(form, name)
        if field is None:
            unplaced[name] = message
        else:
            field.errors = [*field.errors, message]
    for message in unplaced.values() if refusal.problems else [refusal.message]:
        flash(message, "error")
