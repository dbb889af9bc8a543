"""The search page, the "similar proposals" fragment and the facilitators' duplicates."""

from __future__ import annotations

from flask import Blueprint, current_app, g, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from arena import i18n
from arena.arenas import queries as arena_queries
from arena.commitments.models import CommitmentStatus
from arena.core.permissions import require_facilitator
from arena.proposals.models import ProposalStatus
from arena.search import queries
from arena.search.forms import read_search
from arena.search.models import KINDS

bp = Blueprint("search", __name__, url_prefix="/search")

KIND_LABELS = {
    "proposal": _l("Proposal"),
    "commitment": _l("Commitment"),
    "organisation": _l("Organisation"),
    "workshop": _l("Workshop"),
}
STATUSES = [s.value for s in ProposalStatus] + [
    s.value for s in CommitmentStatus if s.value not in {p.value for p in ProposalStatus}
]


def status_label(key: str) -> str:
    if key in i18n.STATUS_LABELS:
        return i18n.label(i18n.STATUS_LABELS, key)
    return i18n.label(i18n.COMMITMENT_STATUS_LABELS, key)


def result_url(result) -> str:
    doc = result.document
    if doc.kind == "proposal":
        return url_for("proposals.show", proposal_id=doc.item_id)
    if doc.kind == "commitment":
        return url_for("commitments.show", commitment_id=doc.item_id)
    if doc.kind == "organisation":
        return url_for("organisations.show", organisation_id=doc.item_id)
    return url_for("workshops.show", slug=result.arena_slug, workshop_id=doc.item_id)


@bp.get("")
def index():
    arenas = arena_queries.list_arenas()
    themes = arena_queries.list_themes()
    asked = read_search(
        request.args,
        arenas={a.slug for a in arenas},
        themes={t.key for t in themes},
        statuses=STATUSES,
        kinds=KINDS,
        locale=str(get_locale()),
    )
    arena = next((a for a in arenas if a.slug == asked.arena), None)
    results = None
    if asked.groups and not asked.problem:
        filters = queries.Filters(
            arena_id=arena.id if arena else None,
            theme=asked.theme or None,
            year=asked.year,
            status=asked.status or None,
            kind=asked.kind or None,
        )
        results = queries.search(
            asked.groups,
            filters,
            current_user,
            page=asked.page,
            per_page=current_app.config.get("SEARCH_RESULTS_PER_PAGE", 20),
        )
    return render_template(
        "search/index.html",
        asked=asked,
        results=results,
        arenas=arenas,
        themes=themes,
        statuses=STATUSES,
        kinds=KINDS,
        kind_labels=KIND_LABELS,
        status_label=status_label,
        result_url=result_url,
        years=queries.list_cycle_years(),
    )


def similar_to(arena, cycle, *, title: str, summary: str, language: str, exclude=()):
    """The proposals of the cycle that look like the one being written (for proposals)."""
    return queries.similar_proposals(
        arena.id, cycle.year, f"{title}\n{summary}", language or "sv", exclude=exclude
    )


@bp.get("/similar/<slug>")
def similar(slug):
    """An HTML fragment for the proposal form's script: the list while typing."""
    arena = arena_queries.get_arena_by_slug_or_404(slug)
    cycle = arena_queries.get_current_cycle(arena, g.now)
    title = request.args.get("title", "")[:200]
    summary = request.args.get("summary", "")[:600]
    language = request.args.get("language", "")
    found = []
    if cycle is not None:
        found = similar_to(
            arena,
            cycle,
            title=title,
            summary=summary,
            language=language if language in i18n.CONTENT_LANGUAGES else "sv",
        )
    return render_template("search/_similar.html", similar=found, fragment=True)


@bp.get("/duplicates/<slug>")
@login_required
def duplicates(slug):
    """For the facilitators: the newest proposals, each with the ones it may repeat."""
    arena = arena_queries.get_arena_by_slug_or_404(slug)
    require_facilitator(current_user, arena)
    cycle = arena_queries.get_current_cycle(arena, g.now)
    pairs = []
    if cycle is not None:
        for proposal in queries.list_newest_proposals(cycle, limit=20):
            found = similar_to(
                arena,
                cycle,
                title=proposal.title,
                summary=proposal.summary,
                language=proposal.language,
                exclude=[proposal.id],
            )
            if found:
                pairs.append((proposal, found[:3]))
    return render_template("search/duplicates.html", arena=arena, cycle=cycle, pairs=pairs)
