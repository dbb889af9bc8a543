"""Staff's recommendation that a scaled-up commitment be taken up by the whole city.

Kept apart from the review: the review is the arena's decision, this is the city's
word on it. One recommendation per commitment; withdrawing it deletes the row, and
the audit log keeps who recommended and withdrew what, when and why.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from arena.core.time import utcnow
from arena.extensions import db

if TYPE_CHECKING:  # related by name, so the model needs no import of other packages
    from arena.staff.sources import Commitment, User

MAX_NOTE = 1000


class CityRecommendation(db.Model):
    __tablename__ = "city_recommendations"

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(
        ForeignKey("commitments.id", ondelete="CASCADE"), unique=True
    )
    note: Mapped[str] = mapped_column(Text)
    recommended_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    recommended_at: Mapped[datetime] = mapped_column(default=utcnow)

    commitment: Mapped[Commitment] = relationship("Commitment")
    recommended_by: Mapped[User] = relationship("User")
