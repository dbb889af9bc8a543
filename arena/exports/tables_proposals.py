"""Proposals, their support counts (never who supported), workshops and their tallies.

Counts of a cycle are published only once its voting has closed: before that the
count columns are empty and the count tables have no rows for that cycle.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from arena.exports.schema import Table, col
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
from arena.exports.tables_arenas import ARENA, ID, YEAR

ONLINE, WORKSHOP = "online", "workshop"


def public_cycle_ids(export) -> list[int]:
    return [c.id for c in export.cycles if results_are_public(c, export.now)]


def _proposals(export):
    supports, votes = support_totals(export.cycle_ids), workshop_totals(export.cycle_ids)
    public = set(public_cycle_ids(export))
    query = (
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
    for p, slug, year, theme, place, name, deleted_at, organisation, online, dots in stream(query):
        hidden = p.hidden_at is not None
        counted = p.cycle_id in public
        # Paper proposals are credited to their workshop, not the facilitator who typed them.
        author = (
            None
            if p.workshop_id
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
            WORKSHOP if p.workshop_id else ONLINE,
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


PROPOSAL_ID = col(
    "proposal_id", "integer", "The proposal (proposals.id)", "Förslaget (proposals.id)"
)
WORKSHOP_ID = col(
    "workshop_id", "integer", "The workshop (workshops.id)", "Workshoppen (workshops.id)"
)
UTC = "(UTC)"


def _counted(name, en, sv):
    return col(
        name, "integer", f"{en}; empty until voting closes", f"{sv}; tomt tills röstningen stängt"
    )


TABLES = (
    Table(
        "proposals",
        "Proposals",
        "Förslag",
        (
            ID,
            ARENA,
            YEAR,
            col("theme", "string", "Theme (key)", "Tema (nyckel)"),
            col(
                "title",
                "string",
                "Title; empty while hidden",
                "Rubrik; tom medan förslaget är dolt",
            ),
            col("summary", "string", "Summary", "Sammanfattning"),
            col("body", "string", "Full text", "Hela texten"),
            col("climate_effect", "string", "Expected climate effect", "Förväntad klimateffekt"),
            col("language", "string", "Language written in", "Språk som förslaget skrevs på"),
            col("status", "string", "Status in the cycle", "Status i cykeln"),
            col(
                "source",
                "string",
                "online, or workshop (on paper)",
                "online eller workshop (på papper)",
            ),
            col("workshop_id", "integer", "Workshop it came from", "Workshoppen det kom från"),
            col(
                "workshop_place", "string", "Where that workshop was held", "Var workshoppen hölls"
            ),
            col(
                "author",
                "string",
                "Author's public name or pseudonym",
                "Författarens offentliga namn eller pseudonym",
            ),
            col(
                "organisation",
                "string",
                "On behalf of this organisation",
                "För denna organisations räkning",
            ),
            col(
                "merged_into_id",
                "integer",
                "Merged into this proposal",
                "Sammanslaget med detta förslag",
            ),
            col("created_at", "datetime", f"Submitted {UTC}", f"Inskickat {UTC}"),
            col("decided_at", "datetime", f"Selection decided {UTC}", f"Urvalet beslutat {UTC}"),
            col(
                "decision_note",
                "string",
                "Facilitator's public motivation",
                "Facilitatorns offentliga motivering",
            ),
            col("is_hidden", "boolean", "Hidden by moderation", "Dolt av moderering"),
            col(
                "hidden_reason",
                "string",
                "Public reason for hiding",
                "Offentligt skäl till att det doldes",
            ),
            _counted("online_supports", "Online supports", "Stöd online"),
            _counted("workshop_votes", "Dot votes at workshops", "Prickröster på workshoppar"),
        ),
        _proposals,
    ),
    Table(
        "support_counts",
        "Support counts per proposal (after voting closed)",
        "Antal stöd per förslag (efter att röstningen stängt)",
        (
            PROPOSAL_ID,
            col("online_supports", "integer", "Supports given online", "Stöd som getts online"),
            col(
                "workshop_votes", "integer", "Dot votes at workshops", "Prickröster på workshoppar"
            ),
            col("workshops", "integer", "Workshops that tallied it", "Workshoppar som räknade det"),
            col(
                "total",
                "integer",
                "Online supports plus workshop votes",
                "Stöd online plus prickröster",
            ),
        ),
        _support_counts,
    ),
    Table(
        "workshops",
        "Workshops",
        "Workshoppar",
        (
            ID,
            ARENA,
            YEAR,
            col("held_at", "datetime", f"When it was held {UTC}", f"När den hölls {UTC}"),
            col("place", "string", "Where", "Var"),
            col("language", "string", "Language spoken", "Språk som talades"),
            col("participants", "integer", "Number of participants", "Antal deltagare"),
            col(
                "proposals",
                "integer",
                "Proposals collected on paper",
                "Förslag insamlade på papper",
            ),
        ),
        _workshops,
    ),
    Table(
        "workshop_tallies",
        "Workshop dot-vote tallies (after voting closed)",
        "Prickröster per workshop (efter att röstningen stängt)",
        (WORKSHOP_ID, PROPOSAL_ID, col("votes", "integer", "Dot votes", "Prickröster")),
        _tallies,
    ),
)
