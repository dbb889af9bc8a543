"""Posting check-ins: measured values by owners and facilitators, and residents'
"what I did" notes."""

from __future__ import annotations

from flask import flash, g, redirect, request
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from arena import i18n
from arena.commitments import checkins, queries
from arena.commitments.forms import ResidentCheckInForm, check_in_form
from arena.commitments.views import bp, guarded, render_form, show_url
from arena.core.actions import attempt

ANCHOR = "check-ins-title"


def content_language() -> str:
    locale = str(get_locale() or i18n.DEFAULT_LANGUAGE)
    return locale if locale in i18n.CONTENT_LANGUAGES else i18n.DEFAULT_LANGUAGE


def _record(commitment, form, value_fields, memberships) -> None:
    organisation = next((o for o in memberships if str(o.id) == form.organisation.data), None)
    checkins.record_check_in(
        current_user,
        commitment,
        now=g.now,
        reported_on=form.reported_on.data,
        note=form.note.data or "",
        confidence=form.confidence.data or None,
        organisation=organisation,
        values={i: f.data for i, f in value_fields if f.data is not None},
        language=content_language(),
    )


@bp.route("/<int:commitment_id>/check-ins/new", methods=["GET", "POST"])
@login_required
@guarded(checkins.ensure_can_post_measurement)
def new_check_in(commitment):
    items = list(commitment.indicators)
    memberships = queries.list_memberships(current_user)
    if request.method == "GET":
        form = check_in_form(items, memberships, formdata=None)
        form.reported_on.data = checkins.today(g.now)
    else:
        form = check_in_form(items, memberships)
    value_fields = [(i, getattr(form, f"value_{i.id}")) for i in items]
    if form.validate_on_submit():
        with attempt(form) as done:
            _record(commitment, form, value_fields, memberships)
        if done:
            flash(_("Your check-in is posted."), "success")
            return redirect(show_url(commitment, ANCHOR), code=303)
    return render_form(
        "commitments/check_in_form.html", commitment, form=form, value_fields=value_fields
    )


@bp.route("/<int:commitment_id>/check-ins/resident", methods=["GET", "POST"])
@login_required
@guarded(checkins.ensure_can_post_resident)
def resident_check_in(commitment):
    form = ResidentCheckInForm()
    if form.validate_on_submit():
        with attempt(form) as done:
            checkins.record_resident_check_in(
                current_user,
                commitment,
                now=g.now,
                note=form.note.data,
                language=content_language(),
            )
        if done:
            flash(_("Thank you for telling what you did."), "success")
            return redirect(show_url(commitment, ANCHOR), code=303)
    return render_form("commitments/resident_check_in.html", commitment, form=form)
