"""Read-only queries for commitments: owners, progress, pledges, latest values."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache

from flask import abort
from sqlalchemy import Integer, Select, String, and_, bindparam, cast, exists, func, or_, select
from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from arena.arenas import queries as arena_queries
from arena.arenas.models import Arena, Cycle
from arena.commitments.models import (
    CheckIn,
    Commitment,
    CommitmentStatus,
    Indicator,
    IndicatorValue,
    Pledge,
    commitment_co_benefits,
    commitment_proposals,
    commitment_themes,
)
from arena.core.charts import progress
from arena.core.paging import Page, inline_bound, offset_of
from arena.core.permissions import is_signed_in
from arena.core.routing import get_child_or_404
from arena.extensions import db
from arena.organisations.models import Organisation, OrganisationMember, organisation_arenas


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


def get_commitment_or_404(commitment_id: int) -> Commitment:
    return db.get_or_404(Commitment, commitment_id)


def get_commitment_page_or_404(commitment_id: int) -> Commitment:
    """The commitment of its page, with its arena and cycle in the same statement, and
    its themes and co-benefits from what the process keeps (arenas/reference.py): the
    statement reads their ids, "3,5", instead of two more statements their rows."""
    row = db.session.execute(_page_statement(), {"commitment_id": commitment_id}).one_or_none()
    if row is None:
        abort(404)
    commitment, theme_ids, co_benefit_ids = row
    for name, ids, attach in (
        ("themes", theme_ids, arena_queries.attach_kept_themes),
        ("co_benefits", co_benefit_ids, arena_queries.attach_kept_co_benefits),
    ):
        found = attach({int(i) for i in (ids or "").split(",") if i})
        if found is not None:  # else loaded when first asked for, as usual
            set_committed_value(commitment, name, found)
    return commitment


@cache
def _page_statement() -> Select:
    # Built once, the id a parameter, as the proposal page's is.
    columns = [Commitment]
    for link, column in (
        (commitment_themes.c, commitment_themes.c.theme_id),
        (commitment_co_benefits.c, commitment_co_benefits.c.co_benefit_id),
    ):
        ids = select(func.aggregate_strings(cast(column, String), ","))
        columns.append(ids.where(link.commitment_id == Commitment.id).scalar_subquery())
    return (
        select(*columns)
        .where(Commitment.id == bindparam("commitment_id", type_=Integer))
        .options(joinedload(Commitment.arena), joinedload(Commitment.cycle))
    )


def list_check_ins(commitment: Commitment) -> list[CheckIn]:
    """The commitment's check-ins, the latest first, with their values, author and
    organisation loaded for the whole list (the page runs no query per check-in)."""
    return list(
        db.session.scalars(
            select(CheckIn)
            .where(CheckIn.commitment_id == commitment.id)
            .options(
                selectinload(CheckIn.values),
                # Joined, not a statement each: one author and organisation per check-in.
                joinedload(CheckIn.author),
                joinedload(CheckIn.organisation),
            )
            .order_by(CheckIn.reported_on.desc(), CheckIn.id.desc())
        )
    )


def get_indicator_or_404(commitment: Commitment, indicator_id: int) -> Indicator:
    """One of the commitment's indicators; 404 for any other id."""
    return get_child_or_404(
        Indicator, indicator_id, belongs=lambda i: i.commitment_id == commitment.id
    )


def _organisations_by_name(link, organisation_key, condition) -> list[Organisation]:
    """The organisations that rows of `link` (through its `organisation_key` column) tie
    to something by `condition`, by name."""
    return list(
        db.session.scalars(
            select(Organisation)
            .join(link, organisation_key == Organisation.id)
            .where(condition)
            .order_by(Organisation.name, Organisation.id)
        )
    )


def get_organisation(organisation_id: int) -> Organisation | None:
    return db.session.get(Organisation, organisation_id)


def list_arena_organisations(arena: Arena) -> list[Organisation]:
    """Organisations active in the arena, by name."""
    links = organisation_arenas.c
    return _organisations_by_name(
        organisation_arenas, links.organisation_id, links.arena_id == arena.id
    )


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
    """The commitment's indicators, each with every measured value in date order. The
    indicators are the relationship's (in its order): on the commitment's page the
    lineage has loaded them already."""
    indicators = commitment.indicators
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


def _followed(arena: Arena, current: Cycle | None, now: datetime) -> list:
    """The arena's commitments being tested or reviewed, and the planned ones of the
    current cycle."""
    followed = and_(Cycle.testing_starts_at <= now, Cycle.closes_at > now)
    if current is not None:
        followed = or_(
            followed,
            and_(Commitment.cycle_id == current.id, Commitment.status == CommitmentStatus.PLANNED),
        )
    return [Commitment.arena_id == arena.id, followed]


def page_of_followed_commitments(
    arena: Arena, current: Cycle | None, now: datetime, *, page: int, per_page: int
) -> Page:
    """One page of the followed commitments (newest cycle first, then by title), each
    with its indicators' latest values: three queries, whatever the arena's size."""
    where = _followed(arena, current, now)
    total = (
        db.session.scalar(
            select(func.count())
            .select_from(Commitment)
            .join(Cycle, Cycle.id == Commitment.cycle_id)
            .where(*where)
        )
        or 0
    )
    commitments = list(
        db.session.scalars(
            select(Commitment)
            .join(Cycle, Cycle.id == Commitment.cycle_id)
            .where(*where)
            .order_by(Cycle.year.desc(), Commitment.title, Commitment.id)
            .limit(inline_bound(per_page))
            .offset(inline_bound(offset_of(page, per_page)))
        )
    )
    return Page(page=page, per_page=per_page, total=total, items=_with_progress(commitments))


def _with_progress(commitments: list[Commitment]) -> list[CommitmentProgress]:
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


# --- Latest measured values -----------------------------------------------------------


@dataclass(frozen=True)
class Measured:
    value: float
    on: date


def latest_values(indicator_ids) -> dict[int, Measured]:
    """Per indicator, the value of its latest visible check-in (by reported_on), in one query."""
    ids = list(indicator_ids)
    if not ids:
        return {}
    rows = db.session.execute(
        select(IndicatorValue.indicator_id, IndicatorValue.value, CheckIn.reported_on)
        .join(CheckIn, CheckIn.id == IndicatorValue.check_in_id)
        .where(IndicatorValue.indicator_id.in_(ids), CheckIn.hidden_at.is_(None))
        .order_by(CheckIn.reported_on, CheckIn.id)
    )
    found: dict[int, Measured] = {}
    for indicator_id, value, reported_on in rows:
        found[indicator_id] = Measured(value, reported_on)  # later rows win
    return found


def has_values(indicator: Indicator) -> bool:
    return db.session.scalar(select(exists().where(IndicatorValue.indicator_id == indicator.id)))


# --- Pledges and memberships ---------------------------------------------------------


def has_pledged(user, commitment: Commitment) -> bool:
    """Whether `user` has joined the commitment for themselves."""
    if not is_signed_in(user):
        return False
    return db.session.scalar(
        select(exists().where(Pledge.commitment_id == commitment.id, Pledge.user_id == user.id))
    )


def get_pledge_state(user, commitment: Commitment) -> tuple[int, bool]:
    """(people who joined the commitment for themselves, whether `user` is one of
    them), in one statement: the commitment page shows both."""
    people = (
        select(func.count())
        .where(Pledge.commitment_id == commitment.id, Pledge.user_id.is_not(None))
        .scalar_subquery()
    )
    if not is_signed_in(user):
        return db.session.scalar(select(people)), False
    mine = exists().where(Pledge.commitment_id == commitment.id, Pledge.user_id == user.id)
    count, joined = db.session.execute(select(people, mine)).one()
    return count, bool(joined)


def list_pledged_organisations(commitment: Commitment) -> list[Organisation]:
    return _organisations_by_name(
        Pledge, Pledge.organisation_id, Pledge.commitment_id == commitment.id
    )


def list_memberships(user) -> list[Organisation]:
    """The organisations `user` is a member of, by name."""
    if not is_signed_in(user):
        return []
    return _organisations_by_name(
        OrganisationMember,
        OrganisationMember.organisation_id,
        OrganisationMember.user_id == user.id,
    )
