"""Keeping an uploaded file between its preview and the confirmation.

The file is stored in `statistics_uploads` under a random token, with its
uploader and an expiry: any app instance can find it again, and only the
uploader, before it expires. Confirming (or a newer upload) removes it.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import delete, select

from arena.arenas.statistics_models import StatisticsUpload
from arena.core.errors import ActionRefused
from arena.extensions import db

LIFETIME = timedelta(hours=1)


def keep_upload(
    user, content: bytes, *, is_example: bool, replace_years: bool, now: datetime
) -> StatisticsUpload:
    """Store the file for its preview; the uploader's older uploads and every expired
    one are removed, so the table stays small."""
    db.session.execute(
        delete(StatisticsUpload).where(
            (StatisticsUpload.uploaded_by_id == user.id) | (StatisticsUpload.expires_at < now)
        )
    )
    upload = StatisticsUpload(
        token=secrets.token_urlsafe(32),
        uploaded_by_id=user.id,
        content=content,
        is_example=is_example,
        replace_years=replace_years,
        created_at=now,
        expires_at=now + LIFETIME,
    )
    db.session.add(upload)
    db.session.flush()
    return upload


def take_upload(user, token: str, *, now: datetime) -> StatisticsUpload:
    """The user's stored upload for the token, removed from the table (409 when
    there is none any more: expired, already imported, or someone else's)."""
    upload = db.session.scalar(
        select(StatisticsUpload).where(
            StatisticsUpload.token == (token or "")[:64],
            StatisticsUpload.uploaded_by_id == user.id,
            StatisticsUpload.expires_at >= now,
        )
    )
    if upload is None:
        raise ActionRefused(
            _("This preview has expired or was already imported. Upload the file again."), 409
        )
    db.session.delete(upload)
    db.session.flush()
    return upload
