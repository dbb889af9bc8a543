"""Keeping an uploaded Decidim export between its preview and the confirmation.

The same way as the statistics uploads: stored under a random token with its
uploader, its arena and an expiry; only the uploader finds it again, for that
arena, before it expires. Confirming (or a newer upload) removes it.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import delete, select

from arena.core.errors import ActionRefused
from arena.decidim.models import DecidimUpload
from arena.extensions import db

LIFETIME = timedelta(hours=1)


def keep_upload(user, arena, content: bytes, filename: str, *, now: datetime) -> DecidimUpload:
    """Store the file for its preview; the uploader's older uploads and every expired
    one are removed, so the table stays small."""
    db.session.execute(
        delete(DecidimUpload).where(
            (DecidimUpload.uploaded_by_id == user.id) | (DecidimUpload.expires_at < now)
        )
    )
    upload = DecidimUpload(
        token=secrets.token_urlsafe(32),
        uploaded_by_id=user.id,
        arena_id=arena.id,
        filename=(filename or "")[:200],
        content=content,
        created_at=now,
        expires_at=now + LIFETIME,
    )
    db.session.add(upload)
    db.session.flush()
    return upload


def find_upload(user, arena, token: str, *, now: datetime) -> DecidimUpload:
    """The user's stored upload for the token and arena (409 when there is none any
    more: expired, already imported, someone else's or another arena's)."""
    upload = db.session.scalar(
        select(DecidimUpload).where(
            DecidimUpload.token == (token or "")[:64],
            DecidimUpload.uploaded_by_id == user.id,
            DecidimUpload.arena_id == arena.id,
            DecidimUpload.expires_at >= now,
        )
    )
    if upload is None:
        raise ActionRefused(
            _("This preview has expired or was already imported. Upload the file again."), 409
        )
    return upload


def drop_upload(upload: DecidimUpload) -> None:
    db.session.delete(upload)
    db.session.flush()
