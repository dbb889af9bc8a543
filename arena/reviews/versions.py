"""Next year's version of a reviewed commitment, and copies of indicators with new numbers."""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _

from arena.commitments.models import Commitment, CommitmentStatus, Indicator
from arena.core.errors import ActionRefused
from arena.extensions import db
from arena.reviews import queries, rules
from arena.reviews.queries import IndicatorPlan


def _next_cycle(commitment: Commitment):
    cycle = queries.next_cycle_of(commitment.cycle)
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
    return cycle


def _refuse_reached_targets(commitment: Commitment, plans: list[IndicatorPlan]) -> None:
    """A continued commitment keeps its targets, so none may have been reached already."""
    by_id = {i.id: i for i in commitment.indicators}
    for plan in plans:
        indicator = by_id[plan.source_id]
        if rules.target_problem(indicator.direction, plan.baseline_value, plan.target_value):
            raise ActionRefused(
                _(
                    "%(name)s has already reached its target, so the same target "
                    "cannot be carried over. Revise the commitment with a new target.",
                    name=indicator.name,
                ),
                409,
            )


def create_next_version(
    actor,
    commitment: Commitment,
    *,
    now: datetime,
    revise: bool,
    title: str | None,
    description: str | None,
    changes: str,
    targets: dict | None,
) -> Commitment:
    """Next year's commitment: the same one (continue) or with new texts and targets
    (revise), in the arena's next cycle, with its indicators carried over."""
    cycle = _next_cycle(commitment)
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
    plans = queries.carry_over_plans(commitment, targets if revise else None)
    if not revise:
        _refuse_reached_targets(commitment, plans)
    copy_indicators(commitment, next_version, plans)
    return next_version


def copy_indicators(source: Commitment, new: Commitment, plans: list[IndicatorPlan]) -> None:
    """The source's indicators with the plans' numbers, on the new commitment."""
    by_id = {i.id: i for i in source.indicators}
    for plan in plans:
        indicator = by_id.get(plan.source_id)
        if indicator is None:
            raise ActionRefused(_("The indicators changed a moment ago. Reload the page."), 409)
        problem = rules.target_problem(indicator.direction, plan.baseline_value, plan.target_value)
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
                reporting_interval=indicator.reporting_interval,
                sort_order=indicator.sort_order,
            )
        )
