"""Commitments, their owners, and their lineage across years and arenas.

Versions and spread are both plain links: `previous` is the version this one
revises (last year's), `origin` the commitment it was scaled up from in another
arena, so a page can walk the whole lineage. Indicators, check-ins, pledges and
reviews hang off a commitment (built with the follow-up).
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Column, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from arena.accounts.models import User
from arena.arenas.models import Arena, CoBenefit, Cycle, Theme
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


def _link_table(name: str, left: str, right: str, right_table: str) -> Table:
    return Table(
        name,
        db.metadata,
        Column(left, ForeignKey("commitments.id", ondelete="CASCADE"), primary_key=True),
        Column(right, ForeignKey(f"{right_table}.id", ondelete="CASCADE"), primary_key=True),
    )


commitment_proposals = _link_table("commitment_proposals", "commitment_id", "proposal_id", "proposals")
commitment_owner_users = _link_table("commitment_owner_users", "commitment_id", "user_id", "users")
commitment_owner_organisations = _link_table(
    "commitment_owner_organisations", "commitment_id", "organisation_id", "organisations"
)
commitment_themes = _link_table("commitment_themes", "commitment_id", "theme_id", "themes")
commitment_co_benefits = _link_table(
    "commitment_co_benefits", "commitment_id", "co_benefit_id", "co_benefits"
)


class Commitment(db.Model):
    __tablename__ = "commitments"

    id: Mapped[int] = mapped_column(primary_key=True)
    arena_id: Mapped[int] = mapped_column(ForeignKey("arenas.id"), index=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("cycles.id"), index=True)
    title: Mapped[str] = mapped_column(String(160))
    description: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(8), default="sv")
    status: Mapped[str] = mapped_column(String(20), default=CommitmentStatus.PLANNED, index=True)
    starts_on: Mapped[date | None]
    ends_on: Mapped[date | None]
    previous_id: Mapped[int | None] = mapped_column(ForeignKey("commitments.id"), index=True)
    origin_id: Mapped[int | None] = mapped_column(ForeignKey("commitments.id"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    arena: Mapped[Arena] = relationship()
    cycle: Mapped[Cycle] = relationship()
    previous: Mapped[Commitment | None] = relationship(
        remote_side=[id], foreign_keys=[previous_id]
    )
    origin: Mapped[Commitment | None] = relationship(remote_side=[id], foreign_keys=[origin_id])
    proposals: Mapped[list[Proposal]] = relationship(secondary=commitment_proposals)
    owner_users: Mapped[list[User]] = relationship(secondary=commitment_owner_users)
    owner_organisations: Mapped[list[Organisation]] = relationship(
        secondary=commitment_owner_organisations
    )
    themes: Mapped[list[Theme]] = relationship(secondary=commitment_themes)
    co_benefits: Mapped[list[CoBenefit]] = relationship(secondary=commitment_co_benefits)
