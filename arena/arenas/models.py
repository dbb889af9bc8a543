"""Districts, what they work on, and the dated yearly cycle."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from arena.core.time import utcnow
from arena.extensions import db


class Arena(db.Model):
    __tablename__ = "arenas"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    # Written by the city in Swedish, with an optional English version.
    description: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str | None] = mapped_column(Text)
    sort_order: Mapped[int] = mapped_column(default=0)

    cycles: Mapped[list[Cycle]] = relationship(
        back_populates="arena", order_by="Cycle.year", cascade="all, delete-orphan"
    )

    def __repr__(self) -> str:
        return f"<Arena {self.slug}>"


class Theme(db.Model):
    """A stable key (transport, energy…); its name comes from the translation catalog."""

    __tablename__ = "themes"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(40), unique=True)
    sort_order: Mapped[int] = mapped_column(default=0)


class CoBenefit(db.Model):
    """A health or social co-benefit tag (fewer car trips, cleaner air…), named by the catalog."""

    __tablename__ = "co_benefits"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(40), unique=True)
    sort_order: Mapped[int] = mapped_column(default=0)


class Cycle(db.Model):
    """One arena's year. Its phase is derived from these dates, never stored."""

    __tablename__ = "cycles"
    __table_args__ = (
        UniqueConstraint("arena_id", "year"),
        CheckConstraint(
            "proposing_opens_at < voting_opens_at"
            " AND voting_opens_at < voting_closes_at"
            " AND voting_closes_at < testing_starts_at"
            " AND testing_starts_at < review_starts_at"
            " AND review_starts_at < closes_at",
            name="dates_in_order",
        ),
        CheckConstraint("support_budget > 0", name="positive_budget"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    arena_id: Mapped[int] = mapped_column(ForeignKey("arenas.id"), index=True)
    year: Mapped[int]
    proposing_opens_at: Mapped[datetime]
    voting_opens_at: Mapped[datetime]
    voting_closes_at: Mapped[datetime]
    testing_starts_at: Mapped[datetime]
    review_starts_at: Mapped[datetime]
    closes_at: Mapped[datetime]
    support_budget: Mapped[int] = mapped_column(default=5)
    introduction: Mapped[str] = mapped_column(Text, default="")

    arena: Mapped[Arena] = relationship(back_populates="cycles")

    def __repr__(self) -> str:
        return f"<Cycle {self.arena_id}/{self.year}>"


class DistrictStatistic(db.Model):
    """Context data imported by city staff: travel mode share, health survey figures…"""

    __tablename__ = "district_statistics"
    __table_args__ = (UniqueConstraint("arena_id", "indicator", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    arena_id: Mapped[int] = mapped_column(ForeignKey("arenas.id"), index=True)
    indicator: Mapped[str] = mapped_column(String(120))
    year: Mapped[int]
    value: Mapped[float]
    unit: Mapped[str] = mapped_column(String(40), default="")
    source: Mapped[str] = mapped_column(String(300))
    # Demo figures are labelled as examples, never passed off as official statistics.
    is_example: Mapped[bool] = mapped_column(default=False)
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)

    arena: Mapped[Arena] = relationship()
