"""Staff: the arenas of a year side by side, sortable without JavaScript."""

from flask import abort, g, render_template, request
from flask_babel import gettext as _

from arena import i18n
from arena.core.charts import bar_chart
from arena.core.forms import MAX_YEAR, MIN_YEAR
from arena.core.numbers import format_number
from arena.core.time import local_day
from arena.staff import compare
from arena.staff.sources import DEFAULT_CHECK_IN_INTERVAL_DAYS
from arena.staff.views import bp


def chosen_year() -> int:
    """?year= (404 unless a plain year within MIN_YEAR..MAX_YEAR); else this year."""
    text = request.args.get("year")
    if text is None or text == "":
        return local_day(g.now).year
    if not text.isascii() or not text.isdigit() or not MIN_YEAR <= int(text) <= MAX_YEAR:
        abort(404)
    return int(text)


def _chart(rows):
    shown = [r for r in rows if r.cycle is not None]
    return bar_chart(
        rows=[(r.arena.name, [r.online_participants, r.workshop_participants]) for r in shown],
        series=[_("Online"), _("At workshops")],
        title=_("Participants per arena"),
        description=_(
            "Per arena, the people who took part online and the participants counted at "
            "workshops, as two bars; the table has the same numbers."
        ),
        format_number=format_number,
        chart_id="participants-chart",
    )


@bp.get("/compare")
def compare_arenas():
    year = chosen_year()
    sort, direction = compare.choose_sort(request.args.get("sort"), request.args.get("dir"))
    rows = compare.sort_rows(compare.list_arena_rows(year, g.now), sort, direction)
    has_cycles = any(r.cycle is not None for r in rows)
    context = {
        "year": year,
        "first_year": MIN_YEAR,
        "last_year": MAX_YEAR,
        "rows": rows,
        "totals": compare.totals(rows),
        "has_cycles": has_cycles,
        "chart": _chart(rows) if has_cycles else None,
        "sort": sort,
        "direction": direction,
        "statuses": list(i18n.COMMITMENT_STATUS_LABELS),
        "status_label": lambda key: i18n.label(i18n.COMMITMENT_STATUS_LABELS, key),
        "recent_days": compare.RECENT_DAYS,
        "interval_days": DEFAULT_CHECK_IN_INTERVAL_DAYS,
    }
    return render_template("staff/compare.html", **context)
