"""Follows, notices, a person's mail choice, and the claims that make jobs run once.

A person follows an arena, a proposal or a commitment. What they proposed,
supported, joined or own they follow without a row here (it is derived from
those rows, see `followers.py`); a `Follow` row is stored only when they chose
themselves: `is_following` true to follow, false to stop following something
they would otherwise follow automatically. That "unfollowed" row stays, so
supporting again does not quietly follow again.

Every row points at its person, so erasing an account deletes them all.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from arena.core.time import utcnow
from arena.extensions import db


class TargetKind(enum.StrEnum):
    ARENA = "arena"
    PROPOSAL = "proposal"
    COMMITMENT = "commitment"


class NoticeKind(enum.StrEnum):
    PHASE = "phase"  # a phase of a followed arena's cycle opened (the one before closed)
    SELECTED = "selected"
    NOT_SELECTED = "not_selected"
    HIDDEN = "hidden"
    # Hidden automatically after several reports, until the facilitators look at it.
    AUTO_HIDDEN = "auto_hidden"
    MERGED = "merged"
    CHECK_IN = "check_in"
    REVIEWED = "reviewed"
    NEW_VERSION = "new_version"
    ADOPTED = "adopted"


class MailFrequency(enum.StrEnum):
    IMMEDIATELY = "immediately"
    DAILY = "daily"
    WEEKLY = "weekly"
    NONE = "none"


# A daily digest is the default: a person who supports a few proposals hears what
# became of them within a day, in one mail, without being flooded.
DEFAULT_FREQUENCY = MailFrequency.DAILY
DEFAULT_WEEKDAY = 0  # Monday

_ONE_TARGET = (
    " + ".join(
        f"(CASE WHEN {column} IS NULL THEN 0 ELSE 1 END)"
        for column in ("arena_id", "proposal_id", "commitment_id")
    )
    + " = 1"
)


def _target(table: str):
    return mapped_column(ForeignKey(f"{table}.id", ondelete="CASCADE"), index=True)


class Follow(db.Model):
    __tablename__ = "follows"
    __table_args__ = (
        CheckConstraint(_ONE_TARGET, name="one_target"),
        UniqueConstraint("user_id", "arena_id"),
        UniqueConstraint("user_id", "proposal_id"),
        UniqueConstraint("user_id", "commitment_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    arena_id: Mapped[int | None] = _target("arenas")
    proposal_id: Mapped[int | None] = _target("proposals")
    commitment_id: Mapped[int | None] = _target("commitments")
    # False: the person stopped following something they follow automatically.
    is_following: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    @property
    def kind(self) -> TargetKind:
        if self.arena_id is not None:
            return TargetKind.ARENA
        return TargetKind.PROPOSAL if self.proposal_id is not None else TargetKind.COMMITMENT


class Notice(db.Model):
    """Something new for one person, about something they follow."""

    __tablename__ = "notices"
    __table_args__ = (
        # The notices page and the unread count in the navigation.
        Index("ix_notices_user_created", "user_id", "created_at"),
        Index("ix_notices_user_read", "user_id", "read_at"),
        # The digest job's question: who has notices not yet mailed?
        Index("ix_notices_unmailed", "mailed_at", "user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    arena_id: Mapped[int | None] = _target("arenas")
    proposal_id: Mapped[int | None] = _target("proposals")
    commitment_id: Mapped[int | None] = _target("commitments")
    # The merged-into proposal, the next version, the adopting arena's commitment, the
    # check-in.
    related_id: Mapped[int | None]
    # The public motivation or reason, the review's outcome, or the phase that opened.
    detail: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None]
    # Set when the notice went into a mail (or will never: the person wants none).
    mailed_at: Mapped[datetime | None]

    arena = relationship("Arena")
    proposal = relationship("Proposal")
    commitment = relationship("Commitment")


class NoticeSetting(db.Model):
    """How a person wants notices by mail; no row means the defaults."""

    __tablename__ = "notice_settings"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    frequency: Mapped[str] = mapped_column(String(12), default=DEFAULT_FREQUENCY)
    # The weekly digest's day, 0 = Monday (in Stockholm's time).
    weekday: Mapped[int] = mapped_column(default=DEFAULT_WEEKDAY)
    # Reminders to report (arena.reminders) to an owner: on unless they turned them off.
    # Kept with the notice choice: one row says how the person wants mail from the site.
    check_in_reminders: Mapped[bool] = mapped_column(default=True, server_default=true())
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class PhaseNoticeClaim(db.Model):
    """One row per (cycle, phase that opened) whose notices were made: the unique
    constraint lets exactly one run of the job make them."""

    __tablename__ = "phase_notice_claims"
    __table_args__ = (UniqueConstraint("cycle_id", "phase"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("cycles.id", ondelete="CASCADE"))
    phase: Mapped[str] = mapped_column(String(20))
    claimed_at: Mapped[datetime] = mapped_column(default=utcnow)


class DigestClaim(db.Model):
    """One row per (person, day or week) whose digest was made: one mail, never two."""

    __tablename__ = "digest_claims"
    __table_args__ = (UniqueConstraint("user_id", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    period: Mapped[str] = mapped_column(String(20))  # "day 2026-12-03", "week 2026-W49"
    claimed_at: Mapped[datetime] = mapped_column(default=utcnow)

    user = relationship("User")
