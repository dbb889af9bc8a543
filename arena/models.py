"""Imports every feature's models so Alembic and relationships see them all."""

from arena.accounts.models import ArenaConnection, ConnectionKind, FacilitatorRole, User
from arena.arenas.models import Arena, CoBenefit, Cycle, DistrictStatistic, Theme
from arena.arenas.statistics_models import StatisticName, StatisticsUpload
from arena.audit.models import AuditEntry
from arena.commitments.models import (
    CheckIn,
    Commitment,
    CommitmentStatus,
    Indicator,
    IndicatorValue,
    Pledge,
)
from arena.decidim.models import DecidimUpload
from arena.following.models import (
    DigestClaim,
    Follow,
    Notice,
    NoticeSetting,
    PhaseNoticeClaim,
)
from arena.mail.models import MessageStatus, OutboxMessage
from arena.moderation.models import Report, ReportReason, ReportResolution
from arena.organisations.models import (
    Organisation,
    OrganisationInvitation,
    OrganisationKind,
    OrganisationMember,
)
from arena.proposals.listed_counts import ListedCount
from arena.proposals.models import Comment, Participation, Proposal, ProposalStatus, Support
from arena.reminders.models import CheckInReminder
from arena.representation.models import ProfileAnswer, WorkshopGroupCount
from arena.reviews.models import Review, ReviewOutcome
from arena.search.models import SearchDocument
from arena.staff.indicator_models import ComparisonGroup, ComparisonMember
from arena.staff.scale_models import CityRecommendation
from arena.workshops.models import AccessCode, Workshop, WorkshopTally

__all__ = [
    "AccessCode",
    "Arena",
    "ArenaConnection",
    "AuditEntry",
    "CheckIn",
    "CheckInReminder",
    "CityRecommendation",
    "CoBenefit",
    "Comment",
    "ComparisonGroup",
    "ComparisonMember",
    "Commitment",
    "CommitmentStatus",
    "ConnectionKind",
    "Cycle",
    "DecidimUpload",
    "DigestClaim",
    "DistrictStatistic",
    "FacilitatorRole",
    "Follow",
    "Indicator",
    "IndicatorValue",
    "ListedCount",
    "MessageStatus",
    "Notice",
    "NoticeSetting",
    "Organisation",
    "OrganisationInvitation",
    "OrganisationKind",
    "OrganisationMember",
    "OutboxMessage",
    "Participation",
    "PhaseNoticeClaim",
    "Pledge",
    "ProfileAnswer",
    "Proposal",
    "ProposalStatus",
    "Report",
    "ReportReason",
    "ReportResolution",
    "Review",
    "ReviewOutcome",
    "SearchDocument",
    "StatisticName",
    "StatisticsUpload",
    "Support",
    "Theme",
    "User",
    "Workshop",
    "WorkshopGroupCount",
    "WorkshopTally",
]
