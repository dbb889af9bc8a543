"""Every model and query the staff area reads, imported in this one module.

Other packages are being reshaped (commitments split into selections,
commitments and reviews); when a model or a query moves, only the imports
below change, never the staff area's queries.
"""

# --- compare: the arenas side by side and indicators compared -----------------------

COMPARE = [
    "Arena",
    "CheckIn",
    "Comment",
    "Commitment",
    "CommitmentStatus",
    "Cycle",
    "DistrictStatistic",
    "Indicator",
    "IndicatorValue",
    "LISTED_STATUSES",
    "Phase",
    "Pledge",
    "Proposal",
    "ProposalStatus",
    "Support",
    "Workshop",
    "WorkshopTally",
    "phase_at",
    "progress",
    "results_are_public",
]
# --- end of compare ------------------------------------------------------------------

__all__ = [*COMPARE]
