"""Staff: indicators compared across arenas, and marking indicators as comparable."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from arena.core.actions import attempt
from arena.core.charts import bar_chart
from arena.core.forms import EmptyForm
from arena.core.numbers import format_number
from arena.staff import indicator_services as services
from arena.staff import indicators as queries
from arena.staff.indicator_forms import comparison_form
from arena.staff.views import bp


def chart_for(comparison) -> str:
    """Baseline, latest value and target per arena and year, as bars."""
    unit = (
        _("per %(per)s inhabitants", per=format_number(queries.PER_INHABITANTS))
        if comparison.normalised
        else comparison.members[0].indicator.unit
        if comparison.members
        else ""
    )
    return bar_chart(
        rows=[
            (f"{m.arena.name} {m.year}", [m.baseline, m.latest_shown, m.target])
            for m in comparison.members
        ],
        series=[_("Baseline"), _("Latest value"), _("Target")],
        title=_("%(name)s (%(unit)s)", name=comparison.name, unit=unit),
        description=_(
            "For each arena and year, three bars: the baseline, the latest measured value "
            "and the target. The table below has the same numbers and the progress."
        ),
        format_number=format_number,
        chart_id=f"chart-{comparison.key}",
    )


def _page(form, choices, status):
    lineage, marked = queries.list_comparisons()
    return (
        render_template(
            "staff/indicators.html",
            lineage=lineage,
            marked=marked,
            form=form,
            choices=choices,
            chart_for=chart_for,
            per=queries.PER_INHABITANTS,
        ),
        status,
    )


@bp.route("/indicators", methods=["GET", "POST"])
def indicators():
    choices = queries.list_indicator_choices()
    form = comparison_form(choices)
    if form.validate_on_submit():
        with attempt(form) as done:
            group = services.create_group(
                current_user,
                name=form.name.data,
                indicator_ids=form.indicators.data,
                per_inhabitant=form.per_inhabitant.data,
            )
        if done:
            flash(_("The indicators are marked as comparable."), "success")
            return redirect(url_for("staff.indicators") + f"#group-{group.id}", code=303)
    return _page(form, choices, 400 if form.errors else 200)


@bp.route("/indicators/groups/<int:group_id>/remove", methods=["GET", "POST"])
def remove_comparison(group_id):
    group = queries.get_group_or_404(group_id)
    form = EmptyForm()
    if form.validate_on_submit():
        with attempt(form) as done:
            services.remove_group(current_user, group)
        if done:
            flash(_("The comparison is removed; the indicators themselves stay."), "success")
            return redirect(url_for("staff.indicators"), code=303)
    return render_template("staff/indicator_remove.html", group=group, form=form)
