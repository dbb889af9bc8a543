"""Every model and query of other packages that the staff pages read, in this one module,
so a model or query that moves changes only the imports below."""

from arena.accounts.models import User
from arena.arenas.models import Arena, Cycle, DistrictStatistic, Theme
from arena.arenas.phases import Phase, phase_at, results_are_public
from arena.arenas.queries import list_themes
from arena.commitments.charts import indicator_chart
from arena.commitments.models import (
    DEFAULT_CHECK_IN_INTERVAL_DAYS,
    CheckIn,
    Commitment,
    CommitmentStatus,
    Indicator,
    IndicatorValue,
    Pledge,
)
from arena.commitments.queries import (
    CommitmentProgress,
    IndicatorProgress,
    get_commitment_or_404,
    get_progress,
    latest_values,
)
from arena.commitments.views import commitment_status_label
from arena.core.charts import progress
from arena.exports.privacy import redact_emails
from arena.exports.scope import ScopeNotFound
from arena.exports.scope import resolve as resolve_scope
from arena.proposals.models import Comment, Proposal, ProposalStatus, Support
from arena.proposals.queries import LISTED_STATUSES
from arena.reminders.queries import overdue_commitment_ids
from arena.representation.counting import participations
from arena.representation.queries import summarise as summarise_representation
from arena.representation.questions import MIN_GROUP_SIZE
from arena.reviews.labels import outcome_label
from arena.reviews.models import Review, ReviewOutcome
from arena.selections.results import list_chosen, ranked_totals
from arena.workshops.models import Workshop, WorkshopTally

__all__ = [
    "DEFAULT_CHECK_IN_INTERVAL_DAYS",
    "MIN_GROUP_SIZE",
    "overdue_commitment_ids",
    "LISTED_STATUSES",
    "Arena",
    "CheckIn",
    "Comment",
    "Commitment",
    "CommitmentProgress",
    "CommitmentStatus",
    "Cycle",
    "DistrictStatistic",
    "Indicator",
    "IndicatorProgress",
    "IndicatorValue",
    "Phase",
    "Pledge",
    "Proposal",
    "ProposalStatus",
    "Review",
    "ReviewOutcome",
    "ScopeNotFound",
    "Support",
    "Theme",
    "User",
    "Workshop",
    "WorkshopTally",
    "commitment_status_label",
    "get_commitment_or_404",
    "get_progress",
    "list_chosen",
    "list_themes",
    "ranked_totals",
    "indicator_chart",
    "latest_values",
    "outcome_label",
    "phase_at",
    "progress",
    "redact_emails",
    "resolve_scope",
    "results_are_public",
    "participations",
    "summarise_representation",
]
