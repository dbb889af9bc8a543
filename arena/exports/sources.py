"""Every model and query the exports read, imported in this one module.

Other packages are being reshaped; when a model or a query moves, only the
imports below change, never the table builders.
"""

from arena.accounts.models import User
from arena.arenas.models import Arena, Cycle, DistrictStatistic, Theme
from arena.arenas.phases import phase_at, results_are_public
from arena.arenas.queries import list_arenas
from arena.audit.models import AuditEntry
from arena.commitments.models import (
    CheckIn,
    Commitment,
    Indicator,
    IndicatorValue,
    Pledge,
    commitment_owner_organisations,
    commitment_owner_users,
    commitment_proposals,
)
from arena.core.permissions import is_facilitator_of, is_signed_in, is_staff
from arena.organisations.models import Organisation, organisation_arenas
from arena.proposals.models import Proposal, Support
from arena.representation.queries import summarise as summarise_representation
from arena.reviews.models import Review
from arena.workshops.models import Workshop, WorkshopTally

__all__ = [
    "Arena",
    "AuditEntry",
    "CheckIn",
    "Commitment",
    "Cycle",
    "DistrictStatistic",
    "Indicator",
    "IndicatorValue",
    "Organisation",
    "Pledge",
    "Proposal",
    "Review",
    "Support",
    "Theme",
    "User",
    "Workshop",
    "WorkshopTally",
    "commitment_owner_organisations",
    "commitment_owner_users",
    "commitment_proposals",
    "is_facilitator_of",
    "is_signed_in",
    "is_staff",
    "list_arenas",
    "organisation_arenas",
    "phase_at",
    "results_are_public",
    "summarise_representation",
]
