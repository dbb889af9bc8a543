"""Read-only queries for reviews and adoptions: next year's cycle, offers, the measured
result as text, and next year's indicator numbers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from arena.arenas.models import Arena, Cycle
from arena.commitments.models import Commitment, CommitmentStatus
from arena.commitments.queries import latest_values
from arena.core.numbers import format_number
from arena.core.time import one_year_later
from arena.extensions import db


def next_cycle_of(cycle: Cycle) -> Cycle | None:
    return db.session.scalar(
        select(Cycle).where(Cycle.arena_id == cycle.arena_id, Cycle.year == cycle.year + 1)
    )


def find_adoption(offer: Commitment, arena: Arena) -> Commitment | None:
    return db.session.scalar(
        select(Commitment).where(Commitment.origin_id == offer.id, Commitment.arena_id == arena.id)
    )


@dataclass(frozen=True)
class Offer:
    commitment: Commitment
    adopted_as: Commitment | None  # this arena's adoption of it, if any


def list_offers(arena: Arena) -> list[Offer]:
    """Commitments scaled up in other arenas, newest first, with this arena's adoption."""
    offers = list(
        db.session.scalars(
            select(Commitment)
            .where(Commitment.status == CommitmentStatus.SCALED_UP, Commitment.arena_id != arena.id)
            .options(
                selectinload(Commitment.arena),
                selectinload(Commitment.cycle),
                selectinload(Commitment.review),
            )
            .order_by(Commitment.id.desc())
        )
    )
    if not offers:
        return []
    adopted = {
        c.origin_id: c
        for c in db.session.scalars(
            select(Commitment).where(
                Commitment.arena_id == arena.id,
                Commitment.origin_id.in_([o.id for o in offers]),
            )
        )
    }
    return [Offer(o, adopted.get(o.id)) for o in offers]


def measured_result_text(commitment: Commitment) -> str:
    """The latest values against baseline and target, one line per indicator."""
    latest = latest_values(i.id for i in commitment.indicators)
    lines = []
    for indicator in commitment.indicators:
        measured = latest.get(indicator.id)
        values = {
            "name": indicator.name,
            "unit": indicator.unit,
            "baseline": format_number(indicator.baseline_value),
            "baseline_on": format_date(indicator.baseline_on, "medium"),
            "target": format_number(indicator.target_value),
            "target_on": format_date(indicator.target_on, "medium"),
        }
        if measured is None:
            lines.append(
                _(
                    "%(name)s: not measured yet (baseline %(baseline)s %(unit)s on "
                    "%(baseline_on)s, target %(target)s %(unit)s by %(target_on)s).",
                    **values,
                )
            )
        else:
            lines.append(
                _(
                    "%(name)s: %(latest)s %(unit)s on %(latest_on)s (baseline %(baseline)s "
                    "%(unit)s on %(baseline_on)s, target %(target)s %(unit)s by %(target_on)s).",
                    latest=format_number(measured.value),
                    latest_on=format_date(measured.on, "medium"),
                    **values,
                )
            )
    return "\n".join(lines)


@dataclass(frozen=True)
class IndicatorPlan:
    """The numbers of an indicator in a new version or an adoption."""

    source_id: int  # the indicator it is copied from
    baseline_value: float | None
    baseline_on: date | None
    target_value: float | None
    target_on: date | None


def carry_over_plans(commitment: Commitment, targets: dict[int, float] | None = None):
    """Next year's indicator numbers: baseline = the latest measured value (or the old
    baseline), the same target unless `targets` says otherwise, one year later."""
    latest = latest_values(i.id for i in commitment.indicators)
    plans = []
    for indicator in commitment.indicators:
        measured = latest.get(indicator.id)
        baseline = measured.value if measured else indicator.baseline_value
        baseline_on = measured.on if measured else indicator.baseline_on
        target_on = one_year_later(indicator.target_on)
        if baseline_on >= target_on:
            baseline_on = indicator.target_on
        plans.append(
            IndicatorPlan(
                source_id=indicator.id,
                baseline_value=baseline,
                baseline_on=baseline_on,
                target_value=(targets or {}).get(indicator.id, indicator.target_value),
                target_on=target_on,
            )
        )
    return plans


def next_version_of(commitment: Commitment) -> Commitment | None:
    """Next year's version made by the review (continue or revise), if any."""
    return db.session.scalar(select(Commitment).where(Commitment.previous_id == commitment.id))
