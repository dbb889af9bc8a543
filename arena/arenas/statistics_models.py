"""An uploaded statistics file waiting for its preview to be confirmed, and the names
of indicators in other languages.

The file is kept in the database, not in a worker's memory or disk, so the
confirming request may reach another app instance. Only its uploader can
confirm it, with the random token, until it expires.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from arena.core.time import utcnow
from arena.extensions import db


class StatisticsUpload(db.Model):
    __tablename__ = "statistics_uploads"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    uploaded_by_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    content: Mapped[bytes] = mapped_column(LargeBinary)
    is_example: Mapped[bool] = mapped_column(default=False)
    replace_years: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(index=True)


class StatisticName(db.Model):
    """An indicator's name in one language (`indicator_en` in the import file); pages
    in a language without one show the indicator as it was given."""

    __tablename__ = "statistic_names"
    __table_args__ = (UniqueConstraint("indicator", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator: Mapped[str] = mapped_column(String(120))
    language: Mapped[str] = mapped_column(String(8))
    name: Mapped[str] = mapped_column(String(120))
