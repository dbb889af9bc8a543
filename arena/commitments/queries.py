"""Read-only queries for a cycle's result and for commitments."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from flask import abort
from sqlalchemy import and_, distinct, func, or_, select
from sqlalchemy.orm import selectinload

from arena.arenas.models import Arena, Cycle
from arena.commitments.models import (
    CheckIn,
    Commitment,
    CommitmentStatus,
    Indicator,
    IndicatorValue,
    commitment_proposals,
)
from arena.core.charts import progress
from arena.core.database import fits_integer_column
from arena.extensions import db
from arena.organisations.models import Organisation, organisation_arenas
from arena.proposals.models import Proposal, ProposalStatus
from arena.workshops.models import Workshop, WorkshopTally
from arena.workshops.queries import workshop_votes_by_proposal

RANKED_STATUSES = (ProposalStatus.PUBLISHED, ProposalStatus.SELECTED, ProposalStatus.NOT_SELECTED)


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
    rows: list[ResultRow] = field(default_factory=list)
    merged: list[Proposal] = field(default_factory=list)
    hidden: list[Proposal] = field(default_factory=list)
    workshop_count: int = 0  # workshops of the cycle whose dot votes are counted


def get_results(cycle: Cycle) -> Results:
    """The cycle's proposals ranked by online supports plus workshop votes.

    Hidden, merged and withdrawn proposals are not ranked: merged ones are
    listed with the proposal they joined, hidden ones with their public reason.
    Equal totals share a rank (1, 2, 2, 4); within a tie, more online supports
    and then the older proposal come first.
    """
    proposals = list(
        db.session.scalars(
            select(Proposal)
            .where(Proposal.cycle_id == cycle.id)
            .options(selectinload(Proposal.merged_into), selectinload(Proposal.theme))
        )
    )
    votes = workshop_votes_by_proposal(cycle)
    ranked = [p for p in proposals if not p.is_hidden and p.status in RANKED_STATUSES]
    commitments = commitments_by_proposal([p.id for p in ranked])

    def total(p: Proposal) -> int:
        return p.support_count + votes.get(p.id, (0, 0))[0]

    ranked.sort(key=lambda p: (-total(p), -p.support_count, p.created_at, p.id))
    rows: list[ResultRow] = []
    for position, proposal in enumerate(ranked, start=1):
        rank = rows[-1].rank if rows and rows[-1].total == total(proposal) else position
        workshop_votes, workshop_count = votes.get(proposal.id, (0, 0))
        rows.append(
            ResultRow(
                rank=rank,
                proposal=proposal,
                online_supports=proposal.support_count,
                workshop_votes=workshop_votes,
                workshop_count=workshop_count,
                commitment=commitments.get(proposal.id),
            )
        )
    return Results(
        rows=rows,
        merged=sorted(
            (p for p in proposals if not p.is_hidden and p.status == ProposalStatus.MERGED),
            key=lambda p: p.id,
        ),
        hidden=sorted((p for p in proposals if p.is_hidden), key=lambda p: p.id),
        workshop_count=count_tallied_workshops(cycle),
    )


def count_tallied_workshops(cycle: Cycle) -> int:
    """Workshops of the cycle that recorded dot votes: the source of the workshop column."""
    return db.session.scalar(
        select(func.count(distinct(Workshop.id)))
        .join(WorkshopTally, WorkshopTally.workshop_id == Workshop.id)
        .where(Workshop.cycle_id == cycle.id)
    )


def commitments_by_proposal(proposal_ids: list[int]) -> dict[int, Commitment]:
    """The commitment each proposal became, in one query."""
    if not proposal_ids:
        return {}
    rows = db.session.execute(
        select(commitment_proposals.c.proposal_id, Commitment)
        .join(Commitment, Commitment.id == commitment_proposals.c.commitment_id)
        .where(commitment_proposals.c.proposal_id.in_(proposal_ids))
        .order_by(Commitment.id)
    )
    return {proposal_id: commitment for proposal_id, commitment in rows.all()}


def list_commitments_of(proposal: Proposal) -> list[Commitment]:
    return list(
        db.session.scalars(
            select(Commitment)
            .join(commitment_proposals, commitment_proposals.c.commitment_id == Commitment.id)
            .where(commitment_proposals.c.proposal_id == proposal.id)
        )
    )


def get_commitment_or_404(commitment_id: int) -> Commitment:
    if not fits_integer_column(commitment_id):
        abort(404)
    return db.get_or_404(Commitment, commitment_id)


def list_arena_organisations(arena: Arena) -> list[Organisation]:
    """Organisations active in the arena, by name."""
    return list(
        db.session.scalars(
            select(Organisation)
            .join(organisation_arenas, organisation_arenas.c.organisation_id == Organisation.id)
            .where(organisation_arenas.c.arena_id == arena.id)
            .order_by(Organisation.name, Organisation.id)
        )
    )


# Rows written with the commitment when it was created from a proposal: they describe
# it, and go with it when a selection is undone.
OWN_TABLES = frozenset(
    {
        "commitment_owner_users",
        "commitment_owner_organisations",
        "commitment_themes",
        "commitment_co_benefits",
    }
)


def has_attachments(commitment: Commitment) -> bool:
    """Whether anything has been added to the commitment since it was created.

    That is: it has moved on from "planned", more than its one proposal is
    linked to it, or any row anywhere refers to it (a later version, a copy in
    another arena, and the follow-up rows — indicators, check-ins, pledges,
    reviews — as soon as those tables exist: every foreign key to `commitments`
    is looked at, so new follow-up tables are covered without changing this).
    """
    if commitment.status != CommitmentStatus.PLANNED:
        return True
    linked = db.session.scalar(
        select(func.count())
        .select_from(commitment_proposals)
        .where(commitment_proposals.c.commitment_id == commitment.id)
    )
    if linked > 1:
        return True
    for table in db.metadata.sorted_tables:
        if table.name in OWN_TABLES or table.name == commitment_proposals.name:
            continue
        for foreign_key in table.foreign_keys:
            if foreign_key.column.table.name != Commitment.__tablename__:
                continue
            found = db.session.scalar(
                select(func.count()).select_from(table).where(foreign_key.parent == commitment.id)
            )
            if found:
                return True
    return False


# --- Follow-up: indicators, their latest values and progress -------------------------


@dataclass
class IndicatorProgress:
    """An indicator with its latest measured value (by report date, then the order
    the check-ins were posted) and the share of the way from baseline to target."""

    indicator: Indicator
    latest: float | None = None
    latest_on: date | None = None
    history: list[tuple[date, float]] = field(default_factory=list)

    @property
    def progress(self) -> float | None:
        i = self.indicator
        return progress(i.baseline_value, self.latest, i.target_value)

    @property
    def clamped(self) -> float | None:
        share = self.progress
        return None if share is None else min(max(share, 0.0), 1.0)


@dataclass
class CommitmentProgress:
    commitment: Commitment
    indicators: list[IndicatorProgress] = field(default_factory=list)

    @property
    def overall(self) -> float | None:
        """The commitment's progress: the average of its measured indicators' progress,
        each first clamped to 0..1 (so one indicator far beyond its target cannot hide
        another going the wrong way). None until some indicator has a value."""
        shares = [p.clamped for p in self.indicators if p.clamped is not None]
        return sum(shares) / len(shares) if shares else None


def _visible_values(commitment_ids):
    return (
        select(
            IndicatorValue.indicator_id,
            IndicatorValue.value,
            CheckIn.reported_on,
            CheckIn.id.label("check_in_id"),
        )
        .join(CheckIn, CheckIn.id == IndicatorValue.check_in_id)
        .where(CheckIn.commitment_id.in_(commitment_ids), CheckIn.hidden_at.is_(None))
    )


def get_progress(commitment: Commitment) -> CommitmentProgress:
    """The commitment's indicators, each with every measured value in date order."""
    indicators = list(
        db.session.scalars(
            select(Indicator)
            .where(Indicator.commitment_id == commitment.id)
            .order_by(Indicator.sort_order, Indicator.id)
        )
    )
    rows = db.session.execute(
        _visible_values([commitment.id]).order_by(CheckIn.reported_on, CheckIn.id)
    ).all()
    by_id = {i.id: IndicatorProgress(i) for i in indicators}
    for indicator_id, value, reported_on, _check_in_id in rows:
        item = by_id.get(indicator_id)
        if item is not None:
            item.history.append((reported_on, value))
            item.latest, item.latest_on = value, reported_on
    return CommitmentProgress(commitment, list(by_id.values()))


def list_followed_commitments(
    arena: Arena, current: Cycle | None, now: datetime
) -> list[CommitmentProgress]:
    """The arena's commitments being tested or reviewed, and the planned ones of the
    current cycle, each with its indicators' latest values: two queries in all."""
    followed = and_(Cycle.testing_starts_at <= now, Cycle.closes_at > now)
    if current is not None:
        followed = or_(
            followed,
            and_(Commitment.cycle_id == current.id, Commitment.status == CommitmentStatus.PLANNED),
        )
    commitments = list(
        db.session.scalars(
            select(Commitment)
            .join(Cycle, Cycle.id == Commitment.cycle_id)
            .where(Commitment.arena_id == arena.id, followed)
            .order_by(Cycle.year.desc(), Commitment.title, Commitment.id)
        )
    )
    if not commitments:
        return []
    values = (
        _visible_values([c.id for c in commitments])
        .add_columns(
            func.row_number()
            .over(
                partition_by=IndicatorValue.indicator_id,
                order_by=(CheckIn.reported_on.desc(), CheckIn.id.desc()),
            )
            .label("position")
        )
        .subquery()
    )
    latest = select(values).where(values.c.position == 1).subquery()
    rows = db.session.execute(
        select(Indicator, latest.c.value, latest.c.reported_on)
        .outerjoin(latest, latest.c.indicator_id == Indicator.id)
        .where(Indicator.commitment_id.in_([c.id for c in commitments]))
        .order_by(Indicator.sort_order, Indicator.id)
    ).all()
    result = {c.id: CommitmentProgress(c) for c in commitments}
    for indicator, value, reported_on in rows:
        result[indicator.commitment_id].indicators.append(
            IndicatorProgress(indicator, value, reported_on)
        )
    return list(result.values())
