"""Organisations that take part in arenas, their members and the invitations to join.

A row in `organisation_members` is an accepted member, always: nobody is a member
until they have said yes (or created the organisation). An invitation lives in its
own table until the invited person accepts it, declines it, or it expires, so
every page, rule and count that reads `Organisation.members` sees accepted members
only, without a filter anyone could forget.
"""

from __future__ import annotations

import enum
from datetime import datetime, timedelta

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from arena.accounts.models import User
from arena.arenas.models import Arena
from arena.core.columns import link_table
from arena.core.time import utcnow
from arena.extensions import db


class OrganisationKind(enum.StrEnum):
    ASSOCIATION = "association"
    BUSINESS = "business"
    HOUSING = "housing"
    SCHOOL = "school"
    PUBLIC = "public"


organisation_arenas = link_table("organisation_arenas", "organisations", "arenas")


class Organisation(db.Model):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(160))
    kind: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(Text, default="")
    website: Mapped[str | None] = mapped_column(String(300))
    # Ongoing activities, for the actor mapping Scale Stockholm asks for.
    activities: Mapped[str] = mapped_column(Text, default="")
    is_verified: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    arenas: Mapped[list[Arena]] = relationship(secondary=organisation_arenas)
    members: Mapped[list[OrganisationMember]] = relationship(
        back_populates="organisation", cascade="all, delete-orphan"
    )
    invitations: Mapped[list[OrganisationInvitation]] = relationship(
        back_populates="organisation",
        cascade="all, delete-orphan",
        order_by="OrganisationInvitation.id",
    )


class OrganisationMember(db.Model):
    __tablename__ = "organisation_members"
    __table_args__ = (UniqueConstraint("organisation_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    is_admin: Mapped[bool] = mapped_column(default=False)

    organisation: Mapped[Organisation] = relationship(back_populates="members")
    user: Mapped[User] = relationship()


INVITATION_LIFETIME = timedelta(days=30)


class OrganisationInvitation(db.Model):
    """An offer to join, addressed to the e-mail address an admin typed.

    It is bound to the address, not to an account: the admin's form answers the same
    whether or not an account has the address, and the account that has it (now or
    later, once the address is confirmed) sees the invitation and may accept it.
    """

    __tablename__ = "organisation_invitations"
    __table_args__ = (UniqueConstraint("organisation_id", "email"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    # Normalised as account addresses are (see accounts.services.normalise_email).
    email: Mapped[str] = mapped_column(String(254), index=True)
    is_admin: Mapped[bool] = mapped_column(default=False)
    invited_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]

    organisation: Mapped[Organisation] = relationship(back_populates="invitations")
    invited_by: Mapped[User | None] = relationship()

    def is_expired(self, now: datetime) -> bool:
        return self.expires_at <= now
