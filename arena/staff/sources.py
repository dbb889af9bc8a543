"""Every model and query the staff area reads, imported in this one module.

Other packages are being reshaped (commitments split into selections,
commitments and reviews); when a model or a query moves, only the imports
below change, never the staff area's queries.
"""

# --- compare: the arenas side by side and indicators compared -----------------------
from arena.arenas.models import Arena, Cycle, DistrictStatistic
from arena.arenas.phases import Phase, phase_at, results_are_public
from arena.commitments.models import (
    CheckIn,
    Commitment,
    CommitmentStatus,
    Indicator,
    IndicatorValue,
    Pledge,
)
from arena.core.charts import progress
from arena.proposals.models import Comment, Proposal, Support
from arena.proposals.queries import LISTED_STATUSES
from arena.workshops.models import Workshop, WorkshopTally

# --- end of compare ------------------------------------------------------------------

__all__ = [
    # compare
    "LISTED_STATUSES",
    "Arena",
    "CheckIn",
    "Comment",
    "Commitment",
    "CommitmentStatus",
    "Cycle",
    "DistrictStatistic",
    "Indicator",
    "IndicatorValue",
    "Phase",
    "Pledge",
    "Proposal",
    "Support",
    "Workshop",
    "WorkshopTally",
    "phase_at",
    "progress",
    "results_are_public",
]
