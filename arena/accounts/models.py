"""People and their declared links to arenas.

Personal data (e-mail, password hash, language) sits in nullable columns so
that erasing an account can blank them without breaking links to content.
"""

from __future__ import annotations

import enum
import hmac
import secrets
from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask_babel import gettext
from flask_login import UserMixin
from sqlalchemy import ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship
from werkzeug import security

from arena.core.time import utcnow
from arena.extensions import db

if TYPE_CHECKING:
    from arena.arenas.models import Arena


class ConnectionKind(enum.StrEnum):
    LIVES = "lives"
    WORKS = "works"
    STUDIES = "studies"
    ORGANISATION = "organisation"


def new_session_token() -> str:
    """A fresh random value for `User.session_token` (64 hex characters)."""
    return secrets.token_hex(32)


# Argon2id with OWASP's parameters (19 MiB, 2 passes, 1 lane): as strong against
# guessing as Werkzeug's scrypt (n=2**15, r=8) and 13 MiB lighter, since a worker holds
# each check's memory while it runs. Hashes Werkzeug made (scrypt, pbkdf2) are still
# checked, and replaced at the next sign-in (`password_needs_rehash`).
PASSWORDS = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
ARGON2_PREFIX = "$argon2"


def generate_password_hash(password: str) -> str:
    return PASSWORDS.hash(password)


def check_password_hash(stored: str, password: str) -> bool:
    if not stored.startswith(ARGON2_PREFIX):
        return security.check_password_hash(stored, password)
    try:
        return PASSWORDS.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


@cache
def _dummy_hash() -> str:
    # Made with PASSWORDS itself (not through this module's name, which tests swap for
    # a quick variant), so it costs what a real account's check costs.
    return PASSWORDS.hash(secrets.token_hex(16))


def check_no_password(password: str) -> bool:
    """Check `password` against a hash nobody knows: as much work as a real check, for
    sign-ins with an address no account has, so the time taken does not tell."""
    check_password_hash(_dummy_hash(), password)
    return False


class User(UserMixin, db.Model):
    __tablename__ = "users"
    # The few deleted accounts, for the open data's freshness (opendata/freshness.py):
    # whether an author of a year's proposals was deleted since, without reading all.
    __table_args__ = (
        Index(
            "ix_users_deleted_at",
            "deleted_at",
            sqlite_where=text("deleted_at IS NOT NULL"),
            postgresql_where=text("deleted_at IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stored lower-cased, so uniqueness is case-insensitive on every database.
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    # Erasure: the column keeps its name; `display_name` reads it, and after deletion
    # says "Deleted user" in the reader's language, so no template has to ask.
    stored_name: Mapped[str] = mapped_column("display_name", String(80))

    @hybrid_property
    def display_name(self) -> str:
        return gettext("Deleted user") if self.deleted_at is not None else self.stored_name

    @display_name.inplace.setter
    def _display_name_setter(self, value: str) -> None:
        self.stored_name = value

    @display_name.inplace.expression
    @classmethod
    def _display_name_expression(cls):
        return cls.stored_name

    preferred_language: Mapped[str | None] = mapped_column(String(8))
    is_admin: Mapped[bool] = mapped_column(default=False)
    is_staff: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    verified_at: Mapped[datetime | None]
    deleted_at: Mapped[datetime | None]
    # Part of every session cookie's user id: changing it ends every session at once
    # (sign-out, "sign out everywhere", a new password). See accounts.sessions.
    session_token: Mapped[str] = mapped_column(String(64), default=new_session_token)

    connections: Mapped[list[ArenaConnection]] = relationship(
        back_populates="user", cascade="all, delete-orphan", order_by="ArenaConnection.id"
    )
    facilitator_roles: Mapped[list[FacilitatorRole]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password)

    def check_password(self, password: str) -> bool:
        """Whether `password` is this account's; as slow without a password as with one."""
        if not self.password_hash:
            return check_no_password(password)
        return check_password_hash(self.password_hash, password)

    def password_needs_rehash(self) -> bool:
        """The stored hash is of an older kind (scrypt, pbkdf2) or made with other
        parameters than today's: to be replaced once the password is known."""
        stored = self.password_hash
        if not stored:
            return False
        if not stored.startswith(ARGON2_PREFIX):
            return True
        try:
            return PASSWORDS.check_needs_rehash(stored)
        except InvalidHashError:
            return True

    def get_id(self) -> str:
        """Flask-Login's id in the session cookie: the account and its session token,
        so a cookie stops working once the token changes."""
        if self.session_token is None:  # not flushed yet
            self.session_token = new_session_token()
        return f"{self.id}:{self.session_token}"

    def has_session_token(self, token: str) -> bool:
        return hmac.compare_digest(self.session_token.encode(), token.encode())

    @property
    def is_verified(self) -> bool:
        """The address is proven (a mail link was followed), or an access code made it."""
        return self.verified_at is not None

    @property
    def is_active(self) -> bool:  # Flask-Login: deleted accounts cannot sign in
        return self.deleted_at is None

    def is_connected_to(self, arena: Arena) -> bool:
        return any(c.arena_id == arena.id for c in self.connections)

    def facilitates(self, arena: Arena) -> bool:
        return any(r.arena_id == arena.id for r in self.facilitator_roles)

    def __repr__(self) -> str:
        return f"<User {self.id} {self.display_name!r}>"


class _ArenaLink:
    """A person's link to one arena: at most one per person and arena, and gone with the
    person's account."""

    @declared_attr.directive
    def __table_args__(cls) -> tuple:
        return (UniqueConstraint("user_id", "arena_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    arena_id: Mapped[int] = mapped_column(ForeignKey("arenas.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ArenaConnection(_ArenaLink, db.Model):
    """A person's declared link to an arena: it lets them propose and support there."""

    __tablename__ = "arena_connections"

    kind: Mapped[str] = mapped_column(String(20))

    user: Mapped[User] = relationship(back_populates="connections")
    arena: Mapped[Arena] = relationship()


class FacilitatorRole(_ArenaLink, db.Model):
    """Makes a user facilitator of one arena; facilitator powers stop at its border."""

    __tablename__ = "facilitator_roles"

    user: Mapped[User] = relationship(back_populates="facilitator_roles")
    arena: Mapped[Arena] = relationship()
