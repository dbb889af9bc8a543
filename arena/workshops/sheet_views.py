"""A batch's sheet of access codes, to view and print again until the codes expire,
and revoking a batch after a confirmation page.

The slips are printed in the workshop's language and in Swedish (in Swedish and
English for codes made for the whole arena, or a workshop held in Swedish).
"""

from datetime import datetime

from flask import flash, g, make_response, redirect, render_template, url_for
from flask_babel import force_locale, format_date, ngettext
from flask_babel import gettext as _
from flask_login import current_user, login_required

from arena import i18n
from arena.arenas import queries as arena_queries
from arena.arenas.models import Arena
from arena.core.actions import attempt
from arena.extensions import db
from arena.workshops import access_codes, services, sheets
from arena.workshops.batch_forms import RevokeBatchForm
from arena.workshops.models import Workshop
from arena.workshops.views import bp


def slip_languages(workshop: Workshop | None) -> list[str]:
    """The languages of the slips: the workshop's (when the site speaks it, else
    English) and Swedish; Swedish and English when that would be Swedish alone."""
    spoken = workshop.language if workshop is not None else "en"
    if spoken not in i18n.LANGUAGES:
        spoken = "en"
    return [spoken, "sv"] if spoken != "sv" else ["sv", "en"]


def _instructions(language: str, arena: Arena, expires_at: datetime, address: str) -> dict:
    """The slip's texts in one language, whatever language the facilitator reads."""
    with force_locale(language):
        return {
            "language": language,
            "direction": i18n.content_direction(language),
            "title": _("Take part in %(arena)s", arena=arena.name),
            "steps": [
                _("Go to %(address)s", address=address),
                _("Type the code and the name you want others to see."),
                _(
                    "Keep this paper: the code is how you sign in again, until %(date)s.",
                    date=format_date(expires_at, "long"),
                ),
            ],
        }


def _load(slug: str, label: str):
    arena = arena_queries.get_arena_by_slug_or_404(slug)
    services.ensure_can_generate_codes(current_user, arena)
    batch = access_codes.get_batch_or_404(arena, label, g.now)
    workshop = db.session.get(Workshop, batch.workshop_id) if batch.workshop_id else None
    return arena, batch, workshop


@bp.get("/<slug>/codes/batches/<label>/sheet")
@login_required
def code_sheet(slug, label):
    arena, batch, workshop = _load(slug, label)
    printed = sheets.sheet_codes(current_user, arena, label, now=g.now)
    address = url_for("workshops.redeem", _external=True)
    response = make_response(
        render_template(
            "workshops/print.html",
            arena=arena,
            batch=batch,
            workshop=workshop,
            codes=printed,
            expires_at=batch.expires_at,
            texts=[
                _instructions(language, arena, batch.expires_at, address)
                for language in slip_languages(workshop)
            ],
        )
    )
    # The browser keeps no copy of a page of working codes.
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/<slug>/codes/batches/<label>/revoke", methods=["GET", "POST"])
@login_required
def revoke_codes(slug, label):
    arena, batch, workshop = _load(slug, label)
    form = RevokeBatchForm()
    if form.validate_on_submit():
        with attempt(form) as done:
            revoked = sheets.revoke_batch(current_user, arena, label, now=g.now)
        if done:
            flash(
                ngettext(
                    "%(num)d code was revoked: it no longer works.",
                    "%(num)d codes were revoked: they no longer work.",
                    revoked,
                ),
                "success",
            )
            return redirect(url_for("workshops.codes_page", slug=arena.slug), code=303)
    return render_template(
        "workshops/codes_revoke.html", arena=arena, batch=batch, workshop=workshop, form=form
    )
