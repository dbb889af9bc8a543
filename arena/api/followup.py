"""The API's follow-up side: commitments with their owners, indicators, versions and
lineage; check-ins with their values; reviews; adoptions."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from arena.api import schemas
from arena.api.listing import Resource, Serialised, page_url
from arena.api.params import Filters
from arena.arenas.models import Arena, Cycle, Theme
from arena.commitments.models import CheckIn, Commitment, CommitmentStatus, Pledge
from arena.commitments.queries import latest_values
from arena.extensions import db
from arena.reviews.labels import outcome_label
from arena.reviews.models import Review, ReviewOutcome


def _in_arena_and_year(query, filters: Filters):
    query = query.join(Cycle, Cycle.id == Commitment.cycle_id).join(
        Arena, Arena.id == Commitment.arena_id
    )
    if filters.arena:
        query = query.where(Arena.slug == filters.arena)
    if filters.year:
        query = query.where(Cycle.year == filters.year)
    return query


# --- commitments -------------------------------------------------------------------------


def _commitments(filters: Filters):
    query = _in_arena_and_year(select(Commitment), filters).options(
        selectinload(Commitment.arena),
        selectinload(Commitment.cycle),
        selectinload(Commitment.themes),
        selectinload(Commitment.proposals),
        selectinload(Commitment.owner_users),
        selectinload(Commitment.owner_organisations),
        selectinload(Commitment.indicators),
        selectinload(Commitment.review),
    )
    if filters.theme:
        query = query.where(Commitment.themes.any(Theme.key == filters.theme))
    if filters.status:
        query = query.where(Commitment.status == filters.status)
    if filters.updated_since:
        query = query.where(Commitment.updated_at >= filters.updated_since)
    return query


def _participants(ids) -> dict[int, int]:
    return dict(
        db.session.execute(
            select(Pledge.commitment_id, func.count(Pledge.id))
            .where(Pledge.commitment_id.in_(ids))
            .group_by(Pledge.commitment_id)
        ).all()
    )


def _owners(commitment: Commitment) -> list[schemas.Owner]:
    owners = [
        schemas.Owner(kind="organisation", name=o.name, organisation=o.id)
        for o in commitment.owner_organisations
    ]
    owners += [
        schemas.Owner(kind="resident", name=u.display_name, organisation=None)
        for u in commitment.owner_users
    ]
    return owners


def _serialise_commitments(commitments) -> list[Serialised]:
    participants = _participants([c.id for c in commitments])
    latest = latest_values(i.id for c in commitments for i in c.indicators)
    found = []
    for c in commitments:
        indicators = []
        for i in c.indicators:
            measured = latest.get(i.id)
            indicators.append(
                schemas.Indicator(
                    id=i.id,
                    name=i.name,
                    unit=i.unit,
                    direction=i.direction,
                    baseline_value=i.baseline_value,
                    baseline_on=i.baseline_on,
                    target_value=i.target_value,
                    target_on=i.target_on,
                    latest_value=measured.value if measured else None,
                    latest_on=measured.on if measured else None,
                    method=i.method,
                    reported_by=i.reported_by,
                    reporting_interval=i.reporting_interval,
                )
            )
        item = schemas.Commitment(
            id=c.id,
            arena=c.arena.slug,
            year=c.cycle.year,
            cycle=c.cycle_id,
            title=c.title,
            description=c.description,
            language=c.language,
            status=c.status,
            location=c.location,
            climate_effect=c.climate_effect,
            changes=c.changes,
            starts_on=c.starts_on,
            ends_on=c.ends_on,
            themes=sorted(t.key for t in c.themes),
            proposals=sorted(p.id for p in c.proposals),
            previous_version=c.previous_id,
            adopted_from=c.origin_id,
            owners=_owners(c),
            participants=participants.get(c.id, 0),
            indicators=indicators,
            review=c.review.id if c.review else None,
            check_in_interval_days=c.check_in_interval_days,
            created_at=c.created_at,
            updated_at=c.updated_at,
            url=page_url("commitments.show", commitment_id=c.id),
        )
        found.append(Serialised(c.id, item, c.updated_at))
    return found


# --- check-ins ---------------------------------------------------------------------------


def _check_ins(filters: Filters):
    query = (
        select(CheckIn)
        .join(Commitment, Commitment.id == CheckIn.commitment_id)
        .options(selectinload(CheckIn.values), selectinload(CheckIn.author))
    )
    query = _in_arena_and_year(query, filters)
    if filters.commitment:
        query = query.where(CheckIn.commitment_id == filters.commitment)
    if filters.updated_since:
        query = query.where(CheckIn.created_at >= filters.updated_since)
    return query


def _serialise_check_ins(check_ins) -> list[Serialised]:
    found = []
    for ci in check_ins:
        hidden = ci.is_hidden
        item = schemas.CheckIn(
            id=ci.id,
            commitment=ci.commitment_id,
            is_hidden=hidden,
            kind=ci.kind,
            reported_on=ci.reported_on,
            note=None if hidden else ci.note,
            language=ci.language,
            confidence=ci.confidence,
            author=None if hidden else ci.author.display_name,
            organisation=None if hidden else ci.organisation_id,
            values=[]
            if hidden
            else [
                schemas.Value(indicator=v.indicator_id, value=v.value)
                for v in sorted(ci.values, key=lambda v: v.indicator_id)
            ],
            created_at=ci.created_at,
            url=page_url(
                "commitments.show", commitment_id=ci.commitment_id, _anchor="check-ins-title"
            ),
        )
        found.append(Serialised(ci.id, item, max(ci.created_at, ci.hidden_at or ci.created_at)))
    return found


# --- reviews and adoptions ---------------------------------------------------------------


def _reviews(filters: Filters):
    query = select(Review).join(Commitment, Commitment.id == Review.commitment_id)
    query = _in_arena_and_year(query, filters).options(
        selectinload(Review.commitment).selectinload(Commitment.arena),
        selectinload(Review.commitment).selectinload(Commitment.cycle),
    )
    if filters.status:
        query = query.where(Review.outcome == filters.status)
    if filters.updated_since:
        query = query.where(Review.decided_at >= filters.updated_since)
    return query


def _serialise_reviews(reviews) -> list[Serialised]:
    return [
        Serialised(
            r.id,
            schemas.Review(
                id=r.id,
                commitment=r.commitment_id,
                arena=r.commitment.arena.slug,
                year=r.commitment.cycle.year,
                outcome=r.outcome,
                outcome_label=outcome_label(r.outcome, short=True),
                rationale=r.rationale,
                measured_result=r.measured_result,
                lessons=r.lessons,
                decided_at=r.decided_at,
                url=page_url(
                    "commitments.show", commitment_id=r.commitment_id, _anchor="review-title"
                ),
            ),
            r.decided_at,
        )
        for r in reviews
    ]


def _adoptions(filters: Filters):
    return (
        _commitments(filters)
        .where(Commitment.origin_id.is_not(None))
        .options(
            selectinload(Commitment.origin).selectinload(Commitment.arena),
            selectinload(Commitment.origin).selectinload(Commitment.cycle),
        )
    )


def _serialise_adoptions(commitments) -> list[Serialised]:
    return [
        Serialised(
            c.id,
            schemas.Adoption(
                commitment=c.id,
                arena=c.arena.slug,
                year=c.cycle.year,
                adopted_from=c.origin_id,
                from_arena=c.origin.arena.slug,
                from_year=c.origin.cycle.year,
                url=page_url("commitments.show", commitment_id=c.id),
            ),
            c.created_at,
        )
        for c in commitments
    ]


RESOURCES = (
    Resource(
        "commitments",
        schemas.Commitment,
        _l("Commitments"),
        _l(
            "The commitments chosen from proposals, with owners, indicators (baseline, "
            "target, latest value), versions and where they were adopted from."
        ),
        _commitments,
        Commitment.id,
        _serialise_commitments,
        ("arena", "year", "theme", "status", "updated_since"),
        tuple(str(s) for s in CommitmentStatus),
    ),
    Resource(
        "check-ins",
        schemas.CheckIn,
        _l("Check-ins"),
        _l(
            "Measured values and residents' reports on commitments; a hidden one is its "
            "placeholder."
        ),
        _check_ins,
        CheckIn.id,
        _serialise_check_ins,
        ("arena", "year", "commitment", "updated_since"),
    ),
    Resource(
        "reviews",
        schemas.Review,
        _l("Reviews"),
        _l("The yearly review of each commitment: outcome, rationale, measured result."),
        _reviews,
        Review.id,
        _serialise_reviews,
        ("arena", "year", "status", "updated_since"),
        tuple(str(s) for s in ReviewOutcome),
    ),
    Resource(
        "adoptions",
        schemas.Adoption,
        _l("Adoptions"),
        _l(
            "Commitments taken up by another arena from where they were proven (keyed by the "
            "adopting commitment's id)."
        ),
        _adoptions,
        Commitment.id,
        _serialise_adoptions,
        ("arena", "year"),
    ),
)
