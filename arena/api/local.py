"""The API's local side: in-person workshops, the organisations taking part, and district
statistics."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from arena.api import schemas
from arena.api.listing import Resource, Serialised, page_url
from arena.api.params import Filters
from arena.arenas.models import Arena, Cycle, DistrictStatistic
from arena.arenas.statistics import indicator_names
from arena.extensions import db
from arena.organisations.models import Organisation
from arena.organisations.queries import list_organisations_query
from arena.proposals.models import Proposal
from arena.workshops.models import Workshop

# --- workshops ---------------------------------------------------------------------------


def _workshops(filters: Filters):
    query = (
        select(Workshop)
        .join(Cycle, Cycle.id == Workshop.cycle_id)
        .join(Arena, Arena.id == Cycle.arena_id)
        .options(selectinload(Workshop.cycle).selectinload(Cycle.arena))
    )
    if filters.arena:
        query = query.where(Arena.slug == filters.arena)
    if filters.year:
        query = query.where(Cycle.year == filters.year)
    if filters.updated_since:
        query = query.where(Workshop.updated_at >= filters.updated_since)
    return query


def _serialise_workshops(workshops) -> list[Serialised]:
    ids = [w.id for w in workshops]
    brought = dict(
        db.session.execute(
            select(Proposal.workshop_id, func.count(Proposal.id))
            .where(Proposal.workshop_id.in_(ids))
            .group_by(Proposal.workshop_id)
        ).all()
    )
    found = []
    for w in workshops:
        arena = w.cycle.arena
        item = schemas.Workshop(
            id=w.id,
            arena=arena.slug,
            year=w.cycle.year,
            cycle=w.cycle_id,
            held_at=w.held_at,
            place=w.place,
            language=w.language,
            participants=w.participant_count,
            proposals=brought.get(w.id, 0),
            updated_at=w.updated_at,
            url=page_url("workshops.show", slug=arena.slug, workshop_id=w.id),
        )
        found.append(Serialised(w.id, item, w.updated_at))
    return found


# --- organisations -----------------------------------------------------------------------


def _organisations(filters: Filters):
    query = list_organisations_query(arena=None, kind=None).order_by(None)
    query = query.options(selectinload(Organisation.arenas))
    if filters.arena:
        query = query.where(Organisation.arenas.any(Arena.slug == filters.arena))
    if filters.updated_since:
        query = query.where(Organisation.updated_at >= filters.updated_since)
    return query


def _serialise_organisations(organisations) -> list[Serialised]:
    return [
        Serialised(
            o.id,
            schemas.Organisation(
                id=o.id,
                name=o.name,
                kind=o.kind,
                description=o.description,
                website=o.website,
                activities=o.activities,
                is_verified=o.is_verified,
                arenas=sorted(a.slug for a in o.arenas),
                updated_at=o.updated_at,
                url=page_url("organisations.show", organisation_id=o.id),
            ),
            o.updated_at,
        )
        for o in organisations
    ]


# --- district statistics -----------------------------------------------------------------


def _statistics(filters: Filters):
    query = select(DistrictStatistic, Arena.slug).join(
        Arena, Arena.id == DistrictStatistic.arena_id
    )
    if filters.arena:
        query = query.where(Arena.slug == filters.arena)
    if filters.year:
        query = query.where(DistrictStatistic.year == filters.year)
    if filters.updated_since:
        query = query.where(DistrictStatistic.imported_at >= filters.updated_since)
    return query


def _serialise_statistics(rows) -> list[Serialised]:
    names = indicator_names({figure.indicator for figure, _slug in rows})
    return [
        Serialised(
            figure.id,
            schemas.Statistic(
                id=figure.id,
                arena=slug,
                indicator=figure.indicator,
                name=names[figure.indicator][0],
                year=figure.year,
                value=figure.value,
                unit=figure.unit,
                source=figure.source,
                is_example=figure.is_example,
                imported_at=figure.imported_at,
            ),
            figure.imported_at,
        )
        for figure, slug in rows
    ]


RESOURCES = (
    Resource(
        "workshops",
        schemas.Workshop,
        _l("Workshops"),
        _l("In-person workshops: when, where, in which language, how many came."),
        _workshops,
        Workshop.id,
        _serialise_workshops,
        ("arena", "year", "updated_since"),
    ),
    Resource(
        "organisations",
        schemas.Organisation,
        _l("Organisations"),
        _l("Local actors taking part: associations, shops, housing companies, schools."),
        _organisations,
        Organisation.id,
        _serialise_organisations,
        ("arena", "updated_since"),
    ),
    Resource(
        "statistics",
        schemas.Statistic,
        _l("District statistics"),
        _l("Context figures per district, with their source."),
        _statistics,
        DistrictStatistic.id,
        _serialise_statistics,
        ("arena", "year", "updated_since"),
        scalars=False,
    ),
)
