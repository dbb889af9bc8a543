"""Who may review a commitment or adopt a scaled-up one, and when: each rule says why not.

A commitment is reviewed once, by the arena's facilitators, while its cycle is
in the review phase. A scaled-up commitment is offered to every other arena;
their facilitators adopt it into their newest cycle that has not started
testing, once per arena.
"""

from __future__ import annotations

import math
from datetime import datetime

from flask_babel import format_date
from flask_babel import gettext as _

from arena.arenas.models import Arena, Cycle
from arena.arenas.phases import Action, phase_allows
from arena.commitments.models import OPEN_STATUSES, Commitment, CommitmentStatus, IndicatorDirection
from arena.core.permissions import is_facilitator_of


def is_awaiting_review(commitment: Commitment) -> bool:
    """Not reviewed yet: no review row, and still planned or active."""
    return commitment.review is None and commitment.status in OPEN_STATUSES


def why_not_review(user, commitment: Commitment, *, now: datetime) -> str | None:
    """The arena's facilitators, while the commitment's cycle is in its review phase."""
    arena = commitment.arena
    if not is_facilitator_of(user, arena):
        return _("Only the facilitators of %(arena)s can do this.", arena=arena.name)
    if not is_awaiting_review(commitment):
        return _("This commitment has already been reviewed.")
    cycle = commitment.cycle
    if phase_allows(cycle, Action.REVIEW, now):
        return None
    if now < cycle.review_starts_at:
        start = format_date(cycle.review_starts_at, "long")
        return _("The review in %(arena)s starts on %(start)s.", arena=arena.name, start=start)
    end = format_date(cycle.closes_at, "long")
    return _("The review in %(arena)s ended on %(end)s.", arena=arena.name, end=end)


def can_review(user, commitment: Commitment, *, now: datetime) -> bool:
    return why_not_review(user, commitment, now=now) is None


def adoption_cycle(arena: Arena, now: datetime) -> Cycle | None:
    """The arena's newest cycle that has not started testing: where adoptions go."""
    cycles = [c for c in arena.cycles if now < c.testing_starts_at]
    return max(cycles, key=lambda c: c.year) if cycles else None


def is_offered(commitment: Commitment) -> bool:
    return commitment.status == CommitmentStatus.SCALED_UP


def why_not_adopt(
    user, offer: Commitment, arena: Arena, *, now: datetime, adopted: bool
) -> str | None:
    """`adopted`: whether `arena` has already adopted the offer (looked up by the caller)."""
    if not is_facilitator_of(user, arena):
        return _("Only the facilitators of %(arena)s can do this.", arena=arena.name)
    if not is_offered(offer):
        return _("This commitment is not offered for adoption.")
    if offer.arena_id == arena.id:
        return _("This is a scale-up to the same arena: it can only be adopted by other arenas.")
    if adopted:
        return _("%(arena)s has already adopted this commitment.", arena=arena.name)
    if adoption_cycle(arena, now) is None:
        return _(
            "%(arena)s has no cycle that has not started testing yet. Create next year's "
            "cycle first, then adopt the commitment.",
            arena=arena.name,
        )
    return None


def can_adopt(user, offer: Commitment, arena: Arena, *, now: datetime, adopted: bool) -> bool:
    return why_not_adopt(user, offer, arena, now=now, adopted=adopted) is None


def target_problem(direction: str, baseline: float | None, target: float | None) -> str | None:
    """Why this target cannot be used with this baseline, or None if it can."""
    if baseline is None or target is None:
        return None  # the missing number has its own message
    if math.isclose(baseline, target):
        return _("The target must differ from the baseline.")
    if direction == IndicatorDirection.UP and target < baseline:
        return _("Less is not the aim for this indicator: the target must be above the baseline.")
    if direction == IndicatorDirection.DOWN and target > baseline:
        return _("Less is the aim for this indicator: the target must be below the baseline.")
    return None


def why_not_change_review(
    user, commitment: Commitment, next_cycle: Cycle | None, *, now: datetime
) -> str | None:
    """The arena's facilitators may change a decision until the arena's next cycle starts
    (`next_cycle`: the cycle after the commitment's, looked up by the caller)."""
    arena = commitment.arena
    if not is_facilitator_of(user, arena):
        return _("Only the facilitators of %(arena)s can do this.", arena=arena.name)
    if commitment.review is None:
        return _("This commitment has not been reviewed yet.")
    if next_cycle is not None and now >= next_cycle.proposing_opens_at:
        return _(
            "The decision can no longer be changed: the %(year)d cycle of %(arena)s started "
            "on %(start)s.",
            year=next_cycle.year,
            arena=arena.name,
            start=format_date(next_cycle.proposing_opens_at, "long"),
        )
    return None


def can_change_review(user, commitment: Commitment, next_cycle: Cycle | None, *, now) -> bool:
    return why_not_change_review(user, commitment, next_cycle, now=now) is None
