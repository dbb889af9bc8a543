"""The commitment page's chart of an indicator over time, with its words."""

from __future__ import annotations

from flask_babel import format_date, format_percent
from flask_babel import gettext as _

from arena.commitments.queries import IndicatorProgress
from arena.core import charts
from arena.core.numbers import format_number


def format_share(share) -> str:
    return format_percent(round(share, 2))


def indicator_chart(item: IndicatorProgress):
    indicator = item.indicator
    return charts.indicator_chart(
        points=[charts.Point(on, value) for on, value in item.history],
        baseline=charts.Point(indicator.baseline_on, indicator.baseline_value),
        target=charts.Point(indicator.target_on, indicator.target_value),
        title=_("%(name)s over time", name=indicator.name),
        description=_(
            "From %(baseline)s %(unit)s on %(start)s towards %(target)s %(unit)s by %(end)s; "
            "%(count)d measured values. The table below lists them.",
            baseline=format_number(indicator.baseline_value),
            target=format_number(indicator.target_value),
            unit=indicator.unit,
            start=format_date(indicator.baseline_on, "d MMM yyyy"),
            end=format_date(indicator.target_on, "d MMM yyyy"),
            count=len(item.history),
        ),
        format_number=format_number,
        format_day=lambda day: format_date(day, "MMM yyyy"),
        labels={"baseline": _("Baseline"), "target": _("Target"), "measured": _("Measured")},
        chart_id=f"chart-{indicator.id}",
    )
