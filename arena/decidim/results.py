"""An arena's commitments as a Decidim accountability results CSV.

The columns are those Decidim's results import reads. Its importer
(decidim-accountability/app/services/decidim/accountability/results_csv_importer.rb,
read at decidim/decidim commit c728edee4cfed81a853655bc2ac777d55fc080cd) parses
the file with `;` between columns, reads `id`, `parent/id`, `title/<locale>`,
`description/<locale>`, `start_date`, `end_date`, `category/id`, `status/id` and
`proposal_urls` itself, and hands every column to its ResultForm, which also takes
`progress`, `external_id` and `weight`. The layout is that of Decidim's own results
export (the importer's test file, decidim-accountability/spec/fixtures/valid_result.csv),
so a Decidim admin sees the familiar file, with `external_id` and `weight` after it.

What goes in, and why:

- `id`, `parent/id`, `category/id`, `status/id`, `scope/id`, `component/id` stay
  empty. They are Decidim's own numbers: the importer updates the result whose id a
  row gives, and refuses the whole file over a status or category id its component
  does not have. Decidim gives each row a new result; `external_id`
  ("arena-<arena>-commitment-<id>") says which commitment it is.
- `title/<locale>` and `description/<locale>` for Swedish and English: the
  commitment is written in one language, and its text goes in both columns (the
  importer itself uses the default language's text for a language left empty, and
  refuses a row without it). The description is HTML, as Decidim's editor writes it:
  the commitment's description, then links to its page and to the proposals it came
  from on this site (and in Decidim, for proposals imported from there).
- `proposal_urls` stays empty: the importer reads only the last digit of each address
  as a proposal id, so it would link unrelated proposals; the links are in the
  description instead.
- `start_date` and `end_date`: the commitment's own period, else its cycle's
  testing period (testing starts → review starts).
- `status/key` and `status/name/<locale>`: the commitment's status; `progress`:
  planned 0; being tested: its indicators' progress from baseline to target (the
  average the commitment page shows), else 50; reviewed (continued, revised, scaled
  up or stopped) 100, since the year's test is over. Decidim's own statuses are
  per component, so the Decidim admin chooses them there.
"""

from __future__ import annotations

import csv
import io

from flask_babel import force_locale
from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from arena.arenas.models import Arena, Cycle
from arena.commitments.models import Commitment, CommitmentStatus
from arena.commitments.queries import get_progress
from arena.core.time import local_day
from arena.exports.privacy import neutralise, redact_emails
from arena.extensions import db
from arena.i18n import COMMITMENT_STATUS_LABELS, THEME_LABELS
from arena.mail.outbox import external_url

LOCALES = ("sv", "en")
SEPARATOR = ";"  # Decidim.default_csv_col_sep
PROGRESS_BY_STATUS = {
    CommitmentStatus.PLANNED: 0.0,
    CommitmentStatus.ACTIVE: None,  # from the indicators, else RUNNING
    CommitmentStatus.CONTINUED: 100.0,
    CommitmentStatus.REVISED: 100.0,
    CommitmentStatus.SCALED_UP: 100.0,
    CommitmentStatus.STOPPED: 100.0,
}
RUNNING = 50.0


def _per_locale(name: str) -> list[str]:
    return [f"{name}/{code}" for code in LOCALES]


def result_columns() -> list[str]:
    """The header, in the order of Decidim's results export (see the docstring)."""
    return [
        "id",
        "category/id",
        *_per_locale("category/name"),
        "scope/id",
        *_per_locale("scope/name"),
        "parent/id",
        *_per_locale("title"),
        *_per_locale("description"),
        "start_date",
        "end_date",
        "status/id",
        "status/key",
        *_per_locale("status/name"),
        "progress",
        "created_at",
        "url",
        "component/id",
        "proposal_urls",
        "external_id",
        "weight",
    ]


def list_commitments(arena: Arena, cycle: Cycle) -> list[Commitment]:
    return list(
        db.session.scalars(
            select(Commitment)
            .where(Commitment.arena_id == arena.id, Commitment.cycle_id == cycle.id)
            .options(selectinload(Commitment.proposals), selectinload(Commitment.themes))
            .order_by(Commitment.id)
        )
    )


def progress_of(commitment: Commitment) -> float:
    """The progress Decidim shows (0–100), as the module's docstring says."""
    fixed = PROGRESS_BY_STATUS.get(CommitmentStatus(commitment.status), RUNNING)
    if fixed is not None:
        return fixed
    overall = get_progress(commitment).overall
    return RUNNING if overall is None else round(overall * 100, 1)


def _text(value: str) -> str:
    return neutralise(redact_emails(value or ""))


def description_html(commitment: Commitment) -> str:
    """The description, then the links back (see the module's docstring)."""
    parts = [Markup("<p>%s</p>") % p for p in commitment.description.split("\n\n") if p.strip()]
    page = external_url("commitments.show", commitment_id=commitment.id)
    parts.append(Markup('<p><a href="%s">%s</a></p>') % (page, page))
    for proposal in commitment.proposals:
        if proposal.is_hidden:
            continue  # its title is not public any more
        links = [external_url("proposals.show", proposal_id=proposal.id)]
        if proposal.external_url:
            links.append(proposal.external_url)
        anchors = Markup(" · ").join(Markup('<a href="%s">%s</a>') % (u, u) for u in links)
        parts.append(Markup("<p>%s: %s</p>") % (proposal.title, anchors))
    return str(Markup("").join(parts))


def _labels(table: dict, key: str | None) -> list[str]:
    names = []
    for code in LOCALES:
        with force_locale(code):
            names.append(str(table.get(key, key)) if key else "")
    return names


def result_row(commitment: Commitment) -> list[str]:
    cycle = commitment.cycle
    starts = commitment.starts_on or local_day(cycle.testing_starts_at)
    ends = commitment.ends_on or local_day(cycle.review_starts_at)
    theme = commitment.themes[0].key if commitment.themes else None
    description = _text(description_html(commitment))
    progress = progress_of(commitment)
    return [
        "",
        "",
        *_labels(THEME_LABELS, theme),
        "",
        *["" for _code in LOCALES],
        "",
        *[_text(commitment.title) for _code in LOCALES],
        *[description for _code in LOCALES],
        starts.isoformat(),
        ends.isoformat(),
        "",
        commitment.status,
        *_labels(COMMITMENT_STATUS_LABELS, commitment.status),
        f"{progress:.1f}",
        commitment.created_at.strftime("%Y-%m-%d %H:%M:%S UTC"),
        external_url("commitments.show", commitment_id=commitment.id),
        "",
        "",
        f"arena-{cycle.arena.slug}-commitment-{commitment.id}",
        "1.0",
    ]


def results_csv(arena: Arena, cycle: Cycle) -> str:
    """The whole file: the header and one row per commitment of the cycle."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=SEPARATOR, lineterminator="\n")
    writer.writerow(result_columns())
    for commitment in list_commitments(arena, cycle):
        writer.writerow(result_row(commitment))
    return out.getvalue()
