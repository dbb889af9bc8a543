"""The yearly review of a commitment, its next version, and adoption elsewhere.

Rules (pure predicates taking `now=`) and services (the only code here that
writes: they re-check the rules, flush and never commit) for:

- reviewing a commitment while its cycle is in the review phase: continue
  (carried over unchanged into the arena's next cycle), revise (the same with
  new texts and targets, saying what changed), scale up (offered to every other
  arena) or stop (closed with lessons learned);
- adopting a scaled-up commitment into another arena's current cycle, with the
  numbers adapted to that district.

Every review and adoption writes an audit row in the same transaction.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import format_date, format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from arena.arenas.models import Arena, Cycle
from arena.arenas.phases import Phase, phase_at
from arena.audit import services as audit
from arena.commitments.models import (
    CheckIn,
    Commitment,
    CommitmentStatus,
    Indicator,
    IndicatorDirection,
    IndicatorValue,
    Review,
    ReviewOutcome,
)
from arena.core.errors import ActionRefused
from arena.core.numbers import parse_decimal
from arena.core.permissions import is_facilitator_of, require_facilitator
from arena.extensions import db
from arena.organisations.models import Organisation

# Statuses a commitment has before it is reviewed.
OPEN_STATUSES = (CommitmentStatus.PLANNED, CommitmentStatus.ACTIVE)

STATUS_AFTER = {
    ReviewOutcome.CONTINUE: CommitmentStatus.CONTINUED,
    ReviewOutcome.REVISE: CommitmentStatus.REVISED,
    ReviewOutcome.SCALE_UP: CommitmentStatus.SCALED_UP,
    ReviewOutcome.STOP: CommitmentStatus.STOPPED,
}

OUTCOME_LABELS = {
    ReviewOutcome.CONTINUE: _l("Continue unchanged next year"),
    ReviewOutcome.REVISE: _l("Revise it for next year"),
    ReviewOutcome.SCALE_UP: _l("Scale it up: offer it to other arenas"),
    ReviewOutcome.STOP: _l("Stop it"),
}

# Short forms for tables and the lineage.
OUTCOME_SHORT_LABELS = {
    ReviewOutcome.CONTINUE: _l("Continued"),
    ReviewOutcome.REVISE: _l("Revised"),
    ReviewOutcome.SCALE_UP: _l("Scaled up"),
    ReviewOutcome.STOP: _l("Stopped"),
}

MAX_RATIONALE = 2000


def outcome_label(key: str, short: bool = False) -> str:
    labels = OUTCOME_SHORT_LABELS if short else OUTCOME_LABELS
    try:
        return str(labels[ReviewOutcome(key)])
    except ValueError:
        return key


# --- numbers ---------------------------------------------------------------------


def parse_number(text: str | None) -> float | None:
    """A number typed the Swedish or the English way ("1 234,5", "1234.5"); None when
    it is empty or not a sensible number."""
    try:
        return parse_decimal(text)
    except ValueError:
        return None


def format_number(value: float | None) -> str:
    if value is None:
        return "–"
    return format_decimal(value, format="#,##0.##")


def target_error(direction: str, baseline: float, target: float) -> str | None:
    """Why this target cannot be used with this baseline, or None if it can."""
    if math.isclose(baseline, target):
        return _("The target must differ from the baseline.")
    if direction == IndicatorDirection.UP and target < baseline:
        return _("Less is not the aim for this indicator: the target must be above the baseline.")
    if direction == IndicatorDirection.DOWN and target > baseline:
        return _("Less is the aim for this indicator: the target must be below the baseline.")
    return None


def one_year_later(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


# --- measured values -------------------------------------------------------------


@dataclass(frozen=True)
class Measured:
    value: float
    on: date


def latest_values(indicator_ids) -> dict[int, Measured]:
    """Per indicator, the value of its latest visible check-in (by reported_on), in one query."""
    ids = list(indicator_ids)
    if not ids:
        return {}
    rows = db.session.execute(
        select(IndicatorValue.indicator_id, IndicatorValue.value, CheckIn.reported_on)
        .join(CheckIn, CheckIn.id == IndicatorValue.check_in_id)
        .where(IndicatorValue.indicator_id.in_(ids), CheckIn.hidden_at.is_(None))
        .order_by(CheckIn.reported_on, CheckIn.id)
    )
    found: dict[int, Measured] = {}
    for indicator_id, value, reported_on in rows:
        found[indicator_id] = Measured(value, reported_on)  # later rows win
    return found


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


# --- rules -----------------------------------------------------------------------


def is_open_for_review(commitment: Commitment) -> bool:
    return commitment.review is None and commitment.status in OPEN_STATUSES


def can_review(user, commitment: Commitment, *, now: datetime) -> bool:
    """The arena's facilitators, while the commitment's cycle is in its review phase."""
    return (
        phase_at(commitment.cycle, now) == Phase.REVIEW
        and is_facilitator_of(user, commitment.arena)
        and is_open_for_review(commitment)
    )


def adoption_cycle(arena: Arena, now: datetime) -> Cycle | None:
    """The arena's newest cycle that has not started testing: where adoptions go."""
    cycles = [c for c in arena.cycles if now < c.testing_starts_at]
    return max(cycles, key=lambda c: c.year) if cycles else None


def is_offered(commitment: Commitment) -> bool:
    return commitment.status == CommitmentStatus.SCALED_UP


def can_adopt(user, offer: Commitment, arena: Arena, *, now: datetime) -> bool:
    return (
        is_facilitator_of(user, arena)
        and is_offered(offer)
        and offer.arena_id != arena.id
        and adoption_cycle(arena, now) is not None
        and find_adoption(offer, arena) is None
    )


# --- queries ---------------------------------------------------------------------


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


# --- services --------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorPlan:
    """The numbers of an indicator in a new version or an adoption."""

    source_id: int  # the indicator it is copied from
    baseline_value: float
    baseline_on: date
    target_value: float
    target_on: date


def ensure_can_review(user, commitment: Commitment, *, now: datetime) -> None:
    if can_review(user, commitment, now=now):
        return
    require_facilitator(user, commitment.arena)
    if not is_open_for_review(commitment):
        raise ActionRefused(_("This commitment has already been reviewed."), 409)
    cycle = commitment.cycle
    dates = {
        "arena": commitment.arena.name,
        "start": format_date(cycle.review_starts_at, "long"),
        "end": format_date(cycle.closes_at, "long"),
    }
    if now < cycle.review_starts_at:
        raise ActionRefused(_("The review in %(arena)s starts on %(start)s.", **dates))
    raise ActionRefused(_("The review in %(arena)s ended on %(end)s.", **dates))


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


def _copy_indicators(source: Commitment, new: Commitment, plans: list[IndicatorPlan]) -> None:
    by_id = {i.id: i for i in source.indicators}
    for plan in plans:
        indicator = by_id.get(plan.source_id)
        if indicator is None:
            raise ActionRefused(_("The indicators changed a moment ago. Reload the page."), 409)
        problem = target_error(indicator.direction, plan.baseline_value, plan.target_value)
        if problem is None and plan.baseline_on >= plan.target_on:
            problem = _("The target date must be after the baseline date.")
        if problem:
            raise ActionRefused(f"{indicator.name}: {problem}", 409)
        db.session.add(
            Indicator(
                commitment=new,
                name=indicator.name,
                unit=indicator.unit,
                direction=indicator.direction,
                baseline_value=plan.baseline_value,
                baseline_on=plan.baseline_on,
                target_value=plan.target_value,
                target_on=plan.target_on,
                method=indicator.method,
                reported_by=indicator.reported_by,
                sort_order=indicator.sort_order,
            )
        )


def review_commitment(
    actor,
    commitment: Commitment,
    *,
    now: datetime,
    outcome: str,
    rationale: str,
    measured_result: str | None = None,
    lessons: str = "",
    title: str | None = None,
    description: str | None = None,
    changes: str = "",
    targets: dict[int, float] | None = None,
    check_rules: bool = True,
) -> Review:
    """Record the yearly review; for continue and revise also create next year's version.

    `targets` (revise only) maps an indicator id to its new target value.
    `measured_result` defaults to the text made from the latest measured values.
    `check_rules=False` skips the role and phase checks (demo data only).
    """
    if check_rules:
        ensure_can_review(actor, commitment, now=now)
    elif not is_open_for_review(commitment):
        raise ActionRefused(_("This commitment has already been reviewed."), 409)
    try:
        outcome = ReviewOutcome(outcome)
    except ValueError:
        raise ActionRefused(_("Choose what happens to the commitment."), 400) from None
    if not rationale:
        raise ActionRefused(_("Say why."), 400)
    if outcome == ReviewOutcome.STOP and not lessons:
        raise ActionRefused(_("Write what was learned."), 400)
    if outcome == ReviewOutcome.REVISE and not changes:
        raise ActionRefused(_("Say what changed and why."), 400)

    next_version = None
    if outcome in (ReviewOutcome.CONTINUE, ReviewOutcome.REVISE):
        cycle = next_cycle_of(commitment.cycle)
        if cycle is None:
            raise ActionRefused(
                _(
                    "%(arena)s has no cycle for %(year)d yet. Create next year's cycle first, "
                    "then review the commitment.",
                    arena=commitment.arena.name,
                    year=commitment.cycle.year + 1,
                ),
                409,
            )
        revise = outcome == ReviewOutcome.REVISE
        next_version = Commitment(
            arena_id=commitment.arena_id,
            cycle_id=cycle.id,
            title=(title or commitment.title) if revise else commitment.title,
            description=(description if description is not None else commitment.description)
            if revise
            else commitment.description,
            language=commitment.language,
            status=CommitmentStatus.PLANNED,
            location=commitment.location,
            climate_effect=commitment.climate_effect,
            changes=changes if revise else "",
            previous_id=commitment.id,
            created_by_id=getattr(actor, "id", None),
            created_at=now,
            owner_users=list(commitment.owner_users),
            owner_organisations=list(commitment.owner_organisations),
            themes=list(commitment.themes),
            co_benefits=list(commitment.co_benefits),
            proposals=list(commitment.proposals),
        )
        db.session.add(next_version)
        plans = carry_over_plans(commitment, targets if revise else None)
        if not revise:
            for plan in plans:
                indicator = next(i for i in commitment.indicators if i.id == plan.source_id)
                if target_error(indicator.direction, plan.baseline_value, plan.target_value):
                    raise ActionRefused(
                        _(
                            "%(name)s has already reached its target, so the same target "
                            "cannot be carried over. Revise the commitment with a new target.",
                            name=indicator.name,
                        ),
                        409,
                    )
        _copy_indicators(commitment, next_version, plans)

    if measured_result is None:
        measured_result = measured_result_text(commitment)
    review = Review(
        commitment=commitment,
        outcome=outcome,
        rationale=rationale,
        measured_result=measured_result,
        lessons=lessons,
        decided_by_id=getattr(actor, "id", None),
        decided_at=now,
    )
    db.session.add(review)
    previous_status = commitment.status
    commitment.status = STATUS_AFTER[outcome]
    try:
        db.session.flush()
    except IntegrityError as error:
        raise ActionRefused(
            _("Someone reviewed this commitment a moment ago. Reload the page to see it."), 409
        ) from error
    audit.record(
        actor,
        "commitment.review",
        arena=commitment.arena,
        target=commitment,
        reason=rationale,
        outcome=str(outcome),
        previous_status=str(previous_status),
        next_commitment_id=next_version.id if next_version else None,
        changes=changes or None,
        lessons=lessons or None,
    )
    return review


def ensure_can_adopt(user, offer: Commitment, arena: Arena, *, now: datetime) -> Cycle:
    """Says why not, or returns the cycle the adoption goes into."""
    require_facilitator(user, arena)
    if not is_offered(offer):
        raise ActionRefused(_("This commitment is not offered for adoption."), 409)
    if offer.arena_id == arena.id:
        raise ActionRefused(
            _("This is a scale-up to the same arena: it can only be adopted by other arenas."),
            409,
        )
    if find_adoption(offer, arena) is not None:
        raise ActionRefused(
            _("%(arena)s has already adopted this commitment.", arena=arena.name), 409
        )
    cycle = adoption_cycle(arena, now)
    if cycle is None:
        raise ActionRefused(
            _(
                "%(arena)s has no cycle that has not started testing yet. Create next year's "
                "cycle first, then adopt the commitment.",
                arena=arena.name,
            ),
            409,
        )
    return cycle


def adopt_commitment(
    actor,
    offer: Commitment,
    arena: Arena,
    *,
    now: datetime,
    title: str,
    description: str,
    indicators: list[IndicatorPlan],
    owner_organisations: list[Organisation] = (),
    check_rules: bool = True,
) -> Commitment:
    """Adopt a scaled-up commitment into `arena`'s current cycle with adapted numbers.

    `indicators` holds one plan per indicator of the offer (source_id = its id).
    `check_rules=False` skips only the facilitator check (demo data).
    """
    if check_rules:
        cycle = ensure_can_adopt(actor, offer, arena, now=now)
    else:
        cycle = adoption_cycle(arena, now)
        if cycle is None or offer.arena_id == arena.id or not is_offered(offer):
            raise ActionRefused(_("This commitment is not offered for adoption."), 409)
    if not title:
        raise ActionRefused(_("Give the commitment a title."), 400)
    if sorted(p.source_id for p in indicators) != sorted(i.id for i in offer.indicators):
        raise ActionRefused(_("The indicators changed a moment ago. Reload the page."), 409)
    allowed = {o.id for o in arena_organisations(arena)}
    if any(o.id not in allowed for o in owner_organisations):
        raise ActionRefused(
            _("Owners must be organisations active in %(arena)s.", arena=arena.name), 409
        )
    adopted = Commitment(
        arena_id=arena.id,
        cycle_id=cycle.id,
        title=title,
        description=description,
        language=offer.language,
        status=CommitmentStatus.PLANNED,
        location="",
        climate_effect=offer.climate_effect,
        origin_id=offer.id,
        created_by_id=getattr(actor, "id", None),
        created_at=now,
        themes=list(offer.themes),
        co_benefits=list(offer.co_benefits),
        owner_organisations=list(owner_organisations),
    )
    db.session.add(adopted)
    _copy_indicators(offer, adopted, indicators)
    already = _("%(arena)s has already adopted this commitment.", arena=arena.name)
    try:
        db.session.flush()
    except IntegrityError as error:
        # Another facilitator adopted it a moment ago; the view rolls back.
        raise ActionRefused(already, 409) from error
    audit.record(
        actor,
        "commitment.adopt",
        arena=arena,
        target=adopted,
        origin_id=offer.id,
        origin_arena_id=offer.arena_id,
        cycle_year=cycle.year,
        owner_organisation_ids=[o.id for o in owner_organisations] or None,
    )
    return adopted


def arena_organisations(arena: Arena) -> list[Organisation]:
    from arena.commitments.queries import list_arena_organisations

    return list_arena_organisations(arena)
