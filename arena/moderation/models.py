"""Reports (flags) on proposals and comments."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from arena.accounts.models import User
from arena.arenas.models import Arena
from arena.core.columns import exactly_one_of
from arena.core.time import utcnow
from arena.extensions import db
from arena.proposals.models import Comment, Proposal


class ReportReason(enum.StrEnum):
    SPAM = "spam"
    OFFENSIVE = "offensive"
    PERSONAL_DATA = "personal_data"
    OFF_TOPIC = "off_topic"
    DUPLICATE = "duplicate"
    OTHER = "other"


class ReportResolution(enum.StrEnum):
    HIDDEN = "hidden"
    DISMISSED = "dismissed"
    RESTORED = "restored"
    MERGED = "merged"


class Report(db.Model):
    """One person's report of one proposal or comment (exactly one of the two)."""

    __tablename__ = "reports"
    __table_args__ = (
        exactly_one_of("proposal_id", "comment_id", name="exactly_one_target"),
        UniqueConstraint("proposal_id", "reporter_id"),
        UniqueConstraint("comment_id", "reporter_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Kept on the report so a facilitator's queue is one indexed lookup.
    arena_id: Mapped[int] = mapped_column(ForeignKey("arenas.id"), index=True)
    proposal_id: Mapped[int | None] = mapped_column(ForeignKey("proposals.id"), index=True)
    comment_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id"), index=True)
    reporter_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    reason: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    resolved_at: Mapped[datetime | None]
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    resolution: Mapped[str | None] = mapped_column(String(20))

    arena: Mapped[Arena] = relationship()
    proposal: Mapped[Proposal | None] = relationship()
    comment: Mapped[Comment | None] = relationship()
    reporter: Mapped[User] = relationship(foreign_keys=[reporter_id])
    resolved_by: Mapped[User | None] = relationship(foreign_keys=[resolved_by_id])
