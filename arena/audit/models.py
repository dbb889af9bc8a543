"""The audit log's one table."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from arena.accounts.models import User
from arena.arenas.models import Arena
from arena.core.time import utcnow
from arena.extensions import db


class AuditEntry(db.Model):
    """Who did what, when and why: written in the same transaction as the action."""

    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    # None for actions the system takes itself (e.g. hiding after N reports).
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    arena_id: Mapped[int | None] = mapped_column(ForeignKey("arenas.id"), index=True)
    action: Mapped[str] = mapped_column(String(40), index=True)
    target_type: Mapped[str | None] = mapped_column(String(30))
    target_id: Mapped[int | None]
    reason: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    actor: Mapped[User | None] = relationship()
    arena: Mapped[Arena | None] = relationship()
