"""Workshops, their dot-vote tallies, and one-time access codes.

Workshop votes are stored apart from online supports and never added into
`Proposal.support_count`, so every number keeps its source.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from arena.accounts.models import User
from arena.arenas.models import Arena, Cycle
from arena.core.time import utcnow
from arena.extensions import db


class Workshop(db.Model):
    __tablename__ = "workshops"
    __table_args__ = (CheckConstraint("participant_count >= 0", name="participants_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("cycles.id"), index=True)
    held_at: Mapped[datetime]
    place: Mapped[str] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(8))
    participant_count: Mapped[int] = mapped_column(default=0)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    cycle: Mapped[Cycle] = relationship()
    created_by: Mapped[User] = relationship()
    tallies: Mapped[list[WorkshopTally]] = relationship(
        back_populates="workshop", cascade="all, delete-orphan"
    )


class WorkshopTally(db.Model):
    """Dot votes one proposal got at one workshop."""

    __tablename__ = "workshop_tallies"
    __table_args__ = (
        UniqueConstraint("workshop_id", "proposal_id"),
        CheckConstraint("votes >= 0", name="votes_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    proposal_id: Mapped[int] = mapped_column(ForeignKey("proposals.id"), index=True)
    votes: Mapped[int] = mapped_column(default=0)

    workshop: Mapped[Workshop] = relationship(back_populates="tallies")


class AccessCode(db.Model):
    """A one-time code printed for people without e-mail.

    Only a hash is stored; the plain code can be derived again from the batch and the
    app's secret key (see codes.derived_code), so its sheet can be printed again.
    Redeeming creates an account tied to the arena; the code then stays that account's
    credential until it expires.
    """

    __tablename__ = "access_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    arena_id: Mapped[int] = mapped_column(ForeignKey("arenas.id"), index=True)
    workshop_id: Mapped[int | None] = mapped_column(ForeignKey("workshops.id"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime]
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    redeemed_at: Mapped[datetime | None]
    redeemed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), unique=True)
    # The codes made together, by one "make the codes" form: facilitators extend them
    # together. A random label, not a secret.
    batch: Mapped[str | None] = mapped_column(String(24), index=True)
    # When the account made from the code was told by mail that the code expires soon;
    # cleared when the code is extended, so the new date gets its own reminder.
    expiry_reminded_at: Mapped[datetime | None]
    # When a facilitator withdrew the code (its batch was revoked): it no longer works.
    revoked_at: Mapped[datetime | None]

    arena: Mapped[Arena] = relationship()
    workshop: Mapped[Workshop | None] = relationship()
    redeemed_by: Mapped[User | None] = relationship(foreign_keys=[redeemed_by_id])
