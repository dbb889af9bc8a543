"""One row per reminder sent: which indicator, to whom, for which due period.

The unique key is what makes the job safe to run on several machines at once:
whoever adds the row sends the mail, everyone else finds it there and sends nothing.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from arena.core.time import utcnow
from arena.extensions import db


class CheckInReminder(db.Model):
    __tablename__ = "check_in_reminders"
    __table_args__ = (UniqueConstraint("indicator_id", "user_id", "due_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(
        ForeignKey("indicators.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # The day the overdue value was due: the start of the due period it reminds of.
    due_on: Mapped[date]
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)
