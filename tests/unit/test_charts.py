"""The server-drawn indicator chart: its scale, its accessible text, its safety."""

import re
from datetime import date

import pytest

from arena.core.charts import Point, indicator_chart, nice_ticks, progress

LABELS = {"baseline": "Baseline", "target": "Target", "measured": "Measured"}
BASELINE = Point(date(2026, 1, 1), 100.0)
TARGET = Point(date(2026, 12, 31), 40.0)


def draw(points, baseline=BASELINE, target=TARGET, title="Plastic waste"):
    return str(
        indicator_chart(
            points=points,
            baseline=baseline,
            target=target,
            title=title,
            description="From 100 kg toward 40 kg",
            format_number=lambda v: f"{v:g}",
            format_day=lambda d: d.isoformat(),
            labels=LABELS,
            chart_id="c1",
        )
    )


def test_ticks_are_round_and_cover_the_range():
    ticks = nice_ticks(37, 103)
    assert ticks[0] <= 37 and ticks[-1] >= 103
    steps = {round(b - a, 6) for a, b in zip(ticks, ticks[1:], strict=False)}
    assert len(steps) == 1 and steps.pop() in (10, 20, 25, 50)


def test_ticks_for_a_flat_series_still_make_a_range():
    ticks = nice_ticks(5, 5)
    assert ticks[0] < 5 < ticks[-1]


@pytest.mark.parametrize(
    ("baseline", "latest", "target", "expected"),
    [
        (100, 70, 40, 0.5),
        (10, 15, 20, 0.5),
        (100, 110, 40, -1 / 6),
        (100, None, 40, None),
        (5, 5, 5, None),
    ],
)
def test_progress_works_in_both_directions(baseline, latest, target, expected):
    result = progress(baseline, latest, target)
    assert result == pytest.approx(expected) if expected is not None else result is None


def test_chart_has_accessible_name_and_one_point_per_value():
    svg = draw(
        [Point(date(2026, 3, 1), 90), Point(date(2026, 6, 1), 70), Point(date(2026, 9, 1), 55)]
    )
    assert 'role="img"' in svg and 'aria-labelledby="c1-title c1-desc"' in svg
    assert '<title id="c1-title">Plastic waste</title>' in svg
    assert svg.count('class="chart-measured-point"') == 3
    assert "Target: 40" in svg and "Baseline: 100" in svg


def test_values_moving_toward_a_lower_target_are_drawn_lower():
    svg = draw([Point(date(2026, 3, 1), 90), Point(date(2026, 9, 1), 50)])
    ys = [
        float(v) for v in re.findall(r'class="chart-measured-point" cx="[\d.]+" cy="([\d.]+)"', svg)
    ]
    assert ys[0] < ys[1]  # SVG y grows downward: 50 sits below 90


def test_text_is_escaped():
    svg = draw([], title="<script>alert(1)</script>")
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_no_inline_style_so_the_csp_allows_it():
    svg = draw([Point(date(2026, 3, 1), 90)])
    assert "style=" not in svg
