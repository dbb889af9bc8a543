"""The yearly review of a commitment: its outcome and the measured result at the time."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from arena.accounts.models import User
from arena.commitments.models import Commitment
from arena.core.time import utcnow
from arena.extensions import db


class ReviewOutcome(enum.StrEnum):
    CONTINUE = "continue"
    REVISE = "revise"
    SCALE_UP = "scale_up"
    STOP = "stop"


class Review(db.Model):
    """The yearly decision on a commitment, with the measured result at that time."""

    __tablename__ = "reviews"
    __table_args__ = (
        CheckConstraint(
            "outcome IN ('continue', 'revise', 'scale_up', 'stop')", name="known_outcome"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitments.id"), unique=True)
    outcome: Mapped[str] = mapped_column(String(10))
    rationale: Mapped[str] = mapped_column(Text)
    measured_result: Mapped[str] = mapped_column(Text, default="")
    lessons: Mapped[str] = mapped_column(Text, default="")
    decided_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime] = mapped_column(default=utcnow)

    commitment: Mapped[Commitment] = relationship(back_populates="review")
    decided_by: Mapped[User] = relationship()
