"""Columns shared by content that facilitators can hide.

Hiding never deletes: the item keeps its place with a public placeholder that
states the reason, and restoring brings it back as it was.
"""

from datetime import datetime

from sqlalchemy import ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column


class Hideable:
    hidden_at: Mapped[datetime | None]
    hidden_reason: Mapped[str | None] = mapped_column(Text)
    hidden_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # True while the item waits for a facilitator after N reports hid it automatically.
    is_auto_hidden: Mapped[bool] = mapped_column(default=False)

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None
