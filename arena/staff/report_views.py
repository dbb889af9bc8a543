"""The year's report, for the city and for one arena: a page made to be printed.

Routes on the "staff" blueprint, so its staff-only guard covers them.
"""

from flask import abort, g, render_template, request, url_for
from sqlalchemy import select

from arena.extensions import db
from arena.staff import report
from arena.staff.report_document import report_context
from arena.staff.sources import Cycle
from arena.staff.views import bp


def _years(arena) -> list[int]:
    query = select(Cycle.year).distinct()
    if arena is not None:
        query = query.where(Cycle.arena_id == arena.id)
    return sorted(db.session.scalars(query), reverse=True)


def _default_year(arena) -> int:
    """This year, when there is a cycle in it; else the latest year that has one."""
    years = _years(arena)
    if g.now.year in years:
        return g.now.year
    earlier = [y for y in years if y < g.now.year]
    return earlier[0] if earlier else years[-1]


def _get_report(slug) -> report.YearReport:
    """The asked year's report; without a year, the default one, or an empty report when
    the arena (or the city) has no cycle yet."""
    year_text = request.args.get("year")
    if not year_text:
        arena = report.find_arena(slug)
        if slug and arena is None:
            abort(404)
        if not _years(arena):
            return report.YearReport(year=g.now.year, arena=arena, arenas=[])
        year_text = str(_default_year(arena))
    try:
        return report.get_report(slug, year_text, g.now)
    except report.ReportNotFound:
        abort(404)


def _render(slug):
    year_report = _get_report(slug)
    arena = year_report.arena
    return render_template(
        "staff/report.html",
        years=_years(arena),
        year_url=lambda year: url_for(
            "staff.arena_report" if arena else "staff.city_report",
            year=year,
            **({"slug": arena.slug} if arena else {}),
        ),
        **report_context(year_report, g.now),
    )


@bp.get("/report")
def city_report():
    return _render(None)


@bp.get("/report/<slug>")
def arena_report(slug):
    return _render(slug)
