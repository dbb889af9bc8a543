"""Bar charts of who takes part, drawn on the server as inline SVG (as core.charts):
for each answer, the share of participants beside the share of the population.

The chart is narrow (320 units wide), so its labels stay readable on a 360 px
phone; the page shows the same numbers in a table beside it. A group of fewer
than 5 people has no bar, only the words "fewer than 5".
"""

from __future__ import annotations

from markupsafe import Markup, escape

from arena.representation.queries import QuestionSummary

WIDTH = 320
BAR_MAX = 150
ROW = 58


def participant_shares(summary: QuestionSummary) -> dict[str, float | None]:
    """Each answer's share of the participants who answered, over the shown groups."""
    answered = [g for g in summary.groups if g.answer != "not_answered"]
    total = sum(g.total for g in answered if g.total is not None)
    return {
        g.answer: (g.total / total if g.total is not None and total else None) for g in answered
    }


def _bar(kind: str, y: float, share: float | None, text: str) -> str:
    length = round(BAR_MAX * (share or 0), 1)
    bar = (
        f'<rect class="chart-bar chart-bar-{kind}" x="0" y="{y}" width="{length}" height="14"/>'
        if share
        else ""
    )
    return f'{bar}<text class="chart-label" x="{length + 6}" y="{y + 12}">{escape(text)}</text>'


def representation_chart(
    summary: QuestionSummary, *, title: str, description: str, labels: dict, percent, chart_id
) -> Markup:
    """`labels`: the translated "Participants", "Population" and "fewer than 5";
    `percent(share)` formats a share for the reader's language."""
    shares = participant_shares(summary)
    groups = [g for g in summary.groups if g.answer in shares]
    height = ROW * len(groups) + 8
    parts = [
        f'<svg class="chart chart-bars" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    for index, group in enumerate(groups):
        top = index * ROW + 4
        share = shares[group.answer]
        online_text = (
            f"{labels['participants']}: {percent(share)}"
            if share is not None
            else f"{labels['participants']}: {labels['fewer']}"
        )
        parts.append(
            f'<text class="chart-label chart-group" x="0" y="{top + 12}">'
            f"{escape(group.label)}</text>"
        )
        parts.append(_bar("participants", top + 18, share, online_text))
        if group.reference_share is not None:
            reference_text = f"{labels['population']}: {percent(group.reference_share)}"
            parts.append(_bar("reference", top + 36, group.reference_share, reference_text))
    parts.append("</svg>")
    return Markup("".join(parts))
