"""Selection pages for facilitators: decide on a proposal, or undo the decision.

The blueprint is "selections"; its URLs stay under /commitments/decide/.
"""

from flask import Blueprint, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from arena.core.actions import attempt
from arena.core.forms import EmptyForm
from arena.proposals import queries as proposal_queries
from arena.selections import queries, rules, services
from arena.selections.forms import NotSelectForm, SelectForm
from arena.workshops.queries import get_workshop_votes

bp = Blueprint("selections", __name__, url_prefix="/commitments/decide")


def _select_form(proposal, *, submitted: bool = False) -> SelectForm:
    """The selection form, prefilled from the proposal unless it was just sent."""
    form = SelectForm(prefix="select") if submitted else SelectForm(formdata=None, prefix="select")
    organisations = services.allowed_owner_organisations(proposal)
    form.owner_organisations.choices = [(o.id, o.name) for o in organisations]
    # A paper proposal's author of record is its workshop, so no person is offered.
    if proposal.author is not None:
        form.owner_author.label.text = _(
            "The proposal's author, %(name)s", name=proposal.author.display_name
        )
    form._organisations = {o.id: o for o in organisations}
    if not submitted:
        form.title.data = proposal.title
        parts = [proposal.summary, proposal.body]
        form.description.data = "\n\n".join(part for part in parts if part)
        form.owner_author.data = proposal.author is not None and proposal.author.is_active
        form.owner_organisations.data = (
            [proposal.organisation_id] if proposal.organisation_id else []
        )
    return form


def _render_decide(proposal, select_form=None, not_select_form=None):
    """The decide page, for the arena's facilitators in the selection phase only."""
    services.ensure_can_manage_selection(current_user, proposal, now=g.now)
    cycle = proposal.cycle
    votes, workshops = get_workshop_votes(proposal)
    return render_template(
        "selections/decide.html",
        proposal=proposal,
        cycle=cycle,
        arena=cycle.arena,
        workshop_votes=votes,
        workshop_count=workshops,
        commitments=queries.list_commitments_of(proposal),
        why_not_decide=rules.why_not_decide(current_user, proposal, now=g.now),
        can_undo=rules.can_undo(current_user, proposal, now=g.now),
        select_form=select_form or _select_form(proposal),
        not_select_form=not_select_form or NotSelectForm(formdata=None, prefix="reject"),
        undo_form=EmptyForm(),
    )


@bp.get("/<int:proposal_id>")
@login_required
def decide(proposal_id):
    return _render_decide(proposal_queries.get_proposal_or_404(proposal_id))


def _results_url(proposal) -> str:
    cycle = proposal.cycle
    return url_for("arenas.results", slug=cycle.arena.slug, year=cycle.year)


def _decide_url(proposal) -> str:
    return url_for("selections.decide", proposal_id=proposal.id)


@bp.post("/<int:proposal_id>/select")
@login_required
def select(proposal_id):
    proposal = proposal_queries.get_proposal_or_404(proposal_id)
    form = _select_form(proposal, submitted=True)
    if not form.validate_on_submit():
        return _render_decide(proposal, select_form=form)
    with attempt(form) as done:
        commitment = services.select_proposal(
            current_user,
            proposal,
            now=g.now,
            motivation=form.motivation.data,
            title=form.title.data,
            description=form.description.data or "",
            owner_users=[proposal.author] if form.owner_author.data and proposal.author else [],
            owner_organisations=[form._organisations[i] for i in form.owner_organisations.data],
        )
    if done:
        message = _(
            "“%(title)s” is selected and its commitment is created.", title=commitment.title
        )
        flash(message, "success")
        return redirect(_results_url(proposal), code=303)
    if done.refusal.problems:
        return _render_decide(proposal, select_form=form)
    return redirect(_decide_url(proposal), code=303)


@bp.post("/<int:proposal_id>/not-select")
@login_required
def not_select(proposal_id):
    proposal = proposal_queries.get_proposal_or_404(proposal_id)
    form = NotSelectForm(prefix="reject")
    if not form.validate_on_submit():
        return _render_decide(proposal, not_select_form=form)
    with attempt(form) as done:
        services.not_select_proposal(
            current_user, proposal, now=g.now, motivation=form.motivation.data or ""
        )
    if done:
        flash(_("“%(title)s” is marked as not selected.", title=proposal.title), "success")
        return redirect(_results_url(proposal), code=303)
    return redirect(_decide_url(proposal), code=303)


@bp.post("/<int:proposal_id>/undo")
@login_required
def undo(proposal_id):
    proposal = proposal_queries.get_proposal_or_404(proposal_id)
    if not EmptyForm().validate_on_submit():
        services.ensure_can_manage_selection(current_user, proposal, now=g.now)
        return redirect(_decide_url(proposal), code=303)
    with attempt() as done:
        services.undo_decision(current_user, proposal, now=g.now)
    if done:
        flash(_("The decision on “%(title)s” is undone.", title=proposal.title), "success")
        return redirect(_results_url(proposal), code=303)
    return redirect(_decide_url(proposal), code=303)
