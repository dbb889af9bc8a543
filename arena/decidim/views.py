"""The facilitator's pages for Decidim: import proposals from an export (upload, a
preview with the theme of each category, confirm) and download the arena's
commitments as Decidim accountability results."""

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField

from arena.arenas import queries as arena_queries
from arena.core.actions import attempt
from arena.core.forms import ArenaForm, Required
from arena.decidim import reading, results, rules, services, uploads
from arena.decidim.themes import guess_theme, theme_map

bp = Blueprint("decidim", __name__, url_prefix="/arenas/<slug>/manage/decidim")

MAX_BYTES = 1024 * 1024
# The preview lists at most this many rows; the counts are complete.
PREVIEW_LIMIT = 300


class UploadForm(ArenaForm):
    file = FileField(
        _l("Decidim export (CSV or JSON)"),
        validators=[FileRequired(_l("Choose the file Decidim gave you."))],
        description=_l("At most 1 MB, as Decidim exports it (UTF-8, columns such as title/sv)."),
    )


class ConfirmForm(ArenaForm):
    token = HiddenField(validators=[Required(_l("Upload the file again."))])


def _arena_for_import(slug):
    arena = arena_queries.get_arena_by_slug_or_404(slug)
    if not rules.can_import(current_user, arena):
        abort(403)
    return arena, arena_queries.get_current_cycle(arena, g.now)


def _read(upload) -> tuple[bytes, reading.ReadExport]:
    try:
        data = upload.read(MAX_BYTES + 1)
    finally:
        upload.close()  # large uploads are spooled to a temporary file
    if len(data) > MAX_BYTES:
        return data, reading.ReadExport(error=_("The file is larger than 1 MB."))
    return data, reading.read_export(data)


def _upload_page(arena, cycle, form, error=None, status=200):
    return (
        render_template(
            "decidim/import.html",
            arena=arena,
            cycle=cycle,
            form=form,
            error=error,
            reason=rules.why_not_import(current_user, cycle, now=g.now),
        ),
        status,
    )


def _preview(arena, cycle, read, token: str, chosen: dict | None = None):
    plan = services.plan_import(cycle, read)
    themes = arena_queries.list_themes()
    keys = {theme.key for theme in themes}
    picked = {
        c: key if (key := (chosen or {}).get(c)) in keys else guess_theme(c, themes).key
        for c in plan.categories
    }
    return render_template(
        "decidim/preview.html",
        arena=arena,
        cycle=cycle,
        plan=plan,
        read=read,
        themes=themes,
        picked=picked,
        limit=PREVIEW_LIMIT,
        confirm_form=ConfirmForm(token=token),
    )


@bp.route("/import", methods=["GET", "POST"])
@login_required
def import_page(slug):
    """Step one: read the file; show its rows, their problems and the mapping."""
    arena, cycle = _arena_for_import(slug)
    form = UploadForm()
    if rules.why_not_import(current_user, cycle, now=g.now) or not form.validate_on_submit():
        return _upload_page(arena, cycle, form)
    data, read = _read(form.file.data)
    if read.error:
        return _upload_page(arena, cycle, form, read.error, 400)
    with attempt(form) as done:
        upload = uploads.keep_upload(
            current_user, arena, data, form.file.data.filename or "", now=g.now
        )
    if not done:
        return _upload_page(arena, cycle, form)
    return _preview(arena, cycle, read, upload.token)


def _chosen_themes() -> dict[str, str]:
    """The preview's choices: `category-N` names the category, `theme-N` its theme."""
    chosen = {}
    for key, category in request.form.items():
        if key.startswith("category-"):
            theme = request.form.get("theme-" + key.removeprefix("category-"), "")
            chosen[category[:120]] = theme[:60]
    return chosen


@bp.post("/import/confirm")
@login_required
def confirm_import(slug):
    """Step two: import the stored file with the chosen themes, all of it or nothing."""
    arena, cycle = _arena_for_import(slug)
    form = ConfirmForm()
    reason = rules.why_not_import(current_user, cycle, now=g.now)
    if reason or not form.validate_on_submit():
        flash(reason or _("Upload the file again."), "error")
        return redirect(url_for("decidim.import_page", slug=arena.slug), code=303)
    chosen, read = _chosen_themes(), None
    with attempt(form) as done:
        upload = uploads.find_upload(current_user, arena, form.token.data, now=g.now)
        read = reading.read_export(upload.content)
        plan = services.plan_import(cycle, read)
        themes = theme_map(plan.categories, arena_queries.list_themes(), chosen)
        added, updated = services.import_proposals(current_user, plan, themes, now=g.now)
        uploads.drop_upload(upload)
    if done:
        flash(
            _(
                "Imported from Decidim: %(added)d new proposals, %(updated)d updated.",
                added=added,
                updated=updated,
            ),
            "success",
        )
        return redirect(url_for("proposals.index", slug=arena.slug, year=cycle.year), code=303)
    if read is None or read.error:  # the stored file is gone
        return redirect(url_for("decidim.import_page", slug=arena.slug), code=303)
    return _preview(arena, cycle, read, form.token.data, chosen), 409


@bp.get("/results.csv")
@login_required
def results_file(slug):
    """The cycle's commitments (?year=, else the current cycle) as Decidim results."""
    arena = arena_queries.get_arena_by_slug_or_404(slug)
    if not rules.can_export_results(current_user, arena):
        abort(403)
    year = request.args.get("year", type=int)
    cycle = arena_queries.get_cycle(arena, year) if year else None
    cycle = cycle or (None if year else arena_queries.get_current_cycle(arena, g.now))
    if cycle is None:
        abort(404)
    name = f"decidim-results-{arena.slug}-{cycle.year}.csv"
    return Response(
        results.results_csv(arena, cycle),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
