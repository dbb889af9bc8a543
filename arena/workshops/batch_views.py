"""Extending a batch of access codes: facilitators give the codes one form made more
time, after a confirmation page that says what will change.

The codes page (code_views.codes_page) lists the batches through the `code_batches`
template helper, so that page's view needs no change.
"""

from datetime import timedelta

from flask import flash, g, redirect, render_template, url_for
from flask_babel import ngettext
from flask_login import current_user, login_required

from arena.arenas import queries as arena_queries
from arena.core.actions import attempt
from arena.extensions import db
from arena.workshops import access_codes, services
from arena.workshops.batch_forms import ExtendBatchForm
from arena.workshops.models import Workshop
from arena.workshops.views import bp, workshop_label


def _batch_label(batch) -> str:
    workshop = db.session.get(Workshop, batch.workshop_id) if batch.workshop_id else None
    return workshop_label(workshop) if workshop else ""


@bp.app_template_global()
def code_batches(arena) -> list[tuple[access_codes.Batch, str]]:
    """(batch, the workshop it was for or "") for the arena's codes page, newest first."""
    return [(b, _batch_label(b)) for b in access_codes.list_batches(arena, g.now)]


def _new_expiry(batch, days: int):
    """When the batch's latest code will expire once extended (as extend_batch counts)."""
    latest = g.now + timedelta(days=access_codes.MAX_CODE_DAYS)
    return min(max(batch.expires_at, g.now) + timedelta(days=days), latest)


@bp.route("/<slug>/codes/batches/<label>/extend", methods=["GET", "POST"])
@login_required
def extend_codes(slug, label):
    arena = arena_queries.get_arena_by_slug_or_404(slug)
    services.ensure_can_generate_codes(current_user, arena)
    batch = access_codes.get_batch_or_404(arena, label, g.now)
    form = ExtendBatchForm()
    confirming = False
    if form.validate_on_submit():
        if form.confirmed.data != "yes":
            confirming = True
        else:
            with attempt(form) as done:
                extended = access_codes.extend_batch(
                    current_user, arena, label, days=form.days.data, now=g.now
                )
            if done:
                flash(
                    ngettext(
                        "%(num)d code was extended.", "%(num)d codes were extended.", extended
                    ),
                    "success",
                )
                return redirect(url_for("workshops.codes_page", slug=arena.slug), code=303)
    return render_template(
        "workshops/codes_extend.html",
        arena=arena,
        batch=batch,
        workshop=_batch_label(batch),
        form=form,
        confirming=confirming,
        new_expiry=_new_expiry(batch, form.days.data) if confirming else None,
    )
