"""What is ready to scale: every commitment whose review says "scale up", with its
measured result, its evidence and the arenas that took it up since.

Read-only. The scaled-up commitments are few (a handful a year in the whole city),
so each brings its own indicator history (for its charts); everything about the
adoptions is read for all of them at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from arena.extensions import db
from arena.staff.scale_models import CityRecommendation
from arena.staff.sources import (
    CheckIn,
    Commitment,
    CommitmentProgress,
    Cycle,
    IndicatorProgress,
    IndicatorValue,
    Review,
    ReviewOutcome,
    get_progress,
    latest_values,
)

LATEST_CHECK_INS = 3
FILTERS = ("all", "recommended", "not-yet")


@dataclass
class Adoption:
    """Another arena's copy of the commitment, and how it does since."""

    progress: CommitmentProgress
    check_in_count: int = 0
    last_check_in_on: object = None

    @property
    def commitment(self) -> Commitment:
        return self.progress.commitment


@dataclass
class ReadyToScale:
    commitment: Commitment
    review: Review
    progress: CommitmentProgress
    check_in_count: int = 0
    latest_check_ins: list[CheckIn] = field(default_factory=list)
    adoptions: list[Adoption] = field(default_factory=list)
    recommendation: CityRecommendation | None = None


@dataclass
class ScaleList:
    items: list[ReadyToScale]
    shown: str  # one of FILTERS
    counts: dict[str, int]


def load_commitments(query, *related) -> list[Commitment]:
    """The commitments `query` selects, with their arena, cycle, review and `related`."""
    loads = (Commitment.arena, Commitment.cycle, Commitment.review, *related)
    return list(db.session.scalars(query.options(*(selectinload(r) for r in loads))))


def totals_by_commitment(column, *figures, where=()) -> dict[int, tuple]:
    """`figures` (aggregates) per value of `column`, a commitment id, in one query."""
    rows = db.session.execute(select(column, *figures).where(*where).group_by(column))
    return {row[0]: tuple(row[1:]) for row in rows}


def _scaled_up() -> list[Commitment]:
    query = (
        select(Commitment)
        .join(Review, Review.commitment_id == Commitment.id)
        .join(Cycle, Cycle.id == Commitment.cycle_id)
        .where(Review.outcome == ReviewOutcome.SCALE_UP)
        .order_by(Cycle.year.desc(), Review.decided_at.desc(), Commitment.id.desc())
    )
    commitments = load_commitments(query, Commitment.check_ins)
    # Their check-ins with the values and indicators shown as evidence.
    db.session.scalars(
        select(CheckIn)
        .where(CheckIn.commitment_id.in_([c.id for c in commitments]))
        .options(selectinload(CheckIn.values).selectinload(IndicatorValue.indicator))
    ).all()
    return commitments


def _check_in_counts(ids: list[int]) -> dict[int, tuple]:
    """Visible check-ins per commitment: how many, and the date of the latest."""
    return totals_by_commitment(
        CheckIn.commitment_id,
        func.count(CheckIn.id),
        func.max(CheckIn.reported_on),
        where=(CheckIn.commitment_id.in_(ids), CheckIn.hidden_at.is_(None)),
    )


def _adoptions(origin_ids: list[int]) -> dict[int, list[Adoption]]:
    query = select(Commitment).where(Commitment.origin_id.in_(origin_ids))
    adopted = load_commitments(query, Commitment.indicators)
    adopted.sort(key=lambda c: (c.cycle.year, c.arena.name.casefold(), c.id))
    latest = latest_values(i.id for c in adopted for i in c.indicators)
    counts = _check_in_counts([c.id for c in adopted])
    found: dict[int, list[Adoption]] = {}
    for commitment in adopted:
        indicators = []
        for indicator in commitment.indicators:
            measured = latest.get(indicator.id)
            indicators.append(
                IndicatorProgress(
                    indicator,
                    measured.value if measured else None,
                    measured.on if measured else None,
                )
            )
        count, last = counts.get(commitment.id, (0, None))
        found.setdefault(commitment.origin_id, []).append(
            Adoption(CommitmentProgress(commitment, indicators), count, last)
        )
    return found


def list_ready_to_scale(shown: str = "all") -> ScaleList:
    """The list, filtered: "all", "recommended" or "not-yet" (anything else: all)."""
    shown = shown if shown in FILTERS else "all"
    commitments = _scaled_up()
    ids = [c.id for c in commitments]
    recommendations = {
        r.commitment_id: r
        for r in db.session.scalars(
            select(CityRecommendation)
            .where(CityRecommendation.commitment_id.in_(ids))
            .options(selectinload(CityRecommendation.recommended_by))
        )
    }
    counts = {
        "all": len(ids),
        "recommended": len(recommendations),
        "not-yet": len(ids) - len(recommendations),
    }
    if shown != "all":
        wanted = shown == "recommended"
        commitments = [c for c in commitments if (c.id in recommendations) == wanted]
    adoptions = _adoptions([c.id for c in commitments]) if commitments else {}
    items = []
    for commitment in commitments:
        visible = [c for c in commitment.check_ins if not c.is_hidden]
        items.append(
            ReadyToScale(
                commitment=commitment,
                review=commitment.review,
                progress=get_progress(commitment),
                check_in_count=len(visible),
                latest_check_ins=list(reversed(visible[-LATEST_CHECK_INS:])),
                adoptions=adoptions.get(commitment.id, []),
                recommendation=recommendations.get(commitment.id),
            )
        )
    return ScaleList(items=items, shown=shown, counts=counts)
