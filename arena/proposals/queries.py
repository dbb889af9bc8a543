"""Read-only proposal queries, shared by views, exports and the API."""

from datetime import datetime

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import joinedload, load_only, selectinload

from arena.arenas.models import Arena, Cycle, Theme
from arena.arenas.phases import results_are_public
from arena.core.paging import Page, offset_of
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


# What a card shows (templates/macros/proposals.html `proposal_card`): lists load these
# columns only, never the body, the climate effect or the decision note.
CARD_COLUMNS = (
    Proposal.id,
    Proposal.cycle_id,
    Proposal.theme_id,
    Proposal.author_id,
    Proposal.workshop_id,
    Proposal.title,
    Proposal.summary,
    Proposal.language,
    Proposal.status,
    Proposal.external_source,
    Proposal.external_supports,
    Proposal.support_count,
    Proposal.created_at,
    Proposal.hidden_at,
)


def _listed_in(cycle: Cycle, theme: Theme | None) -> list[ColumnElement[bool]]:
    where = [Proposal.cycle_id == cycle.id, is_listed()]
    if theme is not None:
        where.append(Proposal.theme_id == theme.id)
    return where


def _order(sort: str) -> tuple:
    """The list's order; each is walked by an index (Proposal.__table_args__)."""
    if sort == SORT_MOST_SUPPORTED:
        return (Proposal.support_count.desc(), Proposal.created_at.desc(), Proposal.id.desc())
    return (Proposal.created_at.desc(), Proposal.id.desc())


def list_proposals_query(cycle: Cycle, *, theme: Theme | None, sort: str) -> Select:
    """The listed proposals of the cycle in the list's order, as cards (see CARD_COLUMNS)."""
    return (
        select(Proposal)
        .where(*_listed_in(cycle, theme))
        .options(*_card_loading())
        .order_by(*_order(sort))
    )


def _card_loading() -> tuple:
    return (
        load_only(*CARD_COLUMNS),
        selectinload(Proposal.theme),
        selectinload(Proposal.author),
        # Paper proposals are credited to their workshop in lists.
        selectinload(Proposal.workshop),
    )


def count_listed(cycle: Cycle, *, theme: Theme | None) -> int:
    """How many proposals the list has: counted in the list's index, no row read."""
    query = select(func.count()).select_from(Proposal).where(*_listed_in(cycle, theme))
    return db.session.scalar(query) or 0


def page_of_proposals(
    cycle: Cycle, *, theme: Theme | None, sort: str, page: int, per_page: int
) -> Page:
    """One page of the list, `page` counted from 1 as in the URL (?page=N).

    The page's ids are found by walking the list's index past the earlier pages, which
    reads index entries only (not the rows and their text); then only that page's rows
    are read, by id. Past the last page there is nothing to look for.
    """
    total = count_listed(cycle, theme=theme)
    offset = offset_of(page, per_page)
    if offset >= total:
        return Page(page=page, per_page=per_page, total=total, items=[])
    ids = list(
        db.session.scalars(
            select(Proposal.id)
            .where(*_listed_in(cycle, theme))
            .order_by(*_order(sort))
            .limit(per_page)
            .offset(offset)
        )
    )
    found = {
        p.id: p
        for p in db.session.scalars(
            select(Proposal).where(Proposal.id.in_(ids), is_listed()).options(*_card_loading())
        )
    }
    items = [found[i] for i in ids if i in found]
    return Page(page=page, per_page=per_page, total=total, items=items)


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


def get_proposal_page_or_404(proposal_id: int) -> Proposal:
    """The proposal of a detail page, with what every such page shows (its cycle and
    arena, theme, author, benefits) loaded in two statements rather than six."""
    return db.get_or_404(
        Proposal,
        proposal_id,
        options=[
            joinedload(Proposal.cycle).joinedload(Cycle.arena),
            joinedload(Proposal.theme),
            joinedload(Proposal.author),
            selectinload(Proposal.co_benefits),
        ],
    )


def arena_of(proposal: Proposal) -> Arena:
    return proposal.cycle.arena
