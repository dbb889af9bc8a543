"""The yearly review page of a commitment.

A context processor gives every template the review helpers that
reviews/_lineage.html (on the commitment page) and the arena page use: the rule
`can_review_commitment` and labels.
"""

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import format_percent
from flask_babel import gettext as _
from flask_login import current_user, login_required

from arena.commitments.queries import latest_values
from arena.commitments.views import commitment_status_label, guarded, show_url
from arena.core.actions import attempt
from arena.core.confirm import is_confirmed
from arena.core.numbers import format_number
from arena.reviews import changes, queries, rules, services
from arena.reviews.forms import ReviewChangeForm, ReviewForm
from arena.reviews.labels import outcome_label
from arena.reviews.models import ReviewOutcome
from arena.reviews.problems import place_nested_problems

bp = Blueprint("reviews", __name__, url_prefix="/commitments")

SAVED = {
    ReviewOutcome.CONTINUE: lambda: _(
        "The review is saved and the commitment continues next year."
    ),
    ReviewOutcome.REVISE: lambda: _(
        "The review is saved and next year's revised version is created."
    ),
    ReviewOutcome.SCALE_UP: lambda: _(
        "The review is saved and the commitment is offered to other arenas."
    ),
    ReviewOutcome.STOP: lambda: _("The review is saved and the commitment is stopped."),
}


@bp.app_context_processor
def inject_review_helpers():
    return {
        "can_review_commitment": lambda c: rules.can_review(current_user, c, now=g.now),
        "can_change_review": lambda c: rules.can_change_review(
            current_user, c, queries.next_cycle_of(c.cycle), now=g.now
        ),
        "outcome_label": outcome_label,
        "commitment_status_label": commitment_status_label,
        "format_number": format_number,
        "format_percent_or_dash": lambda value: "–" if value is None else format_percent(value),
    }


def _review_form(commitment, *, submitted: bool, form_class=ReviewForm) -> ReviewForm:
    form = form_class() if submitted else form_class(formdata=None)
    indicators = list(commitment.indicators)
    if not submitted:
        form.title.data = commitment.title
        form.description.data = commitment.description
        form.measured_result.data = queries.measured_result_text(commitment)
        for indicator in indicators:
            form.targets.append_entry({"target": indicator.target_value})
    for entry, indicator in zip(form.targets, indicators, strict=False):
        entry.target.label.text = _(
            "New target for %(name)s (%(unit)s)", name=indicator.name, unit=indicator.unit
        )
    return form


def _render_review(commitment, form, status=200, *, confirming=False, changing=False):
    plans = {p.source_id: p for p in queries.carry_over_plans(commitment)}
    latest = latest_values(i.id for i in commitment.indicators)
    entries = list(form.targets) + [None] * len(commitment.indicators)
    rows = [
        (indicator, latest.get(indicator.id), plans[indicator.id], entry)
        for indicator, entry in zip(commitment.indicators, entries, strict=False)
    ]
    page = render_template(
        "reviews/review.html",
        commitment=commitment,
        arena=commitment.arena,
        cycle=commitment.cycle,
        next_cycle=queries.next_cycle_of(commitment.cycle),
        rows=rows,
        form=form,
        confirming=confirming,
        changing=changing,
    )
    return page, status


def _decision(commitment, form) -> dict:
    """The form's decision as the review services take it."""
    outcome = ReviewOutcome(form.outcome.data)
    revise = outcome == ReviewOutcome.REVISE
    targets = {
        i.id: e.target.data for e, i in zip(form.targets, commitment.indicators, strict=False)
    }
    return {
        "outcome": outcome,
        "rationale": form.rationale.data,
        "measured_result": form.measured_result.data or None,  # blank: computed again
        "lessons": form.lessons.data or "",
        "title": form.title.data if revise else None,
        "description": form.description.data or "",
        "changes": form.changes.data or "",
        "targets": targets if revise else None,
    }


def _decide(commitment, form, decide, *, changing=False):
    """Check the input, ask for the yes (what will happen), then decide: one flow for the
    first decision and a changed one. `decide()` calls the service."""
    here = url_for(
        "reviews.change_review" if changing else "reviews.review_page", commitment_id=commitment.id
    )
    if not form.validate_on_submit():
        return _render_review(commitment, form, 400, changing=changing)
    revise = form.outcome.data == ReviewOutcome.REVISE
    if revise and len(form.targets) != len(commitment.indicators):
        flash(_("The indicators changed a moment ago. Check the targets again."), "error")
        return redirect(here, 303)
    if not is_confirmed():
        return _render_review(commitment, form, confirming=True, changing=changing)
    with attempt(flash_refusal=False) as done:
        review = decide()
    if done:
        message = SAVED[ReviewOutcome(review.outcome)]()
        flash(_("The decision is changed.") if changing else message, "success")
        return redirect(show_url(commitment), code=303)
    place_nested_problems(form, done.refusal)
    if done.refusal.problems:
        return _render_review(commitment, form, 400, changing=changing)
    return redirect(here, 303)


@bp.route("/<int:commitment_id>/review", methods=["GET", "POST"])
@login_required
@guarded(services.ensure_can_review)
def review_page(commitment):
    form = _review_form(commitment, submitted=request.method == "POST")
    if request.method == "GET":
        return _render_review(commitment, form)
    return _decide(
        commitment,
        form,
        lambda: services.review_commitment(
            current_user, commitment, now=g.now, **_decision(commitment, form)
        ),
    )


def _prefill_change(commitment, form) -> None:
    """The decision as it stands, with next year's texts and targets if it has them."""
    review = commitment.review
    form.outcome.data = review.outcome
    form.rationale.data = review.rationale
    form.measured_result.data = review.measured_result
    form.lessons.data = review.lessons
    version = queries.next_version_of(commitment)
    if version is not None:
        form.title.data, form.description.data = version.title, version.description
        form.changes.data = version.changes
        for entry, indicator in zip(form.targets, version.indicators, strict=False):
            entry.target.data = indicator.target_value


@bp.route("/<int:commitment_id>/review/change", methods=["GET", "POST"])
@login_required
@guarded(changes.ensure_can_change_review)
def change_review(commitment):
    """Deciding again, with a reason, until the arena's next cycle starts."""
    submitted = request.method == "POST"
    form = _review_form(commitment, submitted=submitted, form_class=ReviewChangeForm)
    if not submitted:
        _prefill_change(commitment, form)
        return _render_review(commitment, form, changing=True)
    return _decide(
        commitment,
        form,
        lambda: changes.change_review(
            current_user,
            commitment,
            now=g.now,
            reason=form.reason.data,
            **_decision(commitment, form),
        ),
        changing=True,
    )
