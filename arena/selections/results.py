"""A cycle's result: its proposals ranked by online supports plus workshop votes.

The ranking is computed by the database (window functions over the cycle's ranked
proposals), so a page of the result, the chosen proposals or the totals by theme read
only their own rows: a cycle of 10,000 proposals no longer loads 10,000 objects to
show fifty. The rule lives in `_ranking`, for the result page, the API and the
staff's year report alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import selectinload

from arena.arenas.models import Cycle
from arena.commitments.models import Commitment
from arena.commitments.queries import commitments_by_proposal
from arena.core.paging import Page, inline_bound, offset_of
from arena.extensions import db
from arena.proposals.models import Proposal, ProposalStatus
from arena.selections.queries import count_tallied_workshops
from arena.workshops.queries import tallies_of

RANKED_STATUSES = (ProposalStatus.PUBLISHED, ProposalStatus.SELECTED, ProposalStatus.NOT_SELECTED)
RESULTS_PER_PAGE = 50  # rows of the result table on one page


@dataclass(frozen=True)
class ResultRow:
    """One ranked proposal. Online supports and workshop votes stay apart; only the
    total adds them, and the table shows all three."""

    rank: int
    proposal: Proposal
    online_supports: int
    workshop_votes: int
    workshop_count: int  # how many workshops tallied this proposal
    commitment: Commitment | None

    @property
    def total(self) -> int:
        return self.online_supports + self.workshop_votes


@dataclass
class Results:
    rows: list[ResultRow] = field(default_factory=list)  # every ranked row, or one page
    merged: list[Proposal] = field(default_factory=list)
    hidden: list[Proposal] = field(default_factory=list)
    workshop_count: int = 0  # workshops of the cycle whose dot votes are counted
    ranked: int = 0  # ranked proposals in all
    from_decidim: int = 0  # of them, brought in from a partner's Decidim site
    page: Page | None = None  # the page `rows` are, when paged


@dataclass(frozen=True)
class RankedTotal:
    """Ranked proposals of one theme, online or from workshops, with their counts."""

    theme_id: int
    from_workshop: bool
    proposals: int
    online_supports: int
    workshop_votes: int


def _is_ranked():
    """Hidden, merged and withdrawn proposals are not ranked."""
    return Proposal.hidden_at.is_(None), Proposal.status.in_(RANKED_STATUSES)


def _ranking(cycle: Cycle):
    """Each ranked proposal's place: equal totals share a rank (1, 2, 2, 4); within a
    tie, more online supports and then the older proposal come first (`position`)."""
    tallies = tallies_of(cycle)
    votes = func.coalesce(tallies.c.votes, 0)
    total = Proposal.support_count + votes
    order = (total.desc(), Proposal.support_count.desc(), Proposal.created_at, Proposal.id)
    return (
        select(
            Proposal.id,
            votes.label("workshop_votes"),
            func.coalesce(tallies.c.workshops, 0).label("workshop_count"),
            func.rank().over(order_by=total.desc()).label("rank"),
            func.row_number().over(order_by=order).label("position"),
        )
        .outerjoin(tallies, tallies.c.proposal_id == Proposal.id)
        .where(Proposal.cycle_id == cycle.id, *_is_ranked())
        .subquery()
    )


def ranked_rows(cycle: Cycle, *where, limit: int | None = None, offset: int = 0) -> list:
    """The result rows in rank order: all of them, or those meeting `where`, or a
    slice; with the commitments they became."""
    ranking = _ranking(cycle)
    query = (
        select(Proposal, ranking.c.rank, ranking.c.workshop_votes, ranking.c.workshop_count)
        .join(ranking, ranking.c.id == Proposal.id)
        .where(*where)
        .order_by(ranking.c.position)
    )
    if limit is not None:
        query = query.limit(inline_bound(limit)).offset(inline_bound(offset))
    found = db.session.execute(query).all()
    commitments = commitments_by_proposal([proposal.id for proposal, *_ in found])
    return [
        ResultRow(
            rank=rank,
            proposal=proposal,
            online_supports=proposal.support_count,
            workshop_votes=int(votes),
            workshop_count=int(workshops),
            commitment=commitments.get(proposal.id),
        )
        for proposal, rank, votes, workshops in found
    ]


def get_results(cycle: Cycle, *, page: int | None = None, per_page: int | None = None):
    """The cycle's result: one page of the ranked rows (every row with `page` None),
    how many are ranked, and the merged and hidden proposals, which are not ranked:
    merged ones are listed with the proposal they joined, hidden ones with their
    public reason."""
    per_page = per_page or RESULTS_PER_PAGE
    if page is None:
        rows = ranked_rows(cycle)
    else:
        rows = ranked_rows(cycle, limit=per_page, offset=offset_of(page, per_page))
    ranked, from_decidim = db.session.execute(
        select(func.count(), func.count(case((Proposal.external_source == "decidim", 1)))).where(
            Proposal.cycle_id == cycle.id, *_is_ranked()
        )
    ).one()
    # Listed with the first page of the ranking only.
    unranked = _not_ranked(cycle) if page in (None, 1) else []
    return Results(
        rows=rows,
        merged=[p for p in unranked if not p.is_hidden],
        hidden=[p for p in unranked if p.is_hidden],
        workshop_count=count_tallied_workshops(cycle),
        ranked=ranked,
        from_decidim=from_decidim,
        page=None if page is None else Page(page, per_page, ranked, rows),
    )


def _not_ranked(cycle: Cycle) -> list[Proposal]:
    """The cycle's hidden and merged proposals, by id."""
    return list(
        db.session.scalars(
            select(Proposal)
            .where(
                Proposal.cycle_id == cycle.id,
                or_(Proposal.hidden_at.is_not(None), Proposal.status == ProposalStatus.MERGED),
            )
            .options(selectinload(Proposal.merged_into))
            .order_by(Proposal.id)
        )
    )


def list_chosen(cycle: Cycle) -> list[ResultRow]:
    """The selected proposals' rows, in rank order."""
    return ranked_rows(cycle, Proposal.status == ProposalStatus.SELECTED)


def ranked_totals(cycle: Cycle) -> list[RankedTotal]:
    """The ranked proposals counted by theme and by where they came from, with their
    online supports and workshop votes added up: one statement."""
    tallies = tallies_of(cycle)
    from_workshop = Proposal.workshop_id.is_not(None)
    rows = db.session.execute(
        select(
            Proposal.theme_id,
            from_workshop,
            func.count(),
            func.coalesce(func.sum(Proposal.support_count), 0),
            func.coalesce(func.sum(tallies.c.votes), 0),
        )
        .outerjoin(tallies, tallies.c.proposal_id == Proposal.id)
        .where(Proposal.cycle_id == cycle.id, *_is_ranked())
        .group_by(Proposal.theme_id, from_workshop)
    )
    return [
        RankedTotal(theme_id, bool(workshop), count, int(supports), int(votes))
        for theme_id, workshop, count, supports, votes in rows
    ]
