"""Ready to scale: the list, and recommending a commitment for the whole city.

Routes on the "staff" blueprint, so its staff-only guard covers them.
"""

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from arena.core.actions import attempt
from arena.core.forms import EmptyForm
from arena.staff import scale, scale_services
from arena.staff.scale_forms import RecommendForm
from arena.staff.sources import get_commitment_or_404, indicator_chart
from arena.staff.views import bp


@bp.app_context_processor
def inject_city_recommendation():
    """`city_recommendation(commitment)` for the commitment page's note."""
    return {"city_recommendation": scale_services.get_recommendation}


@bp.get("/scale")
def scale_list():
    return render_template(
        "staff/scale.html",
        listing=scale.list_ready_to_scale(request.args.get("show", "all")),
        indicator_chart=indicator_chart,
    )


def _ready_commitment_or_404(commitment_id):
    commitment = get_commitment_or_404(commitment_id)
    scale_services.ensure_can_recommend(current_user, commitment)
    return commitment


def _back_to(commitment):
    return redirect(url_for("staff.scale_list", _anchor=f"commitment-{commitment.id}"), code=303)


@bp.route("/scale/<int:commitment_id>/recommendation", methods=["GET", "POST"])
def recommend(commitment_id):
    commitment = _ready_commitment_or_404(commitment_id)
    existing = scale_services.get_recommendation(commitment)
    form = RecommendForm()
    status = 200
    if form.validate_on_submit():
        with attempt(form) as done:
            scale_services.recommend(current_user, commitment, note=form.note.data, now=g.now)
        if done:
            flash(
                _("“%(title)s” is recommended for the whole city.", title=commitment.title),
                "success",
            )
            return _back_to(commitment)
        if done.refusal.status == 409:  # already recommended: the list says by whom
            return _back_to(commitment)
        status = done.refusal.status
    elif form.is_submitted():
        status = 400
    return render_template(
        "staff/scale_recommend.html", commitment=commitment, existing=existing, form=form
    ), status


@bp.route("/scale/<int:commitment_id>/recommendation/withdraw", methods=["GET", "POST"])
def withdraw_recommendation(commitment_id):
    commitment = _ready_commitment_or_404(commitment_id)
    existing = scale_services.get_recommendation(commitment)
    form = EmptyForm()
    if request.method == "POST":
        if form.validate_on_submit():
            with attempt(form) as done:
                scale_services.withdraw(current_user, commitment, now=g.now)
            if done:
                flash(
                    _("The recommendation of “%(title)s” is withdrawn.", title=commitment.title),
                    "success",
                )
        return _back_to(commitment)
    if existing is None:
        flash(_("It is not recommended for the whole city any more."), "info")
        return _back_to(commitment)
    return render_template(
        "staff/scale_withdraw.html", commitment=commitment, existing=existing, form=form
    )
