"""Charts drawn on the server as inline SVG: no JavaScript, no third-party code.

`indicator_chart` draws one indicator's measured values over time against its
baseline and target. The SVG carries a title and description for screen
readers, but pages also show the same numbers as a table beside it.
Colours come from CSS classes (arena.css), so the strict CSP needs no inline style.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup, escape

# About as many units wide as a phone's column is pixels (328 px at 360 px), so that
# the labels' 17 units (arena.css, .chart-label) show at body-text size there; on wider
# screens the chart grows with them (and .chart's max-width stops it).
WIDTH, HEIGHT = 320, 240
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 60, 8, 24, 40


@dataclass(frozen=True)
class Point:
    on: date
    value: float


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values (1, 2 or 5 times a power of ten) covering [low, high]."""
    if math.isclose(low, high):
        low, high = low - 1, high + 1
    raw_step = (high - low) / max(count - 1, 1)
    magnitude = 10 ** math.floor(math.log10(raw_step))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw_step)
    start = math.floor(low / step) * step
    ticks = []
    value = start
    while value <= high + step * 1e-9:
        ticks.append(round(value, 10))
        value += step
    if ticks[-1] < high:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def progress(baseline: float, latest: float | None, target: float) -> float | None:
    """Share of the way from baseline to target (0 = baseline, 1 = target reached).

    Works for both directions: with a target below the baseline, going down is
    progress. May be below 0 (worse than baseline) or above 1 (beyond target).
    """
    if latest is None or math.isclose(target, baseline):
        return None
    return (latest - baseline) / (target - baseline)


@dataclass(frozen=True)
class _Scale:
    """Maps days and values onto the SVG's plot area."""

    first: date
    span: int
    low: float
    high: float

    def x(self, on: date) -> float:
        plot_w = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
        return round(MARGIN_LEFT + plot_w * (on - self.first).days / self.span, 1)

    def y(self, value: float) -> float:
        plot_h = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
        return round(MARGIN_TOP + plot_h * (1 - (value - self.low) / (self.high - self.low)), 1)


def _axes(scale: _Scale, ticks, last: date, format_number, format_day) -> list[str]:
    parts = []
    for tick in ticks:
        y = scale.y(tick)
        parts.append(
            f'<line class="chart-grid" x1="{MARGIN_LEFT}" x2="{WIDTH - MARGIN_RIGHT}" '
            f'y1="{y}" y2="{y}"/>'
            f'<text class="chart-label" x="{MARGIN_LEFT - 6}" y="{y + 6}" '
            f'text-anchor="end">{escape(format_number(tick))}</text>'
        )
    for on, anchor in ((scale.first, "start"), (last, "end")):
        parts.append(
            f'<text class="chart-label" x="{scale.x(on)}" y="{HEIGHT - 8}" '
            f'text-anchor="{anchor}">{escape(format_day(on))}</text>'
        )
    return parts


def _reference_lines(scale: _Scale, baseline: Point, target: Point, format_number, labels):
    parts = []
    for kind, point in (("baseline", baseline), ("target", target)):
        y = scale.y(point.value)
        parts.append(
            f'<line class="chart-{kind}" x1="{MARGIN_LEFT}" x2="{WIDTH - MARGIN_RIGHT}" '
            f'y1="{y}" y2="{y}"/>'
        )
        label_y = y - 6 if kind == "target" else y + 20
        parts.append(
            f'<text class="chart-label chart-{kind}-label" x="{WIDTH - MARGIN_RIGHT - 4}" '
            f'y="{label_y}" text-anchor="end">{escape(labels[kind])}: '
            f"{escape(format_number(point.value))}</text>"
        )
    parts.append(
        f'<circle class="chart-target-point" cx="{scale.x(target.on)}" '
        f'cy="{scale.y(target.value)}" r="6"/>'
    )
    return parts


def _measured(scale: _Scale, baseline: Point, points, format_number, format_day) -> list[str]:
    ordered = sorted(points, key=lambda p: p.on)
    if not ordered:
        return []
    path = " ".join(f"{scale.x(p.on)},{scale.y(p.value)}" for p in [baseline, *ordered])
    parts = [f'<polyline class="chart-measured" points="{path}"/>']
    for p in ordered:
        parts.append(
            f'<circle class="chart-measured-point" cx="{scale.x(p.on)}" cy="{scale.y(p.value)}" '
            f'r="4"><title>{escape(format_day(p.on))}: {escape(format_number(p.value))}</title>'
            f"</circle>"
        )
    return parts


def indicator_chart(
    *,
    points: list[Point],
    baseline: Point,
    target: Point,
    title: str,
    description: str,
    format_number,
    format_day,
    labels: dict[str, str],
    chart_id: str,
) -> Markup:
    """An SVG line chart. `format_number`/`format_day` localise the axis labels;
    `labels` holds the translated words "Baseline", "Target" and "Measured"."""
    days = [p.on for p in points] + [baseline.on, target.on]
    first, last = min(days), max(days)
    ticks = nice_ticks(*_value_range(points, baseline, target))
    scale = _Scale(first=first, span=max((last - first).days, 1), low=ticks[0], high=ticks[-1])
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
        *_axes(scale, ticks, last, format_number, format_day),
        *_reference_lines(scale, baseline, target, format_number, labels),
        *_measured(scale, baseline, points, format_number, format_day),
        "</svg>",
    ]
    return Markup("".join(parts))


def _value_range(points, baseline: Point, target: Point) -> tuple[float, float]:
    values = [p.value for p in points] + [baseline.value, target.value]
    return min(values), max(values)


BAR_WIDTH = 320  # narrow, so that labels stay at body-text size when a phone shrinks the chart
BAR_HEIGHT, BAR_GAP, ROW_LABEL = 20, 4, 26


def bar_chart(
    *,
    rows: list[tuple[str, list[float | None]]],
    series: list[str],
    title: str,
    description: str,
    format_number,
    chart_id: str,
) -> Markup:
    """Horizontal bars: per row its label on a line of its own, then one bar per
    series (classes chart-bar-0, chart-bar-1…), each with its value at its end.
    A value of None draws no bar and shows "–". All bars share one scale."""
    values = [v for _label, row in rows for v in row if v is not None]
    top = max(values, default=0) or 1
    plot = BAR_WIDTH - 72  # room for the value after the longest bar
    row_height = ROW_LABEL + len(series) * (BAR_HEIGHT + BAR_GAP) + 10
    height = max(len(rows), 1) * row_height
    parts = [
        f'<svg class="chart chart-bars" viewBox="0 0 {BAR_WIDTH} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    for position, (label, row) in enumerate(rows):
        y = position * row_height
        parts.append(f'<text class="chart-label" x="0" y="{y + 19}">{escape(label)}</text>')
        for index, value in enumerate(row):
            bar_y = y + ROW_LABEL + index * (BAR_HEIGHT + BAR_GAP)
            width = round(plot * (value or 0) / top, 1)
            name = escape(series[index])
            parts.append(
                f'<rect class="chart-bar chart-bar-{index}" x="0" y="{bar_y}" '
                f'width="{width}" height="{BAR_HEIGHT}"><title>{name}: '
                f"{escape(format_number(value))}</title></rect>"
                f'<text class="chart-label" x="{width + 4}" y="{bar_y + 16}">'
                f"{escape(format_number(value))}</text>"
            )
    parts.append("</svg>")
    return Markup("".join(parts))
