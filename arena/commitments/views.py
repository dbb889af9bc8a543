"""Selection pages for facilitators, and the public page of a commitment."""

from flask import Blueprint, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from arena import i18n
from arena.accounts.forms import EmptyForm
from arena.arenas.phases import phase_at
from arena.commitments import queries, rules, services
from arena.commitments.forms import NotSelectForm, SelectForm
from arena.core.errors import ActionRefused
from arena.extensions import db
from arena.proposals import queries as proposal_queries
from arena.workshops.queries import get_workshop_votes

bp = Blueprint("commitments", __name__, url_prefix="/commitments")


def commitment_status_label(key: str) -> str:
    return i18n.label(i18n.COMMITMENT_STATUS_LABELS, key)


@bp.get("/<int:commitment_id>")
def show(commitment_id):
    from arena.commitments import followup_views  # registers its routes on this blueprint

    commitment = queries.get_commitment_or_404(commitment_id)
    return render_template(
        "commitments/show.html",
        commitment=commitment,
        arena=commitment.arena,
        cycle=commitment.cycle,
        proposals=sorted(commitment.proposals, key=lambda p: p.id),
        commitment_status_label=commitment_status_label,
        **followup_views.page_context(commitment),
    )


def _select_form(proposal, *, submitted: bool = False) -> SelectForm:
    """The selection form, prefilled from the proposal unless it was just sent."""
    form = SelectForm(prefix="select") if submitted else SelectForm(formdata=None, prefix="select")
    organisations = services.allowed_owner_organisations(proposal)
    form.owner_organisations.choices = [(o.id, o.name) for o in organisations]
    form.owner_author.label.text = _(
        "The proposal's author, %(name)s", name=proposal.author.display_name
    )
    if not submitted:
        form.title.data = proposal.title
        parts = [proposal.summary, proposal.body]
        form.description.data = "\n\n".join(part for part in parts if part)
        form.owner_author.data = proposal.author.is_active
        form.owner_organisations.data = (
            [proposal.organisation_id] if proposal.organisation_id else []
        )
    return form


def _render_decide(proposal, select_form=None, not_select_form=None):
    cycle = proposal.cycle
    votes, workshops = get_workshop_votes(proposal)
    return render_template(
        "commitments/decide.html",
        proposal=proposal,
        cycle=cycle,
        arena=cycle.arena,
        phase=phase_at(cycle, g.now),
        workshop_votes=votes,
        workshop_count=workshops,
        commitments=queries.list_commitments_of(proposal),
        can_decide=rules.can_decide(current_user, proposal, now=g.now),
        can_undo=rules.can_undo_decision(current_user, proposal, now=g.now),
        select_form=select_form or _select_form(proposal),
        not_select_form=not_select_form or NotSelectForm(formdata=None, prefix="reject"),
        undo_form=EmptyForm(),
    )


@bp.get("/decide/<int:proposal_id>")
@login_required
def decide(proposal_id):
    proposal = proposal_queries.get_proposal_or_404(proposal_id)
    services.ensure_can_manage_selection(current_user, proposal, now=g.now)
    return _render_decide(proposal)


def _results_url(proposal) -> str:
    cycle = proposal.cycle
    return url_for("arenas.results", slug=cycle.arena.slug, year=cycle.year)


def _refused(refusal: ActionRefused, proposal):
    db.session.rollback()
    if refusal.status == 403:
        raise refusal
    flash(refusal.message, "error")
    return redirect(url_for("commitments.decide", proposal_id=proposal.id), code=303)


@bp.post("/decide/<int:proposal_id>/select")
@login_required
def select(proposal_id):
    proposal = proposal_queries.get_proposal_or_404(proposal_id)
    try:
        services.ensure_can_decide(current_user, proposal, now=g.now)
    except ActionRefused as refusal:
        return _refused(refusal, proposal)
    form = _select_form(proposal, submitted=True)
    if not form.validate_on_submit():
        return _render_decide(proposal, select_form=form)
    if not form.owner_author.data and not form.owner_organisations.data:
        form.owner_organisations.errors = [
            *form.owner_organisations.errors,
            _("Choose at least one owner."),
        ]
        return _render_decide(proposal, select_form=form)
    organisations = {o.id: o for o in services.allowed_owner_organisations(proposal)}
    try:
        commitment = services.select_proposal(
            current_user,
            proposal,
            now=g.now,
            motivation=form.motivation.data,
            title=form.title.data,
            description=form.description.data or "",
            owner_users=[proposal.author] if form.owner_author.data else [],
            owner_organisations=[organisations[i] for i in form.owner_organisations.data or []],
        )
    except ActionRefused as refusal:
        return _refused(refusal, proposal)
    db.session.commit()
    flash(
        _("“%(title)s” is selected and its commitment is created.", title=commitment.title),
        "success",
    )
    return redirect(_results_url(proposal), code=303)


@bp.post("/decide/<int:proposal_id>/not-select")
@login_required
def not_select(proposal_id):
    proposal = proposal_queries.get_proposal_or_404(proposal_id)
    try:
        services.ensure_can_decide(current_user, proposal, now=g.now)
    except ActionRefused as refusal:
        return _refused(refusal, proposal)
    form = NotSelectForm(prefix="reject")
    if not form.validate_on_submit():
        return _render_decide(proposal, not_select_form=form)
    try:
        services.not_select_proposal(
            current_user, proposal, now=g.now, motivation=form.motivation.data or ""
        )
    except ActionRefused as refusal:
        return _refused(refusal, proposal)
    db.session.commit()
    flash(_("“%(title)s” is marked as not selected.", title=proposal.title), "success")
    return redirect(_results_url(proposal), code=303)


@bp.post("/decide/<int:proposal_id>/undo")
@login_required
def undo(proposal_id):
    proposal = proposal_queries.get_proposal_or_404(proposal_id)
    try:
        services.ensure_can_undo(current_user, proposal, now=g.now)
    except ActionRefused as refusal:
        return _refused(refusal, proposal)
    if not EmptyForm().validate_on_submit():
        return redirect(url_for("commitments.decide", proposal_id=proposal.id), code=303)
    try:
        services.undo_decision(current_user, proposal, now=g.now)
    except ActionRefused as refusal:
        return _refused(refusal, proposal)
    db.session.commit()
    flash(_("The decision on “%(title)s” is undone.", title=proposal.title), "success")
    return redirect(_results_url(proposal), code=303)
