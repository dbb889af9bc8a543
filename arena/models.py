"""Imports every feature's models so Alembic and relationships see them all."""

from arena.accounts.models import ArenaConnection, ConnectionKind, FacilitatorRole, User
from arena.arenas.models import Arena, CoBenefit, Cycle, Theme
from arena.commitments.models import Commitment, CommitmentStatus
from arena.moderation.models import AuditEntry, Report, ReportReason, ReportResolution
from arena.organisations.models import Organisation, OrganisationKind, OrganisationMember
from arena.proposals.models import Comment, Participation, Proposal, ProposalStatus, Support
from arena.workshops.models import AccessCode, Workshop, WorkshopTally

__all__ = [
    "AccessCode",
    "Arena",
    "ArenaConnection",
    "AuditEntry",
    "CoBenefit",
    "Comment",
    "Commitment",
    "CommitmentStatus",
    "ConnectionKind",
    "Cycle",
    "FacilitatorRole",
    "Organisation",
    "OrganisationKind",
    "OrganisationMember",
    "Participation",
    "Proposal",
    "ProposalStatus",
    "Report",
    "ReportReason",
    "ReportResolution",
    "Support",
    "Theme",
    "User",
    "Workshop",
    "WorkshopTally",
]
