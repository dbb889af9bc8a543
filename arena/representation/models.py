"""Answers to the optional profile questions, and workshops' counts by group.

Answers are personal data: never shown per person, never exported per person,
and deleted with the account (the foreign key cascades; `services.erase_answers`).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from arena.core.time import utcnow
from arena.extensions import db


class ProfileAnswer(db.Model):
    """One person's answer to one profile question."""

    __tablename__ = "profile_answers"
    __table_args__ = (UniqueConstraint("user_id", "question"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    question: Mapped[str] = mapped_column(String(40))
    answer: Mapped[str] = mapped_column(String(40))
    free_text: Mapped[str | None] = mapped_column(String(60))
    answered_at: Mapped[datetime] = mapped_column(default=utcnow)


class WorkshopGroupCount(db.Model):
    """How many of a workshop's participants gave one answer (counted on paper)."""

    __tablename__ = "workshop_group_counts"
    __table_args__ = (
        UniqueConstraint("workshop_id", "question", "answer"),
        CheckConstraint("count >= 0", name="count_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    question: Mapped[str] = mapped_column(String(40))
    answer: Mapped[str] = mapped_column(String(40))
    count: Mapped[int] = mapped_column(default=0)
