"""An arena's page: about, the current cycle's timeline, themes and proposals."""

from flask import Blueprint, g, render_template
from flask_login import current_user

from arena.accounts.forms import ConnectionForm
from arena.accounts.rules import why_not_verified
from arena.arenas import queries
from arena.arenas.phases import Action, phase_allows, phase_at, timeline
from arena.arenas.statistics import can_import_statistics, list_statistics
from arena.core.paging import requested_page
from arena.proposals import queries as proposal_queries
from arena.proposals import rules as proposal_rules

bp = Blueprint("arenas", __name__, url_prefix="/arenas")

LATEST_PROPOSALS = 5
LATEST_COMMITMENTS = 6  # on the arena's page; all of them on its commitments page
COMMITMENTS_PER_PAGE = 20


@bp.get("/<slug>")
def show(slug):
    arena = queries.get_arena_by_slug_or_404(slug)
    cycle = queries.get_current_cycle(arena, g.now)
    context = {
        "arena": arena,
        "cycle": cycle,
        "themes": queries.list_themes(),
        "statistics": list_statistics(arena),
        "can_import_statistics": can_import_statistics(current_user),
    }
    if cycle is not None:
        sort = proposal_queries.choose_sort(None, cycle, g.now)
        pagination = proposal_queries.page_of_proposals(
            cycle, theme=None, sort=sort, page=1, per_page=LATEST_PROPOSALS
        )
        context.update(
            phase=phase_at(cycle, g.now),
            timeline=timeline(cycle, g.now),
            proposals=pagination.items,
            proposal_total=pagination.total,
            show_counts=proposal_rules.can_see_results(cycle, now=g.now),
            can_propose=proposal_rules.can_propose(current_user, cycle, now=g.now),
            # Connected while proposing is open, but the address is not confirmed yet.
            verify_first=(
                why_not_verified(current_user)
                if phase_allows(cycle, Action.PROPOSE, g.now)
                and current_user.is_authenticated
                and current_user.is_connected_to(arena)
                else None
            ),
            supports_used=proposal_queries.count_supports_used(current_user, cycle),
        )
    # The arena's commitments being followed up, with their progress (three queries).
    from arena.commitments.queries import page_of_followed_commitments

    context["followed_commitments"] = page_of_followed_commitments(
        arena, cycle, g.now, page=1, per_page=LATEST_COMMITMENTS
    )
    from arena.reviews.queries import list_offers
    from arena.reviews.rules import can_adopt

    offers = list_offers(arena)  # proven elsewhere, ready to adopt
    context["adoption_offers"] = offers
    context["adoptable_ids"] = {
        offer.commitment.id
        for offer in offers
        if offer.adopted_as is None
        and can_adopt(current_user, offer.commitment, arena, now=g.now, adopted=False)
    }
    if current_user.is_authenticated and not current_user.is_connected_to(arena):
        form = ConnectionForm()
        form.arena.data = arena.slug
        context["connection_form"] = form
    return render_template("arenas/show.html", **context)


@bp.get("/<slug>/commitments")
def commitments(slug):
    """Every commitment the arena follows up, a page at a time, with its progress."""
    from arena.commitments.queries import page_of_followed_commitments

    arena = queries.get_arena_by_slug_or_404(slug)
    page = requested_page()
    return render_template(
        "arenas/commitments.html",
        arena=arena,
        pagination=page_of_followed_commitments(
            arena,
            queries.get_current_cycle(arena, g.now),
            g.now,
            page=page,
            per_page=COMMITMENTS_PER_PAGE,
        ),
    )
