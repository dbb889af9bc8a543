"""Proposals, supports and each person's support budget in a cycle.

Counts are kept as counters updated in the same transaction as the support
rows, so a page never has to count supports and the budget holds under races.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, Column, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from arena.accounts.models import User
from arena.arenas.models import CoBenefit, Cycle, Theme
from arena.core.time import utcnow
from arena.extensions import db
from arena.organisations.models import Organisation


class ProposalStatus(enum.StrEnum):
    PUBLISHED = "published"
    HIDDEN = "hidden"
    WITHDRAWN = "withdrawn"
    MERGED = "merged"
    SELECTED = "selected"
    NOT_SELECTED = "not_selected"


proposal_co_benefits = Table(
    "proposal_co_benefits",
    db.metadata,
    Column("proposal_id", ForeignKey("proposals.id", ondelete="CASCADE"), primary_key=True),
    Column("co_benefit_id", ForeignKey("co_benefits.id", ondelete="CASCADE"), primary_key=True),
)


class Proposal(db.Model):
    __tablename__ = "proposals"
    __table_args__ = (CheckConstraint("support_count >= 0", name="support_count_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("cycles.id"), index=True)
    theme_id: Mapped[int] = mapped_column(ForeignKey("themes.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    title: Mapped[str] = mapped_column(String(120))
    summary: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text, default="")
    # The language the author wrote in, so pages tag it for screen readers.
    language: Mapped[str] = mapped_column(String(8))
    climate_effect: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default=ProposalStatus.PUBLISHED, index=True)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("proposals.id"))
    support_count: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    cycle: Mapped[Cycle] = relationship()
    theme: Mapped[Theme] = relationship()
    author: Mapped[User] = relationship()
    organisation: Mapped[Organisation | None] = relationship()
    co_benefits: Mapped[list[CoBenefit]] = relationship(
        secondary=proposal_co_benefits, order_by="CoBenefit.sort_order"
    )
    merged_into: Mapped[Proposal | None] = relationship(remote_side=[id])

    def __repr__(self) -> str:
        return f"<Proposal {self.id} {self.title!r}>"


class Support(db.Model):
    """One person's support for one proposal; the pair is unique in the database."""

    __tablename__ = "supports"
    __table_args__ = (UniqueConstraint("proposal_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("proposals.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    proposal: Mapped[Proposal] = relationship()
    user: Mapped[User] = relationship()


class Participation(db.Model):
    """How many supports a person has used in a cycle.

    The budget is enforced by a conditional UPDATE on this row, which the
    database serialises, so racing requests can never exceed it.
    """

    __tablename__ = "participations"
    __table_args__ = (
        UniqueConstraint("user_id", "cycle_id"),
        CheckConstraint("supports_used >= 0", name="supports_used_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("cycles.id"), index=True)
    supports_used: Mapped[int] = mapped_column(default=0)

    cycle: Mapped[Cycle] = relationship()
