"""Reading the mail the accounts pages queue: the outbox rows, and the link inside."""

import re

from flask import current_app
from sqlalchemy import select

from arena.extensions import db
from arena.mail.models import OutboxMessage


def queued(kind=None, to=None) -> list[OutboxMessage]:
    query = select(OutboxMessage).order_by(OutboxMessage.id)
    if kind:
        query = query.where(OutboxMessage.kind == kind)
    if to:
        query = query.where(OutboxMessage.to_address == to)
    return list(db.session.scalars(query))


def the_mail(kind, to=None) -> OutboxMessage:
    (message,) = queued(kind, to)
    return message


def links_in(message: OutboxMessage) -> list[str]:
    """The site's paths linked from the plain-text body, in order."""
    base = current_app.config["BASE_URL"].rstrip("/")
    return [url.removeprefix(base) for url in re.findall(r"https?://\S+", message.body_text)]


def link_in(message: OutboxMessage, start: str) -> str:
    """The one path in the mail that starts with `start` ("/accounts/verify/")."""
    (path,) = [p for p in links_in(message) if p.startswith(start)]
    return path
