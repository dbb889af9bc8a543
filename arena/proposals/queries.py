"""Read-only proposal queries, shared by views, exports and the API."""

from datetime import datetime

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.orm import selectinload

from arena.arenas.models import Arena, Cycle, Theme
from arena.arenas.phases import results_are_public
from arena.extensions import db
from arena.proposals.models import Participation, Proposal, ProposalStatus, Support

SORT_NEWEST = "newest"
SORT_MOST_SUPPORTED = "supported"
SORTS = (SORT_MOST_SUPPORTED, SORT_NEWEST)

LISTED_STATUSES = (ProposalStatus.PUBLISHED, ProposalStatus.SELECTED, ProposalStatus.NOT_SELECTED)


def is_listed() -> ColumnElement[bool]:
    """The proposals that lists show: published or decided on, and not hidden."""
    return Proposal.status.in_(LISTED_STATUSES) & Proposal.hidden_at.is_(None)


def allowed_sorts(cycle: Cycle, now: datetime) -> tuple[str, ...]:
    """Ranking by supports would publish the result early, so it waits until voting closes."""
    return SORTS if results_are_public(cycle, now) else (SORT_NEWEST,)


def choose_sort(requested: str | None, cycle: Cycle, now: datetime) -> str:
    """The requested sort if it is allowed now, else the default; never an error."""
    options = allowed_sorts(cycle, now)
    return requested if requested in options else options[0]


def list_proposals_query(cycle: Cycle, *, theme: Theme | None, sort: str) -> Select:
    query = (
        select(Proposal)
        .where(Proposal.cycle_id == cycle.id, is_listed())
        .options(
            selectinload(Proposal.theme),
            selectinload(Proposal.author),
            # Paper proposals are credited to their workshop in lists.
            selectinload(Proposal.workshop),
        )
    )
    if theme is not None:
        query = query.where(Proposal.theme_id == theme.id)
    if sort == SORT_MOST_SUPPORTED:
        return query.order_by(
            Proposal.support_count.desc(), Proposal.created_at.desc(), Proposal.id.desc()
        )
    return query.order_by(Proposal.created_at.desc(), Proposal.id.desc())


def get_supported_ids(user, proposal_ids: list[int]) -> set[int]:
    """Which of these proposals the user supports, in one query."""
    if not user.is_authenticated or not proposal_ids:
        return set()
    return set(
        db.session.scalars(
            select(Support.proposal_id).where(
                Support.user_id == user.id, Support.proposal_id.in_(proposal_ids)
            )
        )
    )


def count_supports_used(user, cycle: Cycle) -> int:
    if not user.is_authenticated:
        return 0
    used = db.session.scalar(
        select(Participation.supports_used).where(
            Participation.user_id == user.id, Participation.cycle_id == cycle.id
        )
    )
    return used or 0


def list_user_proposals(user) -> list[Proposal]:
    return list(
        db.session.scalars(
            select(Proposal)
            .where(Proposal.author_id == user.id)
            .options(
                selectinload(Proposal.cycle).selectinload(Cycle.arena), selectinload(Proposal.theme)
            )
            .order_by(Proposal.created_at.desc())
        )
    )


def list_user_supports(user) -> list[Proposal]:
    return list(
        db.session.scalars(
            select(Proposal)
            .join(Support, Support.proposal_id == Proposal.id)
            .where(Support.user_id == user.id)
            .options(selectinload(Proposal.cycle).selectinload(Cycle.arena))
            .order_by(Support.created_at.desc())
        )
    )


def list_user_budgets(user, cycles: list[Cycle]) -> list[tuple[Cycle, int]]:
    """(cycle, supports used) for each given cycle, in one query."""
    if not cycles:
        return []
    used = dict(
        db.session.execute(
            select(Participation.cycle_id, Participation.supports_used).where(
                Participation.user_id == user.id, Participation.cycle_id.in_([c.id for c in cycles])
            )
        ).all()
    )
    return [(cycle, used.get(cycle.id, 0)) for cycle in cycles]


def get_proposal_or_404(proposal_id: int) -> Proposal:
    """By the id in the URL (`<int:>` refuses ids beyond the INTEGER range with 404)."""
    return db.get_or_404(Proposal, proposal_id)


def arena_of(proposal: Proposal) -> Arena:
    return proposal.cycle.arena
