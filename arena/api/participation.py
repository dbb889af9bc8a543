"""The API's participation side: arenas, themes, cycles, proposals and results."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from arena import i18n
from arena.api import schemas
from arena.api.listing import Resource, Serialised, language, now, page_url
from arena.api.params import Filters
from arena.arenas.models import Arena, Cycle, Theme
from arena.arenas.phases import PHASE_STARTS, phase_at, results_are_public, timeline
from arena.arenas.queries import pick_current_cycle
from arena.proposals.models import Proposal, ProposalStatus
from arena.selections.results import get_results
from arena.workshops.queries import workshop_votes_by_proposal


def boundary_passed(cycle: Cycle):
    """The last phase start this cycle has passed: what a cycle shows (its phase, whether
    counts are public) changes then, with no row changing."""
    passed = [
        getattr(cycle, attr) for _phase, attr in PHASE_STARTS if getattr(cycle, attr) <= now()
    ]
    return max(passed, default=cycle.proposing_opens_at)


# --- arenas and themes -------------------------------------------------------------------


def _arenas(filters: Filters):
    query = select(Arena).options(selectinload(Arena.cycles))
    return query.where(Arena.slug == filters.arena) if filters.arena else query


def _serialise_arenas(arenas) -> list[Serialised]:
    english = language() != "sv"
    found = []
    for arena in arenas:
        current = pick_current_cycle(list(arena.cycles), now())
        item = schemas.Arena(
            id=arena.id,
            slug=arena.slug,
            name=arena.name,
            description=(
                arena.description_en if english and arena.description_en else arena.description
            ),
            current_cycle=current.id if current else None,
            url=page_url("arenas.show", slug=arena.slug),
        )
        found.append(
            Serialised(arena.id, item, max(map(boundary_passed, arena.cycles), default=None))
        )
    return found


def _themes(filters: Filters):
    return select(Theme)


def _serialise_themes(themes) -> list[Serialised]:
    return [
        Serialised(t.id, schemas.Theme(key=t.key, label=i18n.label(i18n.THEME_LABELS, t.key)), None)
        for t in themes
    ]


# --- cycles ------------------------------------------------------------------------------


def _cycles(filters: Filters):
    query = select(Cycle).join(Arena, Arena.id == Cycle.arena_id).options(selectinload(Cycle.arena))
    if filters.arena:
        query = query.where(Arena.slug == filters.arena)
    if filters.year:
        query = query.where(Cycle.year == filters.year)
    return query


def serialise_cycle(cycle: Cycle) -> schemas.Cycle:
    current = phase_at(cycle, now())
    return schemas.Cycle(
        id=cycle.id,
        arena=cycle.arena.slug,
        year=cycle.year,
        current_phase=str(current),
        current_phase_label=i18n.label(i18n.PHASE_LABELS, current),
        support_budget=cycle.support_budget,
        phases=[
            schemas.Phase(
                key=str(span.phase),
                label=i18n.label(i18n.PHASE_LABELS, span.phase),
                starts_at=span.starts_at,
                ends_at=span.ends_at,
            )
            for span in timeline(cycle, now())
        ],
        results_are_public=results_are_public(cycle, now()),
        url=page_url("arenas.show", slug=cycle.arena.slug),
    )


def _serialise_cycles(cycles) -> list[Serialised]:
    return [Serialised(c.id, serialise_cycle(c), boundary_passed(c)) for c in cycles]


# --- proposals ---------------------------------------------------------------------------


def _proposals(filters: Filters):
    query = (
        select(Proposal)
        .join(Cycle, Cycle.id == Proposal.cycle_id)
        .join(Arena, Arena.id == Cycle.arena_id)
        .options(
            selectinload(Proposal.cycle).selectinload(Cycle.arena),
            selectinload(Proposal.theme),
            selectinload(Proposal.author),
        )
    )
    if filters.arena:
        query = query.where(Arena.slug == filters.arena)
    if filters.year:
        query = query.where(Cycle.year == filters.year)
    if filters.theme:
        query = query.join(Theme, Theme.id == Proposal.theme_id).where(Theme.key == filters.theme)
    if filters.status:
        query = query.where(Proposal.status == filters.status)
    if filters.updated_since:
        query = query.where(Proposal.updated_at >= filters.updated_since)
    return query


def _votes(proposals) -> dict[int, tuple[int, int]]:
    """The workshop votes of these proposals whose results are public."""
    by_cycle: dict = {}
    for proposal in proposals:
        by_cycle.setdefault(proposal.cycle, []).append(proposal.id)
    votes: dict[int, tuple[int, int]] = {}
    for cycle, ids in by_cycle.items():
        if results_are_public(cycle, now()):
            votes.update(workshop_votes_by_proposal(cycle, ids))
    return votes


def _serialise_proposals(proposals) -> list[Serialised]:
    votes = _votes(proposals)
    found = []
    for p in proposals:
        hidden, cycle = p.is_hidden, p.cycle
        counts = None
        if results_are_public(cycle, now()):
            dots = votes.get(p.id, (0, 0))[0]
            counts = schemas.Counts(
                online_supports=p.support_count,
                workshop_votes=dots,
                total=p.support_count + dots,
                external_supports=p.external_supports,
                external_endorsements=p.external_endorsements,
            )
        item = schemas.Proposal(
            id=p.id,
            is_hidden=hidden,
            hidden_reason=p.hidden_reason if hidden else None,
            arena=cycle.arena.slug,
            year=cycle.year,
            cycle=cycle.id,
            theme=p.theme.key if p.theme else None,
            title=None if hidden else p.title,
            summary=None if hidden else p.summary,
            body=None if hidden else p.body,
            climate_effect=None if hidden else p.climate_effect,
            language=p.language,
            status=p.status,
            source=p.external_source or ("workshop" if p.workshop_id else "online"),
            external_url=p.external_url,
            workshop=p.workshop_id,
            # Paper proposals are the workshop's, not the facilitator's who typed them in.
            author=None if p.workshop_id or p.author is None or hidden else p.author.display_name,
            organisation=None if hidden else p.organisation_id,
            merged_into=p.merged_into_id,
            decision_note=None if hidden else p.decision_note,
            decided_at=p.decided_at,
            counts=counts,
            created_at=p.created_at,
            updated_at=p.updated_at,
            url=page_url("proposals.show", proposal_id=p.id),
        )
        found.append(Serialised(p.id, item, max(p.updated_at, boundary_passed(cycle))))
    return found


# --- results -----------------------------------------------------------------------------


def _results(filters: Filters):
    # Only cycles whose voting has closed have a result to show.
    return _cycles(filters).where(Cycle.voting_closes_at <= now())


def _serialise_results(cycles) -> list[Serialised]:
    found = []
    for cycle in cycles:
        result = get_results(cycle)
        rows = [
            schemas.ResultRow(
                rank=row.rank,
                proposal=row.proposal.id,
                title=row.proposal.title,
                online_supports=row.online_supports,
                workshop_votes=row.workshop_votes,
                total=row.total,
                status=row.proposal.status,
                commitment=row.commitment.id if row.commitment else None,
            )
            for row in result.rows
        ]
        changed = max([boundary_passed(cycle)] + [r.proposal.updated_at for r in result.rows])
        item = schemas.Result(
            cycle=cycle.id,
            arena=cycle.arena.slug,
            year=cycle.year,
            rows=rows,
            url=page_url("arenas.results", slug=cycle.arena.slug, year=cycle.year),
        )
        found.append(Serialised(cycle.id, item, changed))
    return found


PROPOSAL_STATUSES = tuple(str(s) for s in ProposalStatus)

RESOURCES = (
    Resource(
        "arenas",
        schemas.Arena,
        _l("Arenas"),
        _l("The city's district arenas."),
        _arenas,
        Arena.id,
        _serialise_arenas,
        ("arena",),
    ),
    Resource(
        "themes",
        schemas.Theme,
        _l("Themes"),
        _l("The themes proposals and commitments belong to."),
        _themes,
        Theme.id,
        _serialise_themes,
    ),
    Resource(
        "cycles",
        schemas.Cycle,
        _l("Cycles"),
        _l("Each arena's yearly cycles, with their phases' dates and the phase now."),
        _cycles,
        Cycle.id,
        _serialise_cycles,
        ("arena", "year"),
    ),
    Resource(
        "proposals",
        schemas.Proposal,
        _l("Proposals"),
        _l(
            "Proposals as their pages show them: a hidden one is its placeholder; support "
            "counts and workshop votes appear once the cycle's voting has closed."
        ),
        _proposals,
        Proposal.id,
        _serialise_proposals,
        ("arena", "year", "theme", "status", "updated_since"),
        PROPOSAL_STATUSES,
    ),
    Resource(
        "results",
        schemas.Result,
        _l("Results"),
        _l("Each cycle's ranked result, once its voting has closed (keyed by the cycle's id)."),
        _results,
        Cycle.id,
        _serialise_results,
        ("arena", "year"),
    ),
)
