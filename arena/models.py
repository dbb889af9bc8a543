"""Imports every feature's models so Alembic and relationships see them all."""

from arena.accounts.models import ArenaConnection, ConnectionKind, FacilitatorRole, User
from arena.arenas.models import Arena, CoBenefit, Cycle, Theme
from arena.organisations.models import Organisation, OrganisationKind, OrganisationMember
from arena.proposals.models import Participation, Proposal, ProposalStatus, Support

__all__ = [
    "Arena",
    "ArenaConnection",
    "CoBenefit",
    "ConnectionKind",
    "Cycle",
    "FacilitatorRole",
    "Organisation",
    "OrganisationKind",
    "OrganisationMember",
    "Participation",
    "Proposal",
    "ProposalStatus",
    "Support",
    "Theme",
    "User",
]
