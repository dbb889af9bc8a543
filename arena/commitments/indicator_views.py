"""Adding, changing and deleting a commitment's indicators (owners and facilitators)."""

from __future__ import annotations

from flask import flash, g, redirect, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from arena.commitments import indicators, queries
from arena.commitments.forms import IndicatorForm
from arena.commitments.views import bp, guarded, refused, render_form, show_url
from arena.core.actions import attempt
from arena.core.forms import EmptyForm

ANCHOR = "indicators-title"


def _save(commitment, indicator, form, change, message):
    """Validate, run `change` through the one view helper, and show the outcome."""
    if form.validate_on_submit():
        with attempt(form) as done:
            change()
        if done:
            flash(message(), "success")
            return redirect(show_url(commitment, ANCHOR), code=303)
    has_values = indicator is not None and queries.has_values(indicator)
    return render_form(
        "commitments/indicator_form.html",
        commitment,
        form=form,
        indicator=indicator,
        has_values=has_values,
    )


@bp.route("/<int:commitment_id>/indicators/new", methods=["GET", "POST"])
@login_required
@guarded(indicators.ensure_can_manage)
def new_indicator(commitment):
    form = IndicatorForm()
    return _save(
        commitment,
        None,
        form,
        lambda: indicators.add_indicator(current_user, commitment, form.to_data(), now=g.now),
        lambda: _("The indicator “%(name)s” is added.", name=form.name.data),
    )


@bp.route("/<int:commitment_id>/indicators/<int:indicator_id>/edit", methods=["GET", "POST"])
@login_required
def edit_indicator(commitment_id, indicator_id):
    commitment = queries.get_commitment_or_404(commitment_id)
    indicator = queries.get_indicator_or_404(commitment, indicator_id)
    if refused(indicators.ensure_can_manage, commitment):
        return redirect(show_url(commitment), code=303)
    form = (
        IndicatorForm(formdata=None, obj=indicator) if request.method == "GET" else IndicatorForm()
    )
    return _save(
        commitment,
        indicator,
        form,
        lambda: indicators.edit_indicator(current_user, indicator, form.to_data(), now=g.now),
        lambda: _("The indicator “%(name)s” is saved.", name=indicator.name),
    )


@bp.post("/<int:commitment_id>/indicators/<int:indicator_id>/delete")
@login_required
def delete_indicator(commitment_id, indicator_id):
    commitment = queries.get_commitment_or_404(commitment_id)
    indicator = queries.get_indicator_or_404(commitment, indicator_id)
    name = indicator.name
    if not EmptyForm().validate_on_submit():
        return redirect(show_url(commitment), code=303)
    with attempt() as done:
        indicators.delete_indicator(current_user, indicator, now=g.now)
    if done:
        flash(_("The indicator “%(name)s” is deleted.", name=name), "success")
    return redirect(show_url(commitment, ANCHOR), code=303)
