"""Which commitment actions each phase of the cycle opens: the one place that says so.

Selections, commitments and reviews ask `phase_allows(cycle, now, action)` here
and never compare phases themselves. When `arenas/phases.py` gets its own table
of what each phase opens, this module is the only one to switch over to it.
"""

from datetime import datetime

from arena.arenas.phases import Phase, phase_at

# Selection runs after voting has closed and before testing starts; a commitment's
# texts and indicators can change from selection until the cycle closes; check-ins
# are taken while it is tested and reviewed; the review has its own phase.
ACTION_PHASES = {
    "select": (Phase.SELECTION,),
    "edit_commitment": (Phase.SELECTION, Phase.TESTING, Phase.REVIEW),
    "check_in": (Phase.TESTING, Phase.REVIEW),
    "review": (Phase.REVIEW,),
}


def phase_allows(cycle, now: datetime, action: str) -> bool:
    """Whether the cycle's phase at `now` opens `action` (a key of ACTION_PHASES)."""
    return phase_at(cycle, now) in ACTION_PHASES[action]
