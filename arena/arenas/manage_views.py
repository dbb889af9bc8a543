"""The facilitator's hub, cycle settings, and the public results page.

Registered on the arenas blueprint (imported for its side effect in create_app).
"""

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from arena.arenas import cycle_impact, cycles, queries
from arena.arenas.cycle_forms import CycleForm
from arena.arenas.phases import phase_at, results_are_public
from arena.arenas.views import bp
from arena.core.actions import attempt
from arena.core.paging import requested_page
from arena.core.permissions import require_facilitator
from arena.core.routing import found_or_404
from arena.core.time import local_day, local_zone
from arena.selections import results as selection_results
from arena.selections import rules as selection_rules


@bp.get("/<slug>/manage")
@login_required
def manage(slug):
    arena = queries.get_arena_by_slug_or_404(slug)
    require_facilitator(current_user, arena)
    listed = sorted(arena.cycles, key=lambda c: c.year, reverse=True)
    from arena.reminders.queries import list_overdue_commitments  # builds on arenas
    from arena.reviews.tasks import list_adoption_tasks  # reviews builds on arenas

    return render_template(
        "arenas/manage.html",
        arena=arena,
        cycles=[(cycle, phase_at(cycle, g.now)) for cycle in listed],
        current=queries.get_current_cycle(arena, g.now),
        date_fields=cycles.DATE_FIELDS,
        date_labels=cycles.DATE_LABELS,
        adoption_tasks=list_adoption_tasks(current_user, arena, now=g.now),
        overdue=list_overdue_commitments(g.now, arena_ids=[arena.id]),
    )


def _cycle_input(form: CycleForm, cycle, zone) -> cycles.CycleInput:
    return cycles.CycleInput(
        dates=cycles.instants_from_days(form.days(), zone, cycle),
        support_budget=form.support_budget.data,
        introduction=form.introduction.data or "",
        reason=form.reason.data or "",
        year=form.year.data if cycle is None else None,
        confirmed=(form.confirm_impact.data or "") if cycle is not None else "",
    )


def _save_cycle(form: CycleForm, arena, cycle, values: cycles.CycleInput):
    """Run the service; on a refusal put each message next to its field."""
    saved, changed = cycle, False
    with attempt(form) as done:
        if cycle is None:
            saved, changed = cycles.create_cycle(current_user, arena, values, now=g.now), True
        else:
            changed = bool(cycles.update_cycle(current_user, cycle, values, now=g.now))
    return (saved, changed) if done else (None, False)


@bp.route("/<slug>/manage/cycles/new", methods=["GET", "POST"])
@login_required
def new_cycle(slug):
    arena = queries.get_arena_by_slug_or_404(slug)
    require_facilitator(current_user, arena)
    zone = local_zone()
    form = CycleForm(
        data=cycles.next_cycle_defaults(arena, zone, g.now) if request.method == "GET" else None
    )
    del form.confirm_impact  # a new cycle has nobody taking part yet
    if form.validate_on_submit():
        cycle, _changed = _save_cycle(form, arena, None, _cycle_input(form, None, zone))
        if cycle is not None:
            flash(_("Cycle %(year)d is created.", year=cycle.year), "success")
            return redirect(url_for("arenas.manage", slug=arena.slug), code=303)
    return render_template("arenas/cycle_form.html", form=form, arena=arena, cycle=None)


@bp.route("/<slug>/manage/cycles/<int:year>", methods=["GET", "POST"])
@login_required
def edit_cycle(slug, year):
    arena = queries.get_arena_by_slug_or_404(slug)
    require_facilitator(current_user, arena)
    cycle = found_or_404(queries.get_cycle(arena, year))
    zone = local_zone()
    data = None
    if request.method == "GET":
        data = {name: local_day(getattr(cycle, name), zone) for name in cycles.DATE_FIELDS}
        data.update(support_budget=cycle.support_budget, introduction=cycle.introduction)
    form = CycleForm(data=data)
    del form.year  # a cycle keeps its year; create another cycle for another year
    impact = None
    if form.validate_on_submit():
        values = _cycle_input(form, cycle, zone)
        saved, changed = _save_cycle(form, arena, cycle, values)
        if saved is not None:
            flash(
                _("Cycle %(year)d is saved.", year=year) if changed else _("Nothing was changed."),
                "success",
            )
            return redirect(url_for("arenas.manage", slug=arena.slug), code=303)
        # Refused: show what the asked-for dates would affect, with the confirmation box.
        impact = cycle_impact.assess(cycle, values.dates, g.now)
    return render_template(
        "arenas/cycle_form.html",
        form=form,
        arena=arena,
        cycle=cycle,
        phase=phase_at(cycle, g.now),
        impact=impact,
    )


def _results_cycle(arena):
    """?year= if given (404 when the arena has no such cycle); else the newest cycle whose
    result is published; else the current cycle."""
    if "year" in request.args:
        year = request.args.get("year", type=int)
        return found_or_404(queries.get_cycle(arena, year) if year is not None else None)
    published = [c for c in arena.cycles if results_are_public(c, g.now)]
    if published:
        return max(published, key=lambda c: c.year)
    return found_or_404(queries.get_current_cycle(arena, g.now))


@bp.get("/<slug>/results")
def results(slug):
    arena = queries.get_arena_by_slug_or_404(slug)
    cycle = _results_cycle(arena)
    is_public = results_are_public(cycle, g.now)
    context = {
        "arena": arena,
        "cycle": cycle,
        "phase": phase_at(cycle, g.now),
        "is_public": is_public,
        "years": sorted(
            (c.year for c in arena.cycles if results_are_public(c, g.now)), reverse=True
        ),
        "can_decide": selection_rules.can_manage_selection(current_user, cycle, now=g.now),
        "selection_is_on": selection_rules.is_selection_on(cycle, now=g.now),
    }
    if is_public:
        context["result"] = selection_results.get_results(cycle, page=requested_page())
    return render_template("arenas/results.html", **context)
