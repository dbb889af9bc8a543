"""Pieces of a page rendered once and kept in the worker's memory (Decidim keeps its
comment cells the same way): a busy proposal's page shows some twenty comments, and
rendering them was a quarter of its cost, the same HTML for most readers on every view.

A piece is kept under a key that holds every value it shows (its text, its author's
name, its state, the reader's language and time zone, which of its links this reader
gets), so it can never be stale: an edit, a hide or a renamed author is a new key, and
the old piece simply falls out. Nothing has to be told to forget anything, on this
instance or another one.

    {% call fragment(scope, comment.id, comment.body, …) %}…{% endcall %}
"""

from __future__ import annotations

from flask import current_app, request
from flask_babel import get_locale, get_timezone
from markupsafe import Markup

# Pieces kept per process, the oldest dropped first: a few MB at a comment's size.
KEPT_PIECES = 4000

_kept: dict[tuple, Markup] = {}


def fragment(*key, caller) -> Markup:
    """What `caller` renders, rendered once per `key` (a tuple of plain values)."""
    if current_app.jinja_env.auto_reload:  # templates being edited: show the edit
        return Markup(caller())
    piece = _kept.get(key)
    if piece is None:
        piece = Markup(caller())
        while len(_kept) >= KEPT_PIECES:
            # Insertion order: the oldest first. Another thread may have dropped it.
            _kept.pop(next(iter(_kept), None), None)
        _kept[key] = piece
    return piece


def fragment_scope() -> tuple:
    """What every piece of a page reads besides its own values: the reader's language
    and time zone (its labels and moments), and where the app is mounted (its links)."""
    return (str(get_locale()), str(get_timezone()), request.script_root)
