"""Every model and query of other packages that the staff pages read, in this one module.

Other packages are being reshaped; when a model or a query moves, only the imports
below change, never the staff pages. Each page's block is kept apart.
"""

# --- Ready to scale and the year's report ("scale") -----------------------------------
from arena.accounts.models import User
from arena.arenas.models import Arena, Cycle, Theme
from arena.arenas.phases import phase_at
from arena.commitments.followup_views import indicator_chart
from arena.commitments.models import (
    CheckIn,
    Commitment,
    Indicator,
    IndicatorValue,
    Pledge,
    Review,
    ReviewOutcome,
)
from arena.commitments.queries import (
    CommitmentProgress,
    IndicatorProgress,
    get_commitment_or_404,
    get_progress,
    get_results,
)
from arena.commitments.review import latest_values, outcome_label
from arena.commitments.views import commitment_status_label
from arena.exports.scope import ScopeNotFound
from arena.exports.scope import resolve as resolve_scope
from arena.proposals.models import ProposalStatus
from arena.workshops.models import Workshop

__all__ = [
    "Arena",
    "CheckIn",
    "Commitment",
    "CommitmentProgress",
    "Cycle",
    "Indicator",
    "IndicatorProgress",
    "IndicatorValue",
    "Pledge",
    "ProposalStatus",
    "Review",
    "ReviewOutcome",
    "ScopeNotFound",
    "Theme",
    "User",
    "Workshop",
    "commitment_status_label",
    "get_commitment_or_404",
    "get_progress",
    "get_results",
    "indicator_chart",
    "latest_values",
    "outcome_label",
    "phase_at",
    "resolve_scope",
]
