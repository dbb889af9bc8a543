"""A commitment's family: its versions across years and the arenas it spread to.

Read-only. `previous` links a version to last year's, `origin` an adoption to
the scaled-up commitment it came from; the family is everything reachable
through either link in either direction. It is loaded breadth-first with one
IN query per step (plus one each for reviews, indicators and latest values),
never one query per commitment, and a `seen` set guards against cycles.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from arena.commitments.models import Commitment, Indicator
from arena.commitments.queries import Measured, latest_values
from arena.core.charts import progress
from arena.extensions import db
from arena.reviews.models import Review

MAX_STEPS = 100  # a family is a handful of commitments; this only stops runaway data


@dataclass(frozen=True)
class IndicatorResult:
    """One indicator of one member of the family, with its latest value."""

    commitment: Commitment
    indicator: Indicator
    latest: Measured | None

    @property
    def progress(self) -> float | None:
        return progress(
            self.indicator.baseline_value,
            self.latest.value if self.latest else None,
            self.indicator.target_value,
        )


@dataclass
class Lineage:
    commitment: Commitment  # the one the page is about
    members: list[Commitment] = field(default_factory=list)  # by year, then arena
    reviews: dict[int, Review] = field(default_factory=dict)
    results: list[IndicatorResult] = field(default_factory=list)

    @property
    def root(self) -> Commitment:
        ids = {m.id for m in self.members}
        for member in self.members:
            if member.previous_id not in ids and member.origin_id not in ids:
                return member
        return self.members[0]

    @property
    def has_family(self) -> bool:
        return len(self.members) > 1

    @property
    def arena_count(self) -> int:
        return len({m.arena_id for m in self.members})


def family_ids(commitment_id: int) -> set[int]:
    """Ids of every commitment linked to this one by previous/origin, either way."""
    seen = {commitment_id}
    frontier = {commitment_id}
    for _step in range(MAX_STEPS):
        if not frontier:
            break
        rows = db.session.execute(
            select(Commitment.id, Commitment.previous_id, Commitment.origin_id).where(
                or_(
                    Commitment.id.in_(frontier),
                    Commitment.previous_id.in_(frontier),
                    Commitment.origin_id.in_(frontier),
                )
            )
        )
        found = set()
        for row_id, previous_id, origin_id in rows:
            found.update(i for i in (row_id, previous_id, origin_id) if i is not None)
        frontier = found - seen
        seen |= frontier
    return seen


def _members(commitment: Commitment, ids: set[int]) -> list[Commitment]:
    if ids == {commitment.id}:
        # Most commitments have no family: the page's own is loaded already.
        return [commitment]
    return list(
        db.session.scalars(
            select(Commitment)
            .where(Commitment.id.in_(ids))
            .options(
                selectinload(Commitment.arena),
                selectinload(Commitment.cycle),
                selectinload(Commitment.indicators),
            )
        )
    )


def get_lineage(commitment: Commitment) -> Lineage:
    ids = family_ids(commitment.id)
    members = _members(commitment, ids)
    members.sort(key=lambda c: (c.cycle.year, c.arena.name.casefold(), c.id))
    reviews = {
        r.commitment_id: r
        for r in db.session.scalars(select(Review).where(Review.commitment_id.in_(ids)))
    }
    indicators = [(m, i) for m in members for i in m.indicators]
    latest = latest_values(i.id for _m, i in indicators)
    results = [IndicatorResult(m, i, latest.get(i.id)) for m, i in indicators]
    # The same indicator in every arena and year next to each other.
    results.sort(
        key=lambda r: (
            r.indicator.name.casefold(),
            r.indicator.unit,
            r.commitment.cycle.year,
            r.commitment.arena.name.casefold(),
            r.commitment.id,
        )
    )
    return Lineage(commitment=commitment, members=members, reviews=reviews, results=results)
