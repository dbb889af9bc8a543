"""The yearly cycle's phases, derived from its dates: the one source of truth.

A cycle is *upcoming* before proposing opens and *closed* after it ends; in
between it moves through proposing → voting → selection → testing → review.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from arena.arenas.models import Cycle


class Phase(enum.StrEnum):
    UPCOMING = "upcoming"
    PROPOSING = "proposing"
    VOTING = "voting"
    SELECTION = "selection"
    TESTING = "testing"
    REVIEW = "review"
    CLOSED = "closed"


# Each phase and the cycle date on which it starts, in order.
PHASE_STARTS = (
    (Phase.PROPOSING, "proposing_opens_at"),
    (Phase.VOTING, "voting_opens_at"),
    (Phase.SELECTION, "voting_closes_at"),
    (Phase.TESTING, "testing_starts_at"),
    (Phase.REVIEW, "review_starts_at"),
    (Phase.CLOSED, "closes_at"),
)


def phase_at(cycle: Cycle, now: datetime) -> Phase:
    """The phase the cycle is in at `now`; a phase includes its start instant."""
    current = Phase.UPCOMING
    for phase, attr in PHASE_STARTS:
        if now >= getattr(cycle, attr):
            current = phase
        else:
            break
    return current


@dataclass(frozen=True)
class PhaseSpan:
    phase: Phase
    starts_at: datetime
    ends_at: datetime
    is_current: bool
    is_past: bool


def timeline(cycle: Cycle, now: datetime) -> list[PhaseSpan]:
    """The five working phases with their dates, for the arena page's timeline."""
    current = phase_at(cycle, now)
    spans = []
    for (phase, start_attr), (_next, end_attr) in zip(PHASE_STARTS, PHASE_STARTS[1:], strict=False):
        ends_at = getattr(cycle, end_attr)
        spans.append(
            PhaseSpan(
                phase=phase,
                starts_at=getattr(cycle, start_attr),
                ends_at=ends_at,
                is_current=phase == current,
                is_past=now >= ends_at,
            )
        )
    return spans


def results_are_public(cycle: Cycle, now: datetime) -> bool:
    """Support counts are published once voting has closed, not while people vote."""
    return now >= cycle.voting_closes_at
