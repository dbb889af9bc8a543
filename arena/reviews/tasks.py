"""What a facilitator has to do about adoptions: the offers from other arenas that
their arena has not adopted yet and they can adopt now. Read-only; shown among the
facilitator's tasks on the arena's manage page."""

from __future__ import annotations

from datetime import datetime

from arena.arenas.models import Arena
from arena.reviews.queries import Offer, list_offers
from arena.reviews.rules import can_adopt


def list_adoption_tasks(user, arena: Arena, *, now: datetime) -> list[Offer]:
    """Offers not adopted in `arena` yet that `user` may adopt into it now."""
    return [
        offer
        for offer in list_offers(arena)
        if offer.adopted_as is None
        and can_adopt(user, offer.commitment, arena, now=now, adopted=False)
    ]
