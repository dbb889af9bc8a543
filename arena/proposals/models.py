"""Proposals, supports and each person's support budget in a cycle.

Counts are kept as counters updated in the same transaction as the support
rows, so a page never has to count supports and the budget holds under races.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from arena.accounts.models import User
from arena.arenas.models import CoBenefit, Cycle, Theme
from arena.core.columns import link_table
from arena.core.mixins import Hideable
from arena.core.time import utcnow
from arena.extensions import db
from arena.organisations.models import Organisation

if TYPE_CHECKING:
    from arena.workshops.models import Workshop


class ProposalStatus(enum.StrEnum):
    """Where a proposal is in the cycle. Being hidden is separate (Hideable), so
    restoring a hidden proposal brings back whatever status it had."""

    PUBLISHED = "published"
    WITHDRAWN = "withdrawn"
    MERGED = "merged"
    SELECTED = "selected"
    NOT_SELECTED = "not_selected"


proposal_co_benefits = link_table("proposal_co_benefits", "proposals", "co_benefits")

# The statuses lists show (queries.is_listed).
LISTED_STATUSES = (ProposalStatus.PUBLISHED, ProposalStatus.SELECTED, ProposalStatus.NOT_SELECTED)


def listed_sql(row: str = "") -> str:
    """The rule of queries.is_listed() as SQL, over `row` (NEW or OLD in a trigger) or
    the table's own columns: the list indexes' WHERE and the listed counts' triggers.
    The statuses are our own constants, never user input."""
    at = f"{row}." if row else ""
    statuses = ", ".join(f"'{status.value}'" for status in LISTED_STATUSES)
    return f"{at}status IN ({statuses}) AND {at}hidden_at IS NULL"


def _list_index(name: str, *columns: str) -> Index:
    """One order of the public list: walks a cycle's proposals in that order, and holds
    the listed ones only (a partial index), so a far page walks entries a third the size
    of a full index's, none of them to be filtered out. A query uses it when it asks for
    the same condition in the same words (queries.is_listed: literals, not parameters,
    which is how SQLite, and PostgreSQL with a generic plan, know the two agree)."""
    where = text(listed_sql())
    return Index(name, *columns, sqlite_where=where, postgresql_where=where)


class Proposal(Hideable, db.Model):
    __tablename__ = "proposals"
    __table_args__ = (
        CheckConstraint("support_count >= 0", name="support_count_not_negative"),
        # Every proposal has a source: the person who wrote it online, the workshop
        # where it was written on paper, or the platform it was brought in from.
        CheckConstraint(
            "author_id IS NOT NULL OR workshop_id IS NOT NULL OR external_source IS NOT NULL",
            name="has_source",
        ),
        # Brought in once per arena's cycle: a second import of the same file updates it.
        UniqueConstraint("cycle_id", "external_source", "external_id"),
        # The public list in each of its orders, with and without a theme.
        _list_index("ix_proposals_listed_newest", "cycle_id", "created_at", "id"),
        _list_index(
            "ix_proposals_listed_supported", "cycle_id", "support_count", "created_at", "id"
        ),
        _list_index("ix_proposals_listed_theme_newest", "cycle_id", "theme_id", "created_at", "id"),
        _list_index(
            "ix_proposals_listed_theme_supported",
            "cycle_id",
            "theme_id",
            "support_count",
            "created_at",
            "id",
        ),
        # The duplicates merged into a proposal, in the order its page shows them.
        Index("ix_proposals_merged_into", "merged_into_id", "created_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Indexed first in each of the list's indexes (__table_args__).
    cycle_id: Mapped[int] = mapped_column(ForeignKey("cycles.id"))
    theme_id: Mapped[int] = mapped_column(ForeignKey("themes.id"), index=True)
    # None for a paper proposal: its author of record is the workshop (the facilitator
    # who typed it in is in the audit log).
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    title: Mapped[str] = mapped_column(String(120))
    summary: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text, default="")
    # The language the author wrote in, so pages tag it for screen readers.
    language: Mapped[str] = mapped_column(String(8))
    climate_effect: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default=ProposalStatus.PUBLISHED, index=True)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("proposals.id"))
    # Set when a facilitator typed it in from the paper notes of an in-person workshop.
    workshop_id: Mapped[int | None] = mapped_column(ForeignKey("workshops.id"), index=True)
    # Set for a proposal brought in from another platform ("decidim"): that platform is
    # its author of record (the facilitator who imported it is in the audit log), and
    # its id and address there let a later import find it again.
    external_source: Mapped[str | None] = mapped_column(String(20))
    external_id: Mapped[str | None] = mapped_column(String(40))
    external_url: Mapped[str | None] = mapped_column(String(500))
    # Counted on that platform and shown apart, as workshop votes are: never added to
    # this site's supports, the budget or the ranking.
    external_supports: Mapped[int | None]
    external_endorsements: Mapped[int | None]
    # The facilitator's public motivation when the proposal was selected or not.
    decision_note: Mapped[str | None] = mapped_column(Text)
    decided_at: Mapped[datetime | None]
    support_count: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    cycle: Mapped[Cycle] = relationship()
    theme: Mapped[Theme] = relationship()
    author: Mapped[User | None] = relationship(foreign_keys=[author_id])
    organisation: Mapped[Organisation | None] = relationship()
    co_benefits: Mapped[list[CoBenefit]] = relationship(
        secondary=proposal_co_benefits, order_by="CoBenefit.sort_order"
    )
    merged_into: Mapped[Proposal | None] = relationship(remote_side=[id])
    workshop: Mapped[Workshop | None] = relationship()

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


class Comment(Hideable, db.Model):
    """A comment on a proposal; replies go one level deep (a reply has a parent)."""

    __tablename__ = "comments"
    # A proposal's whole thread in one walk of the index, oldest first.
    __table_args__ = (Index("ix_comments_thread", "proposal_id", "created_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("proposals.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id"), index=True)
    body: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    edited_at: Mapped[datetime | None]

    proposal: Mapped[Proposal] = relationship()
    author: Mapped[User] = relationship(foreign_keys=[author_id])
    parent: Mapped[Comment | None] = relationship(remote_side=[id], back_populates="replies")
    replies: Mapped[list[Comment]] = relationship(
        back_populates="parent", order_by="Comment.created_at"
    )
