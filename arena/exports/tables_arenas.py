"""Tables about places and context: arenas, cycles, organisations, district statistics."""

from __future__ import annotations

from sqlalchemy import select

from arena.exports.schema import table
from arena.exports.sources import (
    Arena,
    Cycle,
    DistrictStatistic,
    Organisation,
    organisation_arenas,
    phase_at,
    results_are_public,
)
from arena.exports.streaming import stream


def _arenas(export):
    query = select(Arena.id, Arena.slug, Arena.name, Arena.description, Arena.description_en)
    yield from stream(query.where(Arena.id.in_(export.arena_ids)).order_by(Arena.sort_order))


def _cycles(export):
    query = select(Cycle, Arena.slug).join(Arena, Arena.id == Cycle.arena_id)
    for cycle, slug in stream(query.where(Cycle.id.in_(export.cycle_ids)).order_by(Arena.slug)):
        yield (
            cycle.id,
            slug,
            cycle.year,
            str(phase_at(cycle, export.now)),
            cycle.proposing_opens_at,
            cycle.voting_opens_at,
            cycle.voting_closes_at,
            cycle.testing_starts_at,
            cycle.review_starts_at,
            cycle.closes_at,
            cycle.support_budget,
            results_are_public(cycle, export.now),
        )


def _organisations(export):
    links = (
        select(organisation_arenas.c.organisation_id, Arena.slug)
        .join(Arena, Arena.id == organisation_arenas.c.arena_id)
        .where(organisation_arenas.c.arena_id.in_(export.arena_ids))
        .order_by(organisation_arenas.c.organisation_id, Arena.slug)
    )
    slugs: dict[int, list[str]] = {}
    for organisation_id, slug in stream(links):
        slugs.setdefault(organisation_id, []).append(slug)
    query = select(
        Organisation.id,
        Organisation.name,
        Organisation.kind,
        Organisation.description,
        Organisation.website,
        Organisation.activities,
        Organisation.is_verified,
    ).where(Organisation.id.in_(list(slugs)))
    for row in stream(query.order_by(Organisation.name, Organisation.id)):
        yield (*row, " ".join(slugs[row.id]))


def _statistics(export):
    query = (
        select(
            Arena.slug,
            DistrictStatistic.indicator,
            DistrictStatistic.year,
            DistrictStatistic.value,
            DistrictStatistic.unit,
            DistrictStatistic.source,
            DistrictStatistic.is_example,
        )
        .join(Arena, Arena.id == DistrictStatistic.arena_id)
        .where(DistrictStatistic.arena_id.in_(export.arena_ids))
        .order_by(Arena.slug, DistrictStatistic.indicator, DistrictStatistic.year)
    )
    yield from stream(query)


TABLES = (
    table(
        _arenas,
        """
        arenas | Arenas | Arenor
        id | integer | Identifier in the platform | Id i plattformen
        slug | string | Short name used in addresses | Kortnamn i webbadresser
        name | string | Name | Namn
        description | string | Description in Swedish | Beskrivning på svenska
        description_en | string | Description in English | Beskrivning på engelska
        """,
    ),
    table(
        _cycles,
        """
        cycles | Cycles and their phase dates | Cykler och deras fasdatum
        id | integer | Identifier in the platform | Id i plattformen
        arena | string | The arena's short name (slug) | Arenans kortnamn (slug)
        year | integer | The cycle's year | Cykelns år
        phase | string | Phase at the time of the export, derived from the dates
            | Fas när exporten gjordes, härledd ur datumen
        proposing_opens_at | datetime | Proposing opens (UTC) | Förslag öppnar (UTC)
        voting_opens_at | datetime | Voting opens (UTC) | Röstningen öppnar (UTC)
        voting_closes_at | datetime | Voting closes (UTC) | Röstningen stänger (UTC)
        testing_starts_at | datetime | Testing starts (UTC) | Testperioden börjar (UTC)
        review_starts_at | datetime | Review starts (UTC) | Utvärderingen börjar (UTC)
        closes_at | datetime | The cycle closes (UTC) | Cykeln avslutas (UTC)
        support_budget | integer | Supports per person | Stöd per person
        results_public | boolean | Whether voting has closed, so support counts are published
            | Om röstningen har stängt, så att antalet stöd är publicerat
        """,
    ),
    table(
        _organisations,
        """
        organisations | Organisations active in the arenas | Organisationer som är aktiva i arenorna
        id | integer | Identifier in the platform | Id i plattformen
        name | string | Name | Namn
        kind | string | Kind of organisation | Typ av organisation
        description | string | Description | Beskrivning
        website | string | Website | Webbplats
        activities | string | Ongoing activities | Pågående aktiviteter
        is_verified | boolean | Verified by a facilitator | Verifierad av en facilitator
        arenas | string | Arenas (slugs, space-separated) | Arenor (kortnamn)
        """,
    ),
    table(
        _statistics,
        """
        district_statistics | District statistics (all years) | Stadsdelsstatistik (alla år)
        arena | string | The arena's short name (slug) | Arenans kortnamn (slug)
        indicator | string | What is measured | Vad som mäts
        year | integer | Year of the figure | Årtal för siffran
        value | number | Value | Värde
        unit | string | Unit | Enhet
        source | string | Source | Källa
        is_example | boolean | Example figure, not official statistics
            | Exempelsiffra, inte officiell statistik
        """,
    ),
)
