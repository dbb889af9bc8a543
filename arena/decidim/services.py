"""Bringing a Decidim export's proposals into an arena's cycle: all of them or none.

`plan_import` sorts the file's rows against what the arena already has from
Decidim (matched by Decidim's id in any of the arena's cycles, so importing the
same file twice adds nothing): new ones, already imported ones whose supports
or endorsements in Decidim changed (only those counts and the address are
refreshed: the arena's copy of the text is the one its residents, moderators and
facilitators have worked with), unchanged ones, and the rows not imported at all
(withdrawn, hidden, amendments). `import_proposals` carries the plan out in the
caller's one transaction, and records who imported how many in the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from arena.arenas.models import Cycle, Theme
from arena.audit import services as audit
from arena.core.errors import ActionRefused
from arena.decidim import rules
from arena.decidim.reading import DecidimRow, ReadExport
from arena.extensions import db
from arena.proposals.models import Proposal, ProposalStatus

SOURCE = "decidim"


@dataclass
class ImportPlan:
    cycle: Cycle
    read: ReadExport
    new: list[DecidimRow] = field(default_factory=list)
    updated: list[tuple[DecidimRow, Proposal]] = field(default_factory=list)
    unchanged: list[tuple[DecidimRow, Proposal]] = field(default_factory=list)

    @property
    def categories(self) -> list[str]:
        """The distinct categories of the rows to import, in the file's order."""
        return list(dict.fromkeys(row.category for row in self.new))

    def outcome(self, row: DecidimRow) -> str:
        """What the import does with the row: new, updated, unchanged or skipped."""
        if row.skip is not None:
            return "skipped"
        for kind in ("updated", "unchanged"):
            if any(done is row for done, _proposal in getattr(self, kind)):
                return kind
        return "new"


def imported_proposals(cycle: Cycle, decidim_ids: list[str]) -> dict[str, Proposal]:
    """The arena's proposals (any cycle) already imported from these Decidim ids."""
    if not decidim_ids:
        return {}
    found = db.session.scalars(
        select(Proposal)
        .join(Cycle, Cycle.id == Proposal.cycle_id)
        .where(
            Cycle.arena_id == cycle.arena_id,
            Proposal.external_source == SOURCE,
            Proposal.external_id.in_(decidim_ids),
        )
        .order_by(Proposal.id)
    )
    return {proposal.external_id: proposal for proposal in found}


def plan_import(cycle: Cycle, read: ReadExport) -> ImportPlan:
    """Sort the rows (see the module's docstring); nothing is changed."""
    plan = ImportPlan(cycle=cycle, read=read)
    rows = read.to_import
    existing = imported_proposals(cycle, [row.decidim_id for row in rows])
    for row in rows:
        proposal = existing.get(row.decidim_id)
        if proposal is None:
            plan.new.append(row)
        elif (
            proposal.external_supports,
            proposal.external_endorsements,
            proposal.external_url,
        ) != (
            row.supports,
            row.endorsements,
            row.url or proposal.external_url,
        ):
            plan.updated.append((row, proposal))
        else:
            plan.unchanged.append((row, proposal))
    return plan


def _check(actor, plan: ImportPlan, *, now: datetime) -> None:
    reason = rules.why_not_import(actor, plan.cycle, now=now)
    if reason is not None:
        not_theirs = actor is not None and not rules.can_import(actor, plan.cycle.arena)
        raise ActionRefused(reason, 403 if not_theirs else 409)
    if plan.read.error or plan.read.problems:
        raise ActionRefused(
            plan.read.error or _("Nothing was imported: the file has rows with problems."), 409
        )
    if not plan.new and not plan.updated:
        raise ActionRefused(_("Nothing to import: the file has nothing new for this arena."), 409)


def _new_proposal(cycle: Cycle, row: DecidimRow, theme: Theme, now: datetime) -> Proposal:
    return Proposal(
        cycle=cycle,
        theme=theme,
        author=None,
        external_source=SOURCE,
        external_id=row.decidim_id,
        external_url=row.url,
        external_supports=row.supports,
        external_endorsements=row.endorsements,
        title=row.title,
        summary=row.summary,
        body=row.body,
        language=row.language,
        status=ProposalStatus.PUBLISHED,
        # Its date is Decidim's, so the list shows when it was really proposed.
        created_at=row.published_at or now,
        updated_at=now,
    )


def import_proposals(
    actor, plan: ImportPlan, themes: dict[str, Theme], *, now: datetime, source: str = "web"
) -> tuple[int, int]:
    """Add the new rows and refresh the changed ones; returns (added, updated).

    `themes` gives each category of the plan its theme (see `themes.theme_map`).
    `actor` None is the command line. Refused as a whole when the rule says no, when
    any row has a problem, or when another import of the same rows got in first.
    """
    _check(actor, plan, now=now)
    for row in plan.new:
        db.session.add(_new_proposal(plan.cycle, row, themes[row.category], now))
    for row, proposal in plan.updated:
        proposal.external_supports = row.supports
        proposal.external_endorsements = row.endorsements
        proposal.external_url = row.url or proposal.external_url
        proposal.updated_at = now
    try:
        db.session.flush()
    except IntegrityError as error:
        raise ActionRefused(
            _("These proposals were imported meanwhile. Upload the file again to see them."),
            409,
        ) from error
    added, updated = len(plan.new), len(plan.updated)
    audit.record(
        actor,
        "decidim.import",
        arena=plan.cycle.arena,
        year=plan.cycle.year,
        added=added,
        updated=updated,
        unchanged=len(plan.unchanged),
        skipped=len(plan.read.skipped),
        source=source,
    )
    return added, updated
