"""The shape of the city data set: its sizes, where its rows go, and what the
generating steps (arena.demo.city_*) share while they run."""

from __future__ import annotations

import itertools
import math
import random
from dataclasses import dataclass, field, fields
from datetime import datetime, timedelta

from arena.arenas.models import Cycle
from arena.demo.city_bulk import Writer

CITY_PASSWORD = "city-resident-2026"
CITY_DOMAIN = "city.example.org"

# (arena slug, years before this one, share of the proposals)
CYCLE_SHARES = (
    ("jarva", 0, 0.50),
    ("innerstaden", 0, 0.30),
    ("sgid", 0, 0.08),
    ("jarva", 1, 0.06),
    ("skarholmen", 0, 0.03),
    ("norra-djurgardsstaden", 0, 0.03),
)
# Where people live (their first connection); a fifth also work in another arena.
HOME_SHARES = {
    "jarva": 0.45,
    "innerstaden": 0.30,
    "sgid": 0.10,
    "skarholmen": 0.075,
    "norra-djurgardsstaden": 0.075,
}


@dataclass(frozen=True)
class CitySizes:
    people: int = 50_000
    proposals: int = 20_000
    supports: int = 1_000_000
    comments: int = 100_000
    workshops: int = 200
    commitments: int = 150
    # Supports per person and cycle; None: enough for the supports asked (see city._set_budgets).
    budget: int | None = None
    seed: int = 13

    def total(self) -> int:
        """Rows the progress bar counts: people, proposals, supports, comments,
        workshops and commitments."""
        return sum(getattr(self, f.name) for f in fields(self) if f.name not in ("budget", "seed"))


SMALL = CitySizes(
    people=400, proposals=300, supports=3_000, comments=600, workshops=12, commitments=12
)


@dataclass
class CityCycle:
    """One cycle being filled: its proposals as generated, and the people who may
    support there (city people connected to its arena)."""

    cycle: Cycle
    slug: str
    share: float
    proposal_ids: list[int] = field(default_factory=list)
    created_at: list[datetime] = field(default_factory=list)
    supportable: list[int] = field(default_factory=list)  # ids, most popular first
    listed: list[int] = field(default_factory=list)  # neither hidden nor merged
    people: list[int] = field(default_factory=list)
    supports: int = 0


@dataclass
class City:
    """What the generating steps share."""

    now: datetime
    sizes: CitySizes
    rng: random.Random
    writer: Writer
    facilitator_id: int
    theme_ids: list[int]
    cycles: list[CityCycle]
    people_by_arena: dict[str, list[int]] = field(default_factory=dict)
    arena_ids: dict[str, int] = field(default_factory=dict)


def voting_has_opened(city: City, cycle: Cycle) -> bool:
    return city.now > cycle.voting_opens_at


def share_out(total: int, weights: list[float]) -> list[int]:
    """`total` split by `weights` into whole numbers that add up to `total`."""
    whole = sum(weights) or 1
    parts = [math.floor(total * w / whole) for w in weights]
    for i in range(total - sum(parts)):
        parts[i % len(parts)] += 1
    return parts


def moment(rng: random.Random, start: datetime, end: datetime) -> datetime:
    """A random instant from `start` to `end` (`start` when the span is empty)."""
    seconds = (end - start).total_seconds()
    return start + timedelta(seconds=rng.random() * seconds) if seconds > 0 else start


def popularity(count: int, steepness: float) -> list[float]:
    """Cumulative weights for `count` items by rank: the first draw the most, the
    steeper the more (for `random.choices(cum_weights=…)`)."""
    return list(itertools.accumulate(1 / (rank + 5) ** steepness for rank in range(count)))
