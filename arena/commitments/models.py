"""Commitments, their owners, and their lineage across years and arenas.

Versions and spread are both plain links: `previous` is the version this one
revises (last year's), `origin` the commitment it was scaled up from in another
arena, so a page can walk the whole lineage. Indicators, check-ins, pledges and
reviews hang off a commitment; the review's table is in arena.reviews.models.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from arena.accounts.models import User
from arena.arenas.models import Arena, CoBenefit, Cycle, Theme
from arena.core.columns import exactly_one_of, link_table
from arena.core.mixins import Hideable
from arena.core.time import utcnow
from arena.extensions import db
from arena.organisations.models import Organisation
from arena.proposals.models import Proposal


class CommitmentStatus(enum.StrEnum):
    PLANNED = "planned"  # chosen, not yet started testing
    ACTIVE = "active"  # being tested
    CONTINUED = "continued"
    REVISED = "revised"
    SCALED_UP = "scaled_up"
    STOPPED = "stopped"


commitment_proposals = link_table("commitment_proposals", "commitments", "proposals")
commitment_owner_users = link_table("commitment_owner_users", "commitments", "users")
commitment_owner_organisations = link_table(
    "commitment_owner_organisations", "commitments", "organisations"
)
commitment_themes = link_table("commitment_themes", "commitments", "themes")
commitment_co_benefits = link_table("commitment_co_benefits", "commitments", "co_benefits")


# A check-in at least every this many days, unless the facilitators set another interval.
DEFAULT_CHECK_IN_INTERVAL_DAYS = 90
CHECK_IN_INTERVAL_RANGE = (7, 366)


class Commitment(db.Model):
    __tablename__ = "commitments"
    __table_args__ = (
        # One next version per commitment, and one adoption per receiving arena.
        UniqueConstraint("previous_id"),
        UniqueConstraint("origin_id", "arena_id"),
        CheckConstraint(
            "starts_on IS NULL OR ends_on IS NULL OR starts_on < ends_on", name="period_in_order"
        ),
        CheckConstraint(
            "check_in_interval_days BETWEEN 7 AND 366", name="check_in_interval_in_range"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    arena_id: Mapped[int] = mapped_column(ForeignKey("arenas.id"), index=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("cycles.id"), index=True)
    title: Mapped[str] = mapped_column(String(160))
    description: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(8), default="sv")
    status: Mapped[str] = mapped_column(String(20), default=CommitmentStatus.PLANNED, index=True)
    location: Mapped[str] = mapped_column(String(200), default="")
    climate_effect: Mapped[str] = mapped_column(Text, default="")
    # For a revised version: what changed from last year's, and why.
    changes: Mapped[str] = mapped_column(Text, default="")
    starts_on: Mapped[date | None]
    ends_on: Mapped[date | None]
    # How often its owners are expected to check in; staff see who is overdue.
    check_in_interval_days: Mapped[int] = mapped_column(
        default=DEFAULT_CHECK_IN_INTERVAL_DAYS, server_default=str(DEFAULT_CHECK_IN_INTERVAL_DAYS)
    )
    previous_id: Mapped[int | None] = mapped_column(ForeignKey("commitments.id"), index=True)
    origin_id: Mapped[int | None] = mapped_column(ForeignKey("commitments.id"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    arena: Mapped[Arena] = relationship()
    cycle: Mapped[Cycle] = relationship()
    previous: Mapped[Commitment | None] = relationship(remote_side=[id], foreign_keys=[previous_id])
    origin: Mapped[Commitment | None] = relationship(remote_side=[id], foreign_keys=[origin_id])
    proposals: Mapped[list[Proposal]] = relationship(secondary=commitment_proposals)
    owner_users: Mapped[list[User]] = relationship(secondary=commitment_owner_users)
    owner_organisations: Mapped[list[Organisation]] = relationship(
        secondary=commitment_owner_organisations
    )
    themes: Mapped[list[Theme]] = relationship(secondary=commitment_themes)
    co_benefits: Mapped[list[CoBenefit]] = relationship(secondary=commitment_co_benefits)
    indicators: Mapped[list[Indicator]] = relationship(
        back_populates="commitment", order_by="Indicator.sort_order, Indicator.id"
    )
    check_ins: Mapped[list[CheckIn]] = relationship(
        back_populates="commitment", order_by="CheckIn.reported_on, CheckIn.id"
    )
    # The yearly review (arena.reviews.models), named so this module needs no import of it.
    review = relationship("Review", back_populates="commitment", uselist=False)


# Statuses a commitment has before it is reviewed: it can still be joined and left.
OPEN_STATUSES = (CommitmentStatus.PLANNED, CommitmentStatus.ACTIVE)


class IndicatorDirection(enum.StrEnum):
    UP = "up"  # more is better (e.g. cycle trips)
    DOWN = "down"  # less is better (e.g. kg of plastic waste)


class ReportingInterval(enum.StrEnum):
    """How often an indicator's owners are expected to report a value."""

    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    YEARLY = "yearly"


# The length of each reporting interval in days (a month counts as 30 days).
REPORTING_DAYS = {
    ReportingInterval.WEEKLY: 7,
    ReportingInterval.MONTHLY: 30,
    ReportingInterval.QUARTERLY: 91,
    ReportingInterval.YEARLY: 365,
}
DEFAULT_REPORTING_INTERVAL = ReportingInterval.MONTHLY


class Indicator(db.Model):
    """What a commitment measures, from where (baseline) to where (target)."""

    __tablename__ = "indicators"
    __table_args__ = (
        CheckConstraint("direction IN ('up', 'down')", name="known_direction"),
        CheckConstraint(
            "(direction = 'up' AND target_value > baseline_value)"
            " OR (direction = 'down' AND target_value < baseline_value)",
            name="target_beyond_baseline",
        ),
        CheckConstraint("baseline_on < target_on", name="dates_in_order"),
        CheckConstraint(
            "reporting_interval IN ('weekly', 'monthly', 'quarterly', 'yearly')",
            name="known_reporting_interval",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitments.id"), index=True)
    name: Mapped[str] = mapped_column(String(160))
    unit: Mapped[str] = mapped_column(String(40))
    direction: Mapped[str] = mapped_column(String(4))
    baseline_value: Mapped[float]
    baseline_on: Mapped[date]
    target_value: Mapped[float]
    target_on: Mapped[date]
    method: Mapped[str] = mapped_column(Text, default="")  # how it is measured
    reported_by: Mapped[str] = mapped_column(String(200), default="")  # who reports it
    # How often a value is due; owners are reminded when it is overdue (arena.reminders).
    reporting_interval: Mapped[str] = mapped_column(
        String(10),
        default=DEFAULT_REPORTING_INTERVAL,
        server_default=DEFAULT_REPORTING_INTERVAL.value,
    )
    sort_order: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    commitment: Mapped[Commitment] = relationship(back_populates="indicators")
    values: Mapped[list[IndicatorValue]] = relationship(back_populates="indicator")


class CheckInKind(enum.StrEnum):
    MEASUREMENT = "measurement"  # an owner or facilitator reports indicator values
    RESIDENT = "resident"  # a participant's short "what I did"


class CheckIn(Hideable, db.Model):
    """A dated report on a commitment: measured values and a note."""

    __tablename__ = "check_ins"
    __table_args__ = (
        CheckConstraint("kind IN ('measurement', 'resident')", name="known_kind"),
        CheckConstraint(
            "confidence IS NULL OR confidence IN ('low', 'medium', 'high')", name="known_confidence"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitments.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    kind: Mapped[str] = mapped_column(String(12), default=CheckInKind.MEASUREMENT)
    reported_on: Mapped[date]
    note: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(8), default="sv")
    confidence: Mapped[str | None] = mapped_column(String(6))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    commitment: Mapped[Commitment] = relationship(back_populates="check_ins")
    author: Mapped[User] = relationship(foreign_keys=[author_id])
    organisation: Mapped[Organisation | None] = relationship()
    values: Mapped[list[IndicatorValue]] = relationship(
        back_populates="check_in", cascade="all, delete-orphan"
    )


class IndicatorValue(db.Model):
    """One measured value in a check-in. An indicator with values cannot be deleted."""

    __tablename__ = "indicator_values"
    __table_args__ = (UniqueConstraint("check_in_id", "indicator_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    check_in_id: Mapped[int] = mapped_column(
        ForeignKey("check_ins.id", ondelete="CASCADE"), index=True
    )
    indicator_id: Mapped[int] = mapped_column(
        ForeignKey("indicators.id", ondelete="RESTRICT"), index=True
    )
    value: Mapped[float]

    check_in: Mapped[CheckIn] = relationship(back_populates="values")
    indicator: Mapped[Indicator] = relationship(back_populates="values")


class Pledge(db.Model):
    """A person or an organisation joining a commitment ("I'm in")."""

    __tablename__ = "pledges"
    __table_args__ = (
        exactly_one_of("user_id", "organisation_id", name="exactly_one_party"),
        UniqueConstraint("commitment_id", "user_id"),
        UniqueConstraint("commitment_id", "organisation_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitments.id"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    commitment: Mapped[Commitment] = relationship()
    user: Mapped[User | None] = relationship()
    organisation: Mapped[Organisation | None] = relationship()
