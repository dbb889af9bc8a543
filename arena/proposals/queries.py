"""Read-only proposal queries, shared by views, exports and the API."""

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import NamedTuple

from flask import abort
from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    String,
    bindparam,
    cast,
    func,
    literal_column,
    select,
)
from sqlalchemy.orm import aliased, joinedload, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from arena.accounts.models import User
from arena.arenas import queries as arena_queries
from arena.arenas.models import Arena, Cycle, Theme
from arena.arenas.phases import results_are_public
from arena.core.paging import Page, inline_bound_parameter, offset_of
from arena.extensions import db
from arena.proposals import comments, listed_counts
from arena.proposals.models import (
    LISTED_STATUSES,
    Participation,
    Proposal,
    ProposalStatus,
    Support,
    proposal_co_benefits,
)
from arena.workshops.models import Workshop

SORT_NEWEST = "newest"
SORT_MOST_SUPPORTED = "supported"
SORTS = (SORT_MOST_SUPPORTED, SORT_NEWEST)


def is_listed() -> ColumnElement[bool]:
    """The proposals that lists show: published or decided on, and not hidden. The
    statuses as literals, as the list indexes' WHERE has them (models._list_index)."""
    statuses = [literal_column(f"'{status.value}'") for status in LISTED_STATUSES]
    return Proposal.status.in_(statuses) & Proposal.hidden_at.is_(None)


def allowed_sorts(cycle: Cycle, now: datetime) -> tuple[str, ...]:
    """Ranking by supports would publish the result early, so it waits until voting closes."""
    return SORTS if results_are_public(cycle, now) else (SORT_NEWEST,)


def choose_sort(requested: str | None, cycle: Cycle, now: datetime) -> str:
    """The requested sort if it is allowed now, else the default; never an error."""
    options = allowed_sorts(cycle, now)
    return requested if requested in options else options[0]


def _order_columns(sort: str) -> tuple:
    """The list's order, each column descending; each order is walked by an index
    (Proposal.__table_args__)."""
    columns = (Proposal.created_at, Proposal.id)
    return (Proposal.support_count, *columns) if sort == SORT_MOST_SUPPORTED else columns


def _order(sort: str, *, reverse: bool = False) -> tuple:
    return tuple(c.asc() if reverse else c.desc() for c in _order_columns(sort))


def count_listed(cycle: Cycle, *, theme: Theme | None) -> int:
    """How many proposals the list has: kept by the database (listed_counts.py)."""
    return listed_counts.count_listed(cycle.id, theme.id if theme is not None else None)


def page_of_proposals(
    cycle: Cycle, *, theme: Theme | None, sort: str, page: int, per_page: int
) -> Page:
    """One page of the list, `page` counted from 1 as in the URL (?page=N).

    The page's ids are found by walking the list's index past the earlier pages, which
    reads index entries only (not the rows and their text); then only that page's rows
    are read, by id. A page in the back half of the list is found by walking from the
    end in the reverse order, so the last pages (the oldest proposals, the least
    supported) cost what the first ones do and no page walks more than half the list.
    Past the last page there is nothing to look for.
    """
    offset = offset_of(page, per_page)
    parameters = {"cycle_id": cycle.id, "limit": per_page, "skip": offset}
    if theme is not None:
        parameters["theme_id"] = theme.id
    by_theme = theme is not None
    if offset == 0:
        # The first page, the one most asked for, is walked forwards whatever the total:
        # the total comes along in the same statement, one round trip fewer.
        statement = _page_statement(sort, by_theme=by_theme, total=True)
        rows = db.session.execute(statement, parameters).all()
        total = rows[0].total if rows else 0
        return Page(page=page, per_page=per_page, total=total, items=_in_order(_cards(rows), sort))
    total = count_listed(cycle, theme=theme)
    if offset >= total:
        return Page(page=page, per_page=per_page, total=total, items=[])
    after = total - offset - per_page  # how many listed proposals follow this page
    backwards = after < offset
    if backwards:  # from the end, the rows after this page skipped; the last may be short
        parameters |= {"limit": per_page + min(after, 0), "skip": max(after, 0)}
    statement = _page_statement(sort, backwards=backwards, by_theme=by_theme)
    items = _cards(db.session.execute(statement, parameters))
    return Page(page=page, per_page=per_page, total=total, items=_in_order(items, sort))


def _in_order(cards: list["ProposalCard"], sort: str) -> list["ProposalCard"]:
    """The cards in the list's order: put so here, as a sort in SQL would show in the
    plan."""
    keys = [column.key for column in _order_columns(sort)]
    return sorted(cards, key=lambda card: tuple(getattr(card, key) for key in keys), reverse=True)


@cache
def _page_statement(
    sort: str, *, by_theme: bool, backwards: bool = False, total: bool = False
) -> Select:
    """One statement for a list page: the page's ids walked in the index, then their
    cards (with `total`, the list's count beside each). Built once per shape of list
    with the cycle, theme and bounds as parameters: building and keying a statement
    this size costs about as much as running it."""
    where = [Proposal.cycle_id == bindparam("cycle_id"), is_listed()]
    if by_theme:
        where.append(Proposal.theme_id == bindparam("theme_id"))
    page_ids = (
        select(Proposal.id)
        .where(*where)
        .order_by(*_order(sort, reverse=backwards))
        .limit(inline_bound_parameter("limit"))
        .offset(inline_bound_parameter("skip"))
    )
    statement = _card_select().where(Proposal.id.in_(page_ids))
    if total:
        statement = statement.add_columns(listed_counts.listed_total(by_theme).label("total"))
    return statement


class CardTheme(NamedTuple):
    key: str


class CardAuthor(NamedTuple):
    display_name: str


class CardWorkshop(NamedTuple):
    place: str
    held_at: datetime


@dataclass(frozen=True, slots=True)
class ProposalCard:
    """What a list's card shows of a proposal (templates/macros/proposals.html
    `proposal_card`, which takes a Proposal too): plain values from one joined query,
    without the cost of ORM objects and their relationships' extra queries."""

    id: int
    cycle_id: int
    title: str
    summary: str
    language: str
    status: str
    external_source: str | None
    external_supports: int | None
    support_count: int
    created_at: datetime
    theme: CardTheme
    author: CardAuthor | None
    workshop: CardWorkshop | None


@cache
def _card_select() -> Select:
    return (
        select(
            Proposal.id,
            Proposal.cycle_id,
            Proposal.title,
            Proposal.summary,
            Proposal.language,
            Proposal.status,
            Proposal.external_source,
            Proposal.external_supports,
            Proposal.support_count,
            Proposal.created_at,
            Proposal.theme_id,
            User.display_name,
            Workshop.place,
            Workshop.held_at,
        )
        .outerjoin(User, User.id == Proposal.author_id)
        .outerjoin(Workshop, Workshop.id == Proposal.workshop_id)
        .where(is_listed())
    )


def _cards(rows) -> list[ProposalCard]:
    rows = list(rows)
    theme_keys = arena_queries.theme_keys({row.theme_id for row in rows})
    return [
        ProposalCard(
            *row[:10],
            theme=CardTheme(theme_keys[row.theme_id]),
            author=None if row.display_name is None else CardAuthor(row.display_name),
            # Paper proposals are credited to their workshop in lists.
            workshop=None if row.place is None else CardWorkshop(row.place, row.held_at),
        )
        for row in rows
    ]


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


def get_support_state(user, proposal_id: int, cycle: Cycle) -> tuple[bool, int]:
    """(the user supports the proposal, supports they have used in its cycle), in one
    statement: the proposal page shows both."""
    if not user.is_authenticated:
        return False, 0
    supports = (
        select(Support.proposal_id)
        .where(Support.user_id == user.id, Support.proposal_id == proposal_id)
        .exists()
    )
    used = (
        select(Participation.supports_used)
        .where(Participation.user_id == user.id, Participation.cycle_id == cycle.id)
        .scalar_subquery()
    )
    supported, used = db.session.execute(select(supports, used)).one()
    return bool(supported), used or 0


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
    """By the id in the URL (`<int:>` refuses ids beyond the INTEGER range with 404),
    its cycle, arena and theme from what the process keeps when it may."""
    proposal = db.get_or_404(Proposal, proposal_id)
    kept = arena_queries.kept_arenas()
    if kept is not None:
        _take_kept_reference(proposal, kept)
    return proposal


def _take_kept_reference(proposal: Proposal, kept, co_benefit_ids: str | None = None) -> None:
    """The proposal's cycle, arena and theme, and (given `co_benefit_ids`, "3,5" as the
    page's statement reads them) its co-benefits, from what the process keeps."""
    found = arena_queries.attach_kept(kept, cycle_id=proposal.cycle_id, theme_id=proposal.theme_id)
    for name, value in zip(("cycle", "theme"), found, strict=True):
        if value is not None:  # else loaded when first asked for, as usual
            set_committed_value(proposal, name, value)
    if co_benefit_ids is not None:
        ids = {int(i) for i in co_benefit_ids.split(",") if i}
        benefits = arena_queries.attach_kept_co_benefits(ids)
        if benefits is not None:  # else loaded when first asked for
            set_committed_value(proposal, "co_benefits", benefits)


def is_merged_into(duplicate, target_id) -> ColumnElement[bool]:
    """`duplicate` (Proposal or an alias of it) was merged into the proposal `target_id`."""
    return (duplicate.merged_into_id == target_id) & (duplicate.status == ProposalStatus.MERGED)


class ProposalPage(NamedTuple):
    proposal: Proposal
    top_comments: int  # top-level comments, for the thread's pages
    merged_count: int  # duplicates merged into it


def get_proposal_page_or_404(proposal_id: int) -> ProposalPage:
    """The proposal of a detail page, with what every such page shows (its cycle and
    arena, theme, author, benefits) and the counts the page needs, in one statement
    rather than nine. The cycle, arena, theme and benefits come from what the process
    keeps (arenas/reference.py) when it may, else joined or loaded along."""
    kept = arena_queries.kept_arenas()
    statement = _proposal_page_statement(join_reference=kept is None)
    row = db.session.execute(statement, {"proposal_id": proposal_id}).one_or_none()
    if row is None:
        abort(404)
    page = ProposalPage(*row[:3])
    if kept is not None:
        _take_kept_reference(page.proposal, kept, co_benefit_ids=row[3] or "")
    return page


@cache
def _proposal_page_statement(*, join_reference: bool) -> Select:
    # Built once per shape, the id a parameter: building and keying the statement with
    # its loader options cost more than running it. The two counts come along as
    # subqueries, each a look into an index, and so do the benefits' ids when the
    # benefits themselves are kept. (Joined, the benefits would make SQLite read all
    # of proposal_co_benefits: it materializes the nested join.) Without the cycle,
    # arena and theme, PostgreSQL plans it in a third of the time.
    duplicate = aliased(Proposal)
    top_comments = comments.count_top_level(Proposal.id).scalar_subquery()
    merged = (
        select(func.count())
        .select_from(duplicate)
        .where(is_merged_into(duplicate, Proposal.id))
        .scalar_subquery()
    )
    columns = [Proposal, top_comments, merged]
    loaders = [joinedload(Proposal.author)]
    if join_reference:
        loaders += [joinedload(Proposal.cycle).joinedload(Cycle.arena), joinedload(Proposal.theme)]
        loaders.append(selectinload(Proposal.co_benefits))
    else:
        link = proposal_co_benefits.c
        benefit_ids = select(func.aggregate_strings(cast(link.co_benefit_id, String), ","))
        columns.append(benefit_ids.where(link.proposal_id == Proposal.id).scalar_subquery())
    return (
        select(*columns)
        .where(Proposal.id == bindparam("proposal_id", type_=Integer))
        .options(*loaders)
    )


def arena_of(proposal: Proposal) -> Arena:
    return proposal.cycle.arena
