"""The embedded default: without ARENA_MAIL_URL, mail is shown on the server's console.

Each message is printed once, right after the transaction that queued it commits
(it stays `pending` in the outbox all the same, for a worker once a server is set).
A rollback forgets what it queued, so nothing is printed for a change that did not
happen. Tests print only when they ask for it (`MAIL_PRINT = True`).
"""

from __future__ import annotations

import sys

from flask import current_app, has_app_context
from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

QUEUED = "queued_mail"


def should_print() -> bool:
    if not has_app_context():
        return False
    config = current_app.config
    return not config.get("MAIL_URL") and config.get("MAIL_PRINT", not current_app.testing)


def format_message(message) -> str:
    rule = "-" * 72
    return "\n".join(
        [
            rule,
            "Mail not sent (no ARENA_MAIL_URL); it stays in the outbox.",
            f"To: {message.to_address}",
            f"Subject: {message.subject}",
            f"Language: {message.language}",
            "",
            message.body_text.rstrip(),
            rule,
            "",
        ]
    )


def print_queued_mail(session: Session) -> None:
    if session.in_nested_transaction():
        return  # a savepoint released: the transaction around it may still roll back
    queued = session.info.pop(QUEUED, None)
    if not queued or not should_print():
        return
    for message in queued:
        # A message whose savepoint was rolled back never reached the database.
        if inspect(message).persistent:
            sys.stdout.write(format_message(message))
    sys.stdout.flush()


def forget_queued_mail(session: Session, transaction) -> None:
    if transaction.parent is None:
        session.info.pop(QUEUED, None)


def listen() -> None:
    """Watch every session's commits (once, however many apps are made)."""
    for name, handler in (
        ("after_commit", print_queued_mail),
        ("after_transaction_end", forget_queued_mail),
    ):
        if not event.contains(Session, name, handler):
            event.listen(Session, name, handler)
