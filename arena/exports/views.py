"""The exports page and its downloads (GET only: a download reads, it changes nothing)."""

from __future__ import annotations

from flask import Blueprint, Response, abort, g, render_template, request, stream_with_context
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from arena.core.errors import ActionRefused
from arena.exports import scope
from arena.exports.catalog import tables_for
from arena.exports.formats import UnknownChoice, build
from arena.exports.sources import Arena, is_staff
from arena.extensions import db

bp = Blueprint("exports", __name__, url_prefix="/exports")


def _refuse_unless_exporter() -> None:
    if not scope.may_export_anything(current_user):
        raise ActionRefused(_("Only city staff, administrators and facilitators can export data."))


def _chosen_arena(slug: str | None) -> Arena | None:
    """The arena named in the address (None: the city); 404 when unknown, 403 when not
    this person's to export."""
    arena = None
    if slug:
        arena = db.session.scalar(select(Arena).where(Arena.slug == slug[:60]))
        if arena is None:
            abort(404)
    if not scope.may_export(current_user, arena):
        if arena is None:
            raise ActionRefused(_("Only city staff and administrators can export the whole city."))
        raise ActionRefused(
            _("Only the facilitators of %(arena)s and city staff can export it.", arena=arena.name)
        )
    return arena


def _export_for(arena: Arena | None, year_text):
    try:
        return scope.resolve(
            arena.slug if arena else None, year_text, g.now, with_audit=is_staff(current_user)
        )
    except scope.ScopeNotFound:
        abort(404)


@bp.get("")
@login_required
def index():
    _refuse_unless_exporter()
    arenas = scope.exportable_arenas(current_user)
    may_city = is_staff(current_user)
    default_slug = "" if may_city else (arenas[0].slug if arenas else "")
    arena = _chosen_arena(request.args.get("arena", default_slug))
    years = scope.years_with_cycles(arenas)
    year_text = request.args.get("year") or (str(years[0]) if years else None)
    export, status = None, 200
    if year_text:
        try:
            export = scope.resolve(
                arena.slug if arena else None, year_text, g.now, with_audit=may_city
            )
        except scope.ScopeNotFound:
            status = 404  # the form stays, with a word on what is missing
    locale = str(get_locale() or "sv")
    page = render_template(
        "exports/index.html",
        arenas=arenas,
        may_city=may_city,
        arena=arena,
        years=years,
        export=export,
        tables=tables_for(export) if export else [],
        table_title=lambda table: table.title(locale),
        asked_year=(year_text or "")[:10],
        status=status,
    )
    return page, status


@bp.get("/download")
@login_required
def download():
    _refuse_unless_exporter()
    arena = _chosen_arena(request.args.get("arena", ""))
    export = _export_for(arena, request.args.get("year"))
    try:
        file = build(export, request.args.get("format", ""), request.args.get("table") or None)
    except UnknownChoice:
        abort(404)
    return _streamed(file)


def _streamed(file) -> Response:
    """The response starts with the first chunk, long before a big file is complete."""
    response = Response(stream_with_context(file.chunks), mimetype=file.media_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{file.filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response
