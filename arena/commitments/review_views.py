"""Pages for the yearly review and for adopting a scaled-up commitment elsewhere.

Routes live on the "commitments" blueprint. A context processor gives every
template `commitment_lineage(commitment)` (used by commitments/_lineage.html)
and `adoption_offers(arena)` (the arena page's "Proven elsewhere" section), so
the pages that include them need no change to their views.
"""

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import format_decimal, format_percent
from flask_babel import gettext as _
from flask_login import current_user, login_required

from arena.arenas import queries as arena_queries
from arena.commitments import lineage as lineage_queries
from arena.commitments import queries, review
from arena.commitments.models import ReviewOutcome
from arena.commitments.review_forms import AdoptForm, ReviewForm
from arena.commitments.views import bp, commitment_status_label
from arena.core.errors import ActionRefused
from arena.extensions import db


@bp.app_context_processor
def inject_review_helpers():
    def percent(value):
        return "–" if value is None else format_percent(value)

    return {
        "commitment_lineage": lineage_queries.get_lineage,
        "adoption_offers": review.list_offers,
        "can_review_commitment": lambda c: review.can_review(current_user, c, now=g.now),
        "can_adopt_into": lambda offer, arena: review.can_adopt(
            current_user, offer, arena, now=g.now
        ),
        "outcome_label": review.outcome_label,
        "commitment_status_label": commitment_status_label,
        "format_number": review.format_number,
        "format_percent_or_dash": percent,
        "format_decimal": format_decimal,
    }


def _refused(refusal: ActionRefused, where: str):
    db.session.rollback()
    if refusal.status == 403:
        raise refusal
    flash(refusal.message, "error")
    return redirect(where, code=303)


# --- review ------------------------------------------------------------------------


def _review_form(commitment, *, submitted: bool) -> ReviewForm:
    form = ReviewForm() if submitted else ReviewForm(formdata=None)
    indicators = list(commitment.indicators)
    if not submitted:
        form.title.data = commitment.title
        form.description.data = commitment.description
        form.measured_result.data = review.measured_result_text(commitment)
        for indicator in indicators:
            form.targets.append_entry({"target": review.format_number(indicator.target_value)})
    for entry, indicator in zip(form.targets, indicators, strict=False):
        entry.target.label.text = _(
            "New target for %(name)s (%(unit)s)", name=indicator.name, unit=indicator.unit
        )
    return form


def _render_review(commitment, form, status=200):
    plans = {p.source_id: p for p in review.carry_over_plans(commitment)}
    latest = review.latest_values(i.id for i in commitment.indicators)
    rows = [
        (indicator, latest.get(indicator.id), plans[indicator.id], entry)
        for indicator, entry in zip(
            commitment.indicators,
            list(form.targets) + [None] * len(commitment.indicators),
            strict=False,
        )
    ]
    next_cycle = review.next_cycle_of(commitment.cycle)
    return (
        render_template(
            "commitments/review.html",
            commitment=commitment,
            arena=commitment.arena,
            cycle=commitment.cycle,
            next_cycle=next_cycle,
            rows=rows,
            form=form,
        ),
        status,
    )


@bp.route("/<int:commitment_id>/review", methods=["GET", "POST"])
@login_required
def review_page(commitment_id):
    commitment = queries.get_commitment_or_404(commitment_id)
    back = url_for("commitments.show", commitment_id=commitment.id)
    try:
        review.ensure_can_review(current_user, commitment, now=g.now)
    except ActionRefused as refusal:
        return _refused(refusal, back)
    form = _review_form(commitment, submitted=_is_post())
    if not _is_post():
        return _render_review(commitment, form)
    if not form.validate_on_submit():
        return _render_review(commitment, form, 400)
    outcome = ReviewOutcome(form.outcome.data)
    targets = None
    ok = True
    if outcome == ReviewOutcome.STOP and not form.lessons.data:
        form.lessons.errors = [_("Write what was learned.")]
        ok = False
    if outcome == ReviewOutcome.REVISE:
        if not form.changes.data:
            form.changes.errors = [_("Say what changed and why.")]
            ok = False
        if not form.title.data:
            form.title.errors = [_("Give the commitment a title.")]
            ok = False
        indicators = list(commitment.indicators)
        if len(form.targets) != len(indicators):
            flash(_("The indicators changed a moment ago. Check the targets again."), "error")
            return redirect(url_for("commitments.review_page", commitment_id=commitment.id), 303)
        plans = {p.source_id: p for p in review.carry_over_plans(commitment)}
        targets = {}
        for entry, indicator in zip(form.targets, indicators, strict=True):
            value = entry.target.number
            if value is None:
                if not entry.target.errors:
                    entry.target.errors = [_("Enter a target.")]
                ok = False
                continue
            problem = review.target_error(
                indicator.direction, plans[indicator.id].baseline_value, value
            )
            if problem:
                entry.target.errors = [problem]
                ok = False
            targets[indicator.id] = value
    if not ok:
        return _render_review(commitment, form, 400)
    try:
        review.review_commitment(
            current_user,
            commitment,
            now=g.now,
            outcome=outcome,
            rationale=form.rationale.data,
            measured_result=form.measured_result.data or None,  # blank: computed again
            lessons=form.lessons.data or "",
            title=form.title.data,
            description=form.description.data or "",
            changes=form.changes.data or "",
            targets=targets,
        )
    except ActionRefused as refusal:
        if refusal.status == 403:
            db.session.rollback()
            raise
        db.session.rollback()
        flash(refusal.message, "error")
        return redirect(url_for("commitments.review_page", commitment_id=commitment.id), 303)
    db.session.commit()
    messages = {
        ReviewOutcome.CONTINUE: _("The review is saved and the commitment continues next year."),
        ReviewOutcome.REVISE: _("The review is saved and next year's revised version is created."),
        ReviewOutcome.SCALE_UP: _(
            "The review is saved and the commitment is offered to other arenas."
        ),
        ReviewOutcome.STOP: _("The review is saved and the commitment is stopped."),
    }
    flash(messages[outcome], "success")
    return redirect(back, code=303)


def _is_post() -> bool:
    return request.method == "POST"


# --- adoption ----------------------------------------------------------------------


def _adopt_form(offer, arena, cycle, *, submitted: bool) -> AdoptForm:
    form = AdoptForm() if submitted else AdoptForm(formdata=None)
    form.owner_organisations.choices = [(o.id, o.name) for o in review.arena_organisations(arena)]
    indicators = list(offer.indicators)
    if not submitted:
        form.title.data = offer.title
        form.description.data = offer.description
        for _indicator in indicators:
            form.indicators.append_entry(
                {
                    "baseline_on": g.now.date().isoformat(),
                    "target_on": cycle.closes_at.date().isoformat(),
                }
            )
    for entry, indicator in zip(form.indicators, indicators, strict=False):
        entry.baseline_value.label.text = _(
            "Baseline in %(arena)s (%(unit)s)", arena=arena.name, unit=indicator.unit
        )
        entry.target_value.label.text = _(
            "Target in %(arena)s (%(unit)s)", arena=arena.name, unit=indicator.unit
        )
    return form


def _render_adopt(offer, arena, cycle, form, status=200):
    latest = review.latest_values(i.id for i in offer.indicators)
    rows = [
        (indicator, latest.get(indicator.id), entry)
        for indicator, entry in zip(
            offer.indicators, list(form.indicators) + [None] * len(offer.indicators), strict=False
        )
    ]
    return (
        render_template(
            "commitments/adopt.html",
            offer=offer,
            arena=arena,
            cycle=cycle,
            rows=rows,
            form=form,
        ),
        status,
    )


@bp.route("/<int:commitment_id>/adopt/<slug>", methods=["GET", "POST"])
@login_required
def adopt(commitment_id, slug):
    offer = queries.get_commitment_or_404(commitment_id)
    arena = arena_queries.get_arena_by_slug_or_404(slug)
    back = url_for("arenas.show", slug=arena.slug)
    try:
        cycle = review.ensure_can_adopt(current_user, offer, arena, now=g.now)
    except ActionRefused as refusal:
        return _refused(refusal, back)
    form = _adopt_form(offer, arena, cycle, submitted=_is_post())
    if not _is_post():
        return _render_adopt(offer, arena, cycle, form)
    if not form.validate_on_submit():
        return _render_adopt(offer, arena, cycle, form, 400)
    indicators = list(offer.indicators)
    if len(form.indicators) != len(indicators):
        flash(_("The indicators changed a moment ago. Check the numbers again."), "error")
        return redirect(url_for("commitments.adopt", commitment_id=offer.id, slug=arena.slug), 303)
    plans = []
    ok = True
    for entry, indicator in zip(form.indicators, indicators, strict=True):
        baseline, target = entry.baseline_value.number, entry.target_value.number
        problem = review.target_error(indicator.direction, baseline, target)
        if problem:
            entry.target_value.errors = [problem]
            ok = False
        if entry.baseline_on.day >= entry.target_on.day:
            entry.target_on.errors = [_("The target date must be after the baseline date.")]
            ok = False
        plans.append(
            review.IndicatorPlan(
                source_id=indicator.id,
                baseline_value=baseline,
                baseline_on=entry.baseline_on.day,
                target_value=target,
                target_on=entry.target_on.day,
            )
        )
    if not ok:
        return _render_adopt(offer, arena, cycle, form, 400)
    organisations = {o.id: o for o in review.arena_organisations(arena)}
    try:
        adopted = review.adopt_commitment(
            current_user,
            offer,
            arena,
            now=g.now,
            title=form.title.data,
            description=form.description.data or "",
            indicators=plans,
            owner_organisations=[organisations[i] for i in form.owner_organisations.data or []],
        )
    except ActionRefused as refusal:
        return _refused(refusal, back)
    db.session.commit()
    flash(
        _(
            "“%(title)s” is adopted into %(arena)s %(year)d.",
            title=adopted.title,
            arena=arena.name,
            year=cycle.year,
        ),
        "success",
    )
    return redirect(url_for("commitments.show", commitment_id=adopted.id), code=303)
