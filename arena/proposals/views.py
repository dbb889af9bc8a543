"""Proposal pages: list, detail, new proposal, support and withdraw."""

from flask import (
    Blueprint,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from arena.arenas import queries as arena_queries
from arena.arenas.phases import Action, last_open_day, phase_allows, phase_at
from arena.core.actions import attempt
from arena.core.paging import requested_page
from arena.core.routing import found_or_404
from arena.core.security import safe_next
from arena.proposals import comments, queries, rules, services
from arena.proposals.forms import ProposalForm, fill_proposal_choices, proposal_values

bp = Blueprint("proposals", __name__)


def _cycle_for(arena, year_arg):
    """The cycle asked for by ?year=, else the current one; 404 when there is none."""
    year = request.args.get("year", type=int) if year_arg is None else year_arg
    cycle = arena_queries.get_cycle(arena, year) if year else None
    return found_or_404(cycle or arena_queries.get_current_cycle(arena, g.now))


@bp.get("/arenas/<slug>/proposals")
def index(slug):
    arena = arena_queries.get_arena_by_slug_or_404(slug)
    cycle = _cycle_for(arena, None)
    themes = arena_queries.list_themes()
    theme = next((t for t in themes if t.key == request.args.get("theme")), None)
    sort = queries.choose_sort(request.args.get("sort"), cycle, g.now)
    page = requested_page()
    pagination = queries.page_of_proposals(
        cycle, theme=theme, sort=sort, page=page, per_page=current_app.config["PROPOSALS_PER_PAGE"]
    )
    return render_template(
        "proposals/index.html",
        arena=arena,
        cycle=cycle,
        phase=phase_at(cycle, g.now),
        themes=themes,
        theme=theme,
        sort=sort,
        sorts=queries.allowed_sorts(cycle, g.now),
        pagination=pagination,
        supported_ids=queries.get_supported_ids(current_user, [p.id for p in pagination.items]),
        show_counts=rules.can_see_results(cycle, now=g.now),
        cycles=sorted(arena.cycles, key=lambda c: c.year, reverse=True),
    )


@bp.get("/proposals/<int:proposal_id>")
def show(proposal_id):
    proposal, top_comments, merged_count = queries.get_proposal_page_or_404(proposal_id)
    cycle = proposal.cycle
    support_reason = rules.why_not_support(current_user, proposal, now=g.now)
    show_counts = rules.can_see_results(cycle, now=g.now)
    supports, supports_used = queries.get_support_state(current_user, proposal.id, cycle)
    # What other features add to the page is looked up here, never from the template.
    from arena.moderation.queries import list_merged_into
    from arena.workshops.queries import get_workshop_votes

    return render_template(
        "proposals/show.html",
        proposal=proposal,
        cycle=cycle,
        arena=cycle.arena,
        merged_from=list_merged_into(proposal) if merged_count else [],
        workshop_votes=get_workshop_votes(proposal) if show_counts else (0, 0),
        thread=None
        if proposal.is_hidden
        else comments.page_of_thread(proposal, requested_page(), total=top_comments),
        supports=supports,
        supports_used=supports_used,
        can_support=support_reason is None,
        support_reason=support_reason,
        can_withdraw=rules.can_withdraw_support(current_user, proposal, now=g.now),
        voting_open=rules.is_voting_open(cycle, now=g.now),
        show_counts=show_counts,
        needs_connection=current_user.is_authenticated
        and not current_user.is_connected_to(cycle.arena),
    )


@bp.app_template_global()
def can_support_in(cycle) -> bool:
    """Whether the signed-in person can support in this cycle now (the budget is shown)."""
    return rules.can_support_in(current_user, cycle, now=g.now)


@bp.app_template_global()
def phase_opens(cycle, action: str) -> bool:
    """Asks the phase table (arenas/phases.py) whether the cycle's phase now opens `action`."""
    return phase_allows(cycle, Action(action), g.now)


def ask_for_connection(arena, message: str):
    """Send the person to declare a connection to `arena` (`message` names it as
    %(arena)s), then back to this page."""
    flash(message % {"arena": arena.name}, "info")
    return redirect(url_for("accounts.connections", arena=arena.slug, next=request.path))


@bp.route("/arenas/<slug>/proposals/new", methods=["GET", "POST"])
@login_required
def new(slug):
    arena = arena_queries.get_arena_by_slug_or_404(slug)
    cycle = _cycle_for(arena, None)
    # Only worth asking for a connection while proposing is open; otherwise say it is closed.
    if rules.is_proposing_open(cycle, now=g.now) and not current_user.is_connected_to(arena):
        return ask_for_connection(
            arena, _("Tell us how you are connected to %(arena)s, then write your proposal.")
        )
    services.ensure_can_propose(current_user, cycle, now=g.now)
    form = ProposalForm()
    choices = fill_proposal_choices(form, current_user)
    if request.method == "GET":
        form.language.data = str(get_locale())
    similar = []
    if form.validate_on_submit():
        # Before publishing, the step "these look similar" (skipped once seen: the
        # "Publish anyway" button, or the list the script showed while typing).
        if "1" not in request.form.getlist("publish_anyway"):
            similar = _similar_to(arena, cycle, form)
        if not similar:
            with attempt(form) as done:
                proposal = services.submit_proposal(
                    current_user, cycle, now=g.now, **proposal_values(form, *choices)
                )
            if done:
                flash(_("Thank you! Your proposal is published."), "success")
                return redirect(url_for("proposals.show", proposal_id=proposal.id), code=303)
    return render_template(
        "proposals/new.html",
        form=form,
        arena=arena,
        cycle=cycle,
        last_day=last_open_day(cycle.voting_opens_at),
        similar=similar,
    )


def _similar_to(arena, cycle, form):
    from arena.search.views import similar_to

    return similar_to(
        arena,
        cycle,
        title=form.title.data or "",
        summary=form.summary.data or "",
        language=form.language.data or "sv",
    )


def _support_action(proposal_id: int, action, done_message: str):
    # The form is read before the support is saved: reading it afterwards could still
    # refuse the request (a body over the size limit) once the change was committed.
    next_url = safe_next(request.form.get("next"))
    proposal = queries.get_proposal_or_404(proposal_id)
    back = url_for("proposals.show", proposal_id=proposal.id)
    with attempt() as done:
        action(current_user, proposal, now=g.now)
    if done:
        cycle = proposal.cycle
        left = cycle.support_budget - queries.count_supports_used(current_user, cycle)
        flash(
            done_message
            + " "
            + _(
                "Supports left in %(arena)s: %(left)d of %(budget)d.",
                arena=cycle.arena.name,
                left=left,
                budget=cycle.support_budget,
            ),
            "success",
        )
    return redirect(next_url or back, code=303)


@bp.post("/proposals/<int:proposal_id>/support")
@login_required
def support(proposal_id):
    return _support_action(proposal_id, services.add_support, _("You now support this proposal."))


@bp.post("/proposals/<int:proposal_id>/withdraw")
@login_required
def withdraw(proposal_id):
    return _support_action(proposal_id, services.withdraw_support, _("Your support is withdrawn."))
