"""The year's report as one self-contained HTML file, for the export bundle: the same
body as the page (templates/staff/_report_body.html), the stylesheet inlined, no links
into the site, and any e-mail-like text removed as in every other exported file."""

from datetime import datetime
from pathlib import Path

from flask import render_template
from markupsafe import Markup

from arena.staff import report
from arena.staff.sources import (
    MIN_GROUP_SIZE,
    indicator_chart,
    outcome_label,
    redact_emails,
    summarise_representation,
)

OUTCOMES = ("continue", "revise", "scale_up", "stop")
STYLESHEET = Path(__file__).resolve().parents[1] / "static" / "arena.css"


def report_context(year_report: report.YearReport, now: datetime) -> dict:
    """What the report's body needs, on the page and in the document alike."""
    return {
        "report": year_report,
        "made_on": now,
        "outcomes": OUTCOMES,
        "outcome_label": outcome_label,
        "indicator_chart": indicator_chart,
        "representation": summarise_representation(year_report.arena, year_report.year),
        "min_group": MIN_GROUP_SIZE,
    }


def render_report_document(export) -> str:
    """The report of the export's arena (or the city) and year, as an HTML document."""
    slug = export.arena.slug if export.arena else None
    year_report = report.get_report(slug, str(export.year), export.now)
    html = render_template(
        "staff/report_document.html",
        document=True,
        stylesheet=Markup(STYLESHEET.read_text(encoding="utf-8")),
        **report_context(year_report, export.now),
    )
    return redact_emails(html)
