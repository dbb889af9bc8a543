"""Read-only queries for the reports queue, the moderation pages and the audit log."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import and_, func, select
from sqlalchemy.orm import selectinload

from arena.accounts.models import FacilitatorRole
from arena.arenas.models import Arena
from arena.core.database import fits_integer_column
from arena.extensions import db
from arena.moderation.models import Report
from arena.proposals.models import Comment, Proposal, ProposalStatus
from arena.proposals.queries import is_merged_into


def get_report_nav(user) -> tuple[bool, int]:
    """(facilitates any arena, open reports in the arenas they facilitate): no query for
    someone who facilitates nowhere (the roles come with the signed-in account), one
    for a facilitator."""
    if not user.facilitator_roles:
        return False, 0
    roles, open_reports = db.session.execute(
        select(func.count(func.distinct(FacilitatorRole.id)), func.count(Report.id))
        .select_from(FacilitatorRole)
        .outerjoin(
            Report, and_(Report.arena_id == FacilitatorRole.arena_id, Report.resolved_at.is_(None))
        )
        .where(FacilitatorRole.user_id == user.id)
    ).one()
    return roles > 0, open_reports


def list_moderated_arenas(user) -> list[tuple[Arena, int]]:
    """The arenas the user facilitates, each with its number of open reports."""
    open_count = (
        select(func.count(Report.id))
        .where(Report.arena_id == Arena.id, Report.resolved_at.is_(None))
        .scalar_subquery()
    )
    return [
        (arena, count)
        for arena, count in db.session.execute(
            select(Arena, open_count)
            .join(FacilitatorRole, FacilitatorRole.arena_id == Arena.id)
            .where(FacilitatorRole.user_id == user.id)
            .order_by(Arena.sort_order, Arena.name)
        )
    ]


@dataclass
class ReportGroup:
    """The open reports on one proposal or comment."""

    item: Proposal | Comment
    reports: list[Report] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return "proposal" if isinstance(self.item, Proposal) else "comment"

    @property
    def proposal(self) -> Proposal:
        return self.item if isinstance(self.item, Proposal) else self.item.proposal

    @property
    def latest_at(self) -> datetime:
        return self.reports[0].created_at

    @property
    def reason_counts(self) -> list[tuple[str, int]]:
        return Counter(r.reason for r in self.reports).most_common()

    @property
    def notes(self) -> list[str]:
        return [r.note for r in self.reports if r.note]


def list_open_report_groups(arena: Arena) -> list[ReportGroup]:
    """Open reports of the arena, grouped per reported item, the most recently reported first."""
    reports = db.session.scalars(
        select(Report)
        .where(Report.arena_id == arena.id, Report.resolved_at.is_(None))
        .options(
            selectinload(Report.proposal),
            selectinload(Report.comment).selectinload(Comment.proposal),
            selectinload(Report.comment).selectinload(Comment.author),
        )
        .order_by(Report.created_at.desc(), Report.id.desc())
    )
    groups: dict[tuple[str, int], ReportGroup] = {}
    for report in reports:
        item = report.proposal or report.comment
        key = ("proposal" if report.proposal_id else "comment", item.id)
        groups.setdefault(key, ReportGroup(item=item)).reports.append(report)
    return list(groups.values())


def list_open_reports(item: Proposal | Comment) -> list[Report]:
    column = Report.proposal_id if isinstance(item, Proposal) else Report.comment_id
    return list(
        db.session.scalars(
            select(Report)
            .where(column == item.id, Report.resolved_at.is_(None))
            .order_by(Report.created_at.desc(), Report.id.desc())
        )
    )


def _merge_candidates(source: Proposal):
    """Proposals the source could be merged into: visible, published, same cycle."""
    return (
        Proposal.cycle_id == source.cycle_id,
        Proposal.id != source.id,
        Proposal.status == ProposalStatus.PUBLISHED,
        Proposal.hidden_at.is_(None),
    )


def count_merge_candidates(source: Proposal) -> int:
    return db.session.scalar(select(func.count(Proposal.id)).where(*_merge_candidates(source)))


def list_merge_candidates(source: Proposal, *, ids: list[int] | None = None) -> list[Proposal]:
    """The proposals the source could be merged into (of `ids` only, if given), by title."""
    where = list(_merge_candidates(source))
    if ids is not None:
        where.append(Proposal.id.in_([i for i in ids if fits_integer_column(i)]))
    return list(
        db.session.scalars(select(Proposal).where(*where).order_by(Proposal.title, Proposal.id))
    )


def list_merged_into(proposal: Proposal) -> list[Proposal]:
    """The duplicates that were merged into this proposal."""
    return list(
        db.session.scalars(
            select(Proposal)
            .where(is_merged_into(Proposal, proposal.id))
            .order_by(Proposal.created_at, Proposal.id)
        )
    )


def find_proposal(proposal_id: int | None) -> Proposal | None:
    if proposal_id is None or not fits_integer_column(proposal_id):
        return None
    return db.session.get(Proposal, proposal_id)
