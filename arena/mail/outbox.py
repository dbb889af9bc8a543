"""Writing mail: the one way any feature sends a message.

`queue()` renders the message in the recipient's language and adds it to the
current transaction, so it exists exactly when the change that causes it is
committed; a rollback takes it away too. Nothing here talks to a mail server.
"""

from __future__ import annotations

import json

from flask import render_template
from flask_babel import force_locale

from arena.core.urls import base_url, external_url
from arena.extensions import db
from arena.mail.models import OutboxMessage

# Links in mail: the helpers live in core so that other features build the same links.
__all__ = ["base_url", "external_url", "language_of", "queue", "queue_for_user"]

FALLBACK_LANGUAGE = "sv"


def language_of(user) -> str:
    return (getattr(user, "preferred_language", None) or FALLBACK_LANGUAGE).split("-")[0]


def queue(
    to_address: str, kind: str, *, language: str, subject, headers: dict | None = None, **context
) -> OutboxMessage:
    """Queue mail `kind` (templates mail/<kind>.txt and mail/<kind>.html) for one address.

    `subject` is a lazy string (`lazy_gettext`), so it is translated here, in the
    recipient's language, not in the language of whoever caused the mail. `headers`
    are extra header lines sent with it (e.g. `List-Unsubscribe`).
    """
    with force_locale(language):
        values = {"base_url": base_url(), **context}
        message = OutboxMessage(
            kind=kind,
            to_address=to_address,
            language=language,
            subject=str(subject)[:200],
            body_text=render_template(f"mail/{kind}.txt", **values),
            body_html=render_template(f"mail/{kind}.html", subject=str(subject), **values),
            headers=json.dumps(headers, ensure_ascii=False) if headers else None,
        )
    db.session.add(message)
    db.session.info.setdefault("queued_mail", []).append(message)
    return message


def queue_for_user(
    user, kind: str, *, subject, headers: dict | None = None, **context
) -> OutboxMessage | None:
    """Mail to an account's address in its language; None for accounts without one."""
    if not user.email:
        return None
    language = language_of(user)
    return queue(
        user.email, kind, language=language, subject=subject, headers=headers, user=user, **context
    )
