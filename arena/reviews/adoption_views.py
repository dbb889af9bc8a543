"""Adopting a scaled-up commitment into another arena, with numbers for that district."""

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from arena.arenas import queries as arena_queries
from arena.commitments.queries import (
    get_commitment_or_404,
    latest_values,
    list_arena_organisations,
)
from arena.core.actions import attempt
from arena.reviews import services
from arena.reviews.forms import AdoptForm
from arena.reviews.problems import place_nested_problems
from arena.reviews.queries import IndicatorPlan
from arena.reviews.views import bp


def _adopt_form(offer, arena, cycle, *, submitted: bool) -> AdoptForm:
    form = AdoptForm() if submitted else AdoptForm(formdata=None)
    organisations = list_arena_organisations(arena)
    form.owner_organisations.choices = [(o.id, o.name) for o in organisations]
    form._organisations = {o.id: o for o in organisations}
    indicators = list(offer.indicators)
    if not submitted:
        form.title.data = offer.title
        form.description.data = offer.description
        for _indicator in indicators:
            form.indicators.append_entry(
                {"baseline_on": g.now.date(), "target_on": cycle.closes_at.date()}
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
    latest = latest_values(i.id for i in offer.indicators)
    entries = list(form.indicators) + [None] * len(offer.indicators)
    rows = [
        (indicator, latest.get(indicator.id), entry)
        for indicator, entry in zip(offer.indicators, entries, strict=False)
    ]
    page = render_template(
        "reviews/adopt.html", offer=offer, arena=arena, cycle=cycle, rows=rows, form=form
    )
    return page, status


def _plans(offer, form) -> list[IndicatorPlan]:
    return [
        IndicatorPlan(
            source_id=indicator.id,
            baseline_value=entry.baseline_value.data,
            baseline_on=entry.baseline_on.data,
            target_value=entry.target_value.data,
            target_on=entry.target_on.data,
        )
        for entry, indicator in zip(form.indicators, offer.indicators, strict=True)
    ]


def _adopt(offer, arena, form):
    return services.adopt_commitment(
        current_user,
        offer,
        arena,
        now=g.now,
        title=form.title.data,
        description=form.description.data or "",
        indicators=_plans(offer, form),
        owner_organisations=[form._organisations[i] for i in form.owner_organisations.data or []],
    )


@bp.route("/<int:commitment_id>/adopt/<slug>", methods=["GET", "POST"])
@login_required
def adopt(commitment_id, slug):
    offer = get_commitment_or_404(commitment_id)
    arena = arena_queries.get_arena_by_slug_or_404(slug)
    back = url_for("arenas.show", slug=arena.slug)
    with attempt() as allowed:
        cycle = services.ensure_can_adopt(current_user, offer, arena, now=g.now)
    if not allowed:
        return redirect(back, code=303)
    form = _adopt_form(offer, arena, cycle, submitted=request.method == "POST")
    if request.method == "GET":
        return _render_adopt(offer, arena, cycle, form)
    if not form.validate_on_submit():
        return _render_adopt(offer, arena, cycle, form, 400)
    if len(form.indicators) != len(offer.indicators):
        flash(_("The indicators changed a moment ago. Check the numbers again."), "error")
        return redirect(url_for("reviews.adopt", commitment_id=offer.id, slug=arena.slug), 303)
    with attempt(flash_refusal=False) as done:
        adopted = _adopt(offer, arena, form)
    if done:
        message = _(
            "“%(title)s” is adopted into %(arena)s %(year)d.",
            title=adopted.title,
            arena=arena.name,
            year=cycle.year,
        )
        flash(message, "success")
        return redirect(url_for("commitments.show", commitment_id=adopted.id), code=303)
    place_nested_problems(form, done.refusal)
    if done.refusal.problems:
        return _render_adopt(offer, arena, cycle, form, 400)
    return redirect(back, code=303)
