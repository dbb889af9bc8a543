"""Indicators: what a commitment measures, from a baseline towards a target.

Owners and the arena's facilitators add, change and delete them from
selection until the cycle closes (`rules.why_not_manage_indicators`). An
indicator that already has measured values is never deleted (the values
would lose their meaning); the database's RESTRICT foreign key backs that up.
Facilitators' changes go to the audit log.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime

from flask_babel import gettext as _

from arena.audit import services as audit
from arena.commitments import queries, rules
from arena.commitments.models import (
    DEFAULT_REPORTING_INTERVAL,
    Commitment,
    Indicator,
    IndicatorDirection,
)
from arena.commitments.services import refuse_if
from arena.core.database import added
from arena.core.errors import ActionRefused
from arena.core.permissions import is_facilitator_of
from arena.extensions import db


@dataclass(frozen=True)
class IndicatorData:
    name: str
    unit: str
    direction: str
    baseline_value: float
    baseline_on: date
    target_value: float
    target_on: date
    method: str = ""
    reported_by: str = ""
    reporting_interval: str = DEFAULT_REPORTING_INTERVAL.value


def problems(data: IndicatorData) -> dict[str, str]:
    """What is wrong with baseline and target, by field name (empty when all is well).

    The same checks as the database's: the target lies beyond the baseline in the
    chosen direction, and is reached after the baseline was measured.
    """
    found = {}
    if data.target_value == data.baseline_value:
        found["target_value"] = _("The target must differ from the baseline.")
    elif data.direction == IndicatorDirection.UP and data.target_value < data.baseline_value:
        found["target_value"] = _(
            "When more is better, the target must be higher than the baseline."
        )
    elif data.direction == IndicatorDirection.DOWN and data.target_value > data.baseline_value:
        found["target_value"] = _(
            "When less is better, the target must be lower than the baseline."
        )
    if data.target_on <= data.baseline_on:
        found["target_on"] = _("The target date must be after the baseline date.")
    return found


def ensure_can_manage(user, commitment: Commitment, *, now: datetime) -> None:
    refuse_if(
        rules.why_not_manage_indicators(user, commitment, now=now),
        moot=rules.is_manager(user, commitment),
    )


def _check(data: IndicatorData) -> None:
    found = problems(data)
    if found:
        raise ActionRefused(" ".join(found.values()), 409, problems=found)


def _audit(actor, action: str, indicator: Indicator, commitment: Commitment, **details) -> None:
    if is_facilitator_of(actor, commitment.arena):
        audit.record(
            actor,
            action,
            arena=commitment.arena,
            target=indicator,
            commitment_id=commitment.id,
            **details,
        )


def _plain(data: IndicatorData) -> dict:
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in asdict(data).items()}


def add_indicator(
    actor, commitment: Commitment, data: IndicatorData, *, now: datetime
) -> Indicator:
    ensure_can_manage(actor, commitment, now=now)
    _check(data)
    indicator = added(
        Indicator(
            commitment=commitment,
            sort_order=len(commitment.indicators),
            created_at=now,
            **asdict(data),
        )
    )
    _audit(actor, "indicator.add", indicator, commitment, values=_plain(data))
    return indicator


def edit_indicator(actor, indicator: Indicator, data: IndicatorData, *, now: datetime) -> None:
    commitment = indicator.commitment
    ensure_can_manage(actor, commitment, now=now)
    _check(data)
    for key, value in asdict(data).items():
        setattr(indicator, key, value)
    db.session.flush()
    _audit(actor, "indicator.edit", indicator, commitment, values=_plain(data))


def delete_indicator(actor, indicator: Indicator, *, now: datetime) -> None:
    """Delete an indicator that has no measured values yet."""
    commitment = indicator.commitment
    ensure_can_manage(actor, commitment, now=now)
    if queries.has_values(indicator):
        raise ActionRefused(
            _(
                "“%(name)s” already has measured values, so it cannot be deleted. "
                "Change its name or target instead.",
                name=indicator.name,
            ),
            409,
        )
    _audit(actor, "indicator.delete", indicator, commitment, name=indicator.name)
    db.session.delete(indicator)
    db.session.flush()
