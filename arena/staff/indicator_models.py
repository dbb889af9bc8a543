"""Indicators that staff mark as measuring the same thing in several arenas."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from arena.core.time import utcnow
from arena.extensions import db


class ComparisonGroup(db.Model):
    """A named set of indicators compared side by side on the staff's indicators page.
    With `per_inhabitant`, values are shown per 1,000 inhabitants even when units agree."""

    __tablename__ = "comparison_groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(160))
    per_inhabitant: Mapped[bool] = mapped_column(default=False)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    members: Mapped[list[ComparisonMember]] = relationship(
        back_populates="group", cascade="all, delete-orphan", passive_deletes=True
    )


class ComparisonMember(db.Model):
    __tablename__ = "comparison_members"

    group_id: Mapped[int] = mapped_column(
        ForeignKey("comparison_groups.id", ondelete="CASCADE"), primary_key=True
    )
    indicator_id: Mapped[int] = mapped_column(
        ForeignKey("indicators.id", ondelete="CASCADE"), primary_key=True, index=True
    )

    group: Mapped[ComparisonGroup] = relationship(back_populates="members")
