"""Proposals, their support counts (never who supported), workshops and their tallies.

Counts of a cycle are published only once its voting has closed: before that the
count columns are empty and the count tables have no rows for that cycle.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from arena.exports.schema import table
from arena.exports.sources import (
    Arena,
    Cycle,
    Organisation,
    Proposal,
    Theme,
    User,
    Workshop,
    WorkshopTally,
    results_are_public,
)
from arena.exports.streaming import stream, support_totals, workshop_totals

ONLINE, WORKSHOP, DECIDIM = "online", "workshop", "decidim"


def public_cycle_ids(export) -> list[int]:
    return [c.id for c in export.cycles if results_are_public(c, export.now)]


def _proposals_query(export):
    supports, votes = support_totals(export.cycle_ids), workshop_totals(export.cycle_ids)
    return (
        select(
            Proposal,
            Arena.slug,
            Cycle.year,
            Theme.key,
            Workshop.place,
            User.display_name,
            User.deleted_at,
            Organisation.name,
            supports.c.supports,
            votes.c.votes,
        )
        .join(Cycle, Cycle.id == Proposal.cycle_id)
        .join(Arena, Arena.id == Cycle.arena_id)
        .join(Theme, Theme.id == Proposal.theme_id)
        .outerjoin(Workshop, Workshop.id == Proposal.workshop_id)
        .outerjoin(User, User.id == Proposal.author_id)
        .outerjoin(Organisation, Organisation.id == Proposal.organisation_id)
        .outerjoin(supports, supports.c.proposal_id == Proposal.id)
        .outerjoin(votes, votes.c.proposal_id == Proposal.id)
        .where(Proposal.cycle_id.in_(export.cycle_ids))
        .order_by(Arena.slug, Proposal.id)
    )


def _proposals(export):
    public = set(public_cycle_ids(export))
    query = _proposals_query(export)
    for p, slug, year, theme, place, name, deleted_at, organisation, online, dots in stream(query):
        hidden = p.hidden_at is not None
        counted = p.cycle_id in public
        # Paper proposals are credited to their workshop, not the facilitator who typed them,
        # and imported ones to the platform they came from.
        author = (
            None
            if p.workshop_id or p.external_source
            else export.pseudonyms.public_name(p.author_id, name, deleted_at is not None)
        )
        yield (
            p.id,
            slug,
            year,
            theme,
            None if hidden else p.title,
            None if hidden else p.summary,
            None if hidden else p.body,
            None if hidden else p.climate_effect,
            p.language,
            p.status,
            WORKSHOP if p.workshop_id else DECIDIM if p.external_source == DECIDIM else ONLINE,
            p.workshop_id,
            place,
            author,
            organisation,
            p.merged_into_id,
            p.created_at,
            p.decided_at,
            p.decision_note,
            hidden,
            p.hidden_reason if hidden else None,
            (online or 0) if counted else None,
            (dots or 0) if counted else None,
        )


def _support_counts(export):
    cycle_ids = public_cycle_ids(export)
    if not cycle_ids:
        return
    supports, votes = support_totals(cycle_ids), workshop_totals(cycle_ids)
    query = (
        select(
            Proposal.id,
            func.coalesce(supports.c.supports, 0),
            func.coalesce(votes.c.votes, 0),
            func.coalesce(votes.c.workshops, 0),
        )
        .outerjoin(supports, supports.c.proposal_id == Proposal.id)
        .outerjoin(votes, votes.c.proposal_id == Proposal.id)
        .where(Proposal.cycle_id.in_(cycle_ids))
        .order_by(Proposal.id)
    )
    for proposal_id, online, dots, workshops in stream(query):
        yield proposal_id, int(online), int(dots), int(workshops), int(online) + int(dots)


def _workshops(export):
    brought = aliased(Proposal)
    count = (
        select(func.count(brought.id)).where(brought.workshop_id == Workshop.id).scalar_subquery()
    )
    query = (
        select(
            Workshop.id,
            Arena.slug,
            Cycle.year,
            Workshop.held_at,
            Workshop.place,
            Workshop.language,
            Workshop.participant_count,
            count,
        )
        .join(Cycle, Cycle.id == Workshop.cycle_id)
        .join(Arena, Arena.id == Cycle.arena_id)
        .where(Workshop.cycle_id.in_(export.cycle_ids))
        .order_by(Workshop.held_at, Workshop.id)
    )
    yield from stream(query)


def _tallies(export):
    query = (
        select(WorkshopTally.workshop_id, WorkshopTally.proposal_id, WorkshopTally.votes)
        .join(Workshop, Workshop.id == WorkshopTally.workshop_id)
        .where(Workshop.cycle_id.in_(public_cycle_ids(export)))
        .order_by(WorkshopTally.workshop_id, WorkshopTally.proposal_id)
    )
    yield from stream(query)


TABLES = (
    table(
        _proposals,
        """
        proposals | Proposals | Förslag
        id | integer | Identifier in the platform | Id i plattformen
        arena | string | The arena's short name (slug) | Arenans kortnamn (slug)
        year | integer | The cycle's year | Cykelns år
        theme | string | Theme (key) | Tema (nyckel)
        title | string | Title; empty while hidden | Rubrik; tom medan förslaget är dolt
        summary | string | Summary | Sammanfattning
        body | string | Full text | Hela texten
        climate_effect | string | Expected climate effect | Förväntad klimateffekt
        language | string | Language written in | Språk som förslaget skrevs på
        status | string | Status in the cycle | Status i cykeln
        source | string | online, workshop (on paper) or decidim (imported)
            | online, workshop (på papper) eller decidim (importerat)
        workshop_id | integer | Workshop it came from | Workshoppen det kom från
        workshop_place | string | Where that workshop was held | Var workshoppen hölls
        author | string | Author's public name or pseudonym
            | Författarens offentliga namn eller pseudonym
        organisation | string | On behalf of this organisation | För denna organisations räkning
        merged_into_id | integer | Merged into this proposal | Sammanslaget med detta förslag
        created_at | datetime | Submitted (UTC) | Inskickat (UTC)
        decided_at | datetime | Selection decided (UTC) | Urvalet beslutat (UTC)
        decision_note | string | Facilitator's public motivation
            | Facilitatorns offentliga motivering
        is_hidden | boolean | Hidden by moderation | Dolt av moderering
        hidden_reason | string | Public reason for hiding | Offentligt skäl till att det doldes
        online_supports | integer | Online supports; empty until voting closes
            | Stöd online; tomt tills röstningen stängt
        workshop_votes | integer | Dot votes at workshops; empty until voting closes
            | Prickröster på workshoppar; tomt tills röstningen stängt
        """,
    ),
    table(
        _support_counts,
        """
        support_counts | Support counts per proposal (after voting closed)
            | Antal stöd per förslag (efter att röstningen stängt)
        proposal_id | integer | The proposal (proposals.id) | Förslaget (proposals.id)
        online_supports | integer | Supports given online | Stöd som getts online
        workshop_votes | integer | Dot votes at workshops | Prickröster på workshoppar
        workshops | integer | Workshops that tallied it | Workshoppar som räknade det
        total | integer | Online supports plus workshop votes | Stöd online plus prickröster
        """,
    ),
    table(
        _workshops,
        """
        workshops | Workshops | Workshoppar
        id | integer | Identifier in the platform | Id i plattformen
        arena | string | The arena's short name (slug) | Arenans kortnamn (slug)
        year | integer | The cycle's year | Cykelns år
        held_at | datetime | When it was held (UTC) | När den hölls (UTC)
        place | string | Where | Var
        language | string | Language spoken | Språk som talades
        participants | integer | Number of participants | Antal deltagare
        proposals | integer | Proposals collected on paper | Förslag insamlade på papper
        """,
    ),
    table(
        _tallies,
        """
        workshop_tallies | Workshop dot-vote tallies (after voting closed)
            | Prickröster per workshop (efter att röstningen stängt)
        workshop_id | integer | The workshop (workshops.id) | Workshoppen (workshops.id)
        proposal_id | integer | The proposal (proposals.id) | Förslaget (proposals.id)
        votes | integer | Dot votes | Prickröster
        """,
    ),
)
