"""When a dataset's files last changed, told cheaply from the data: counts and newest
change times of the rows they are made of, the cycles' phases (counts appear when
voting closes), and the settings printed in them.

Nothing that moves while voting is open enters the fingerprint before the results are
public: support rows and tallies count only for cycles whose voting has closed, and
proposals' `updated_at` (bumped by every support) only for those cycles too. Otherwise
an ETag watched during voting would tell how often people support.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from flask import current_app
from sqlalchemy import ColumnElement, and_, exists, func, select

from arena.exports.cells import as_utc
from arena.exports.sources import (
    Arena,
    AuditEntry,
    CheckIn,
    Commitment,
    DistrictStatistic,
    Indicator,
    IndicatorValue,
    Organisation,
    Pledge,
    Proposal,
    Review,
    Support,
    User,
    Workshop,
    WorkshopTally,
    organisation_arenas,
    phase_at,
    results_are_public,
)
from arena.extensions import db
from arena.opendata.licences import current_licence

# Raised when what the files contain changes shape, so every cached copy is stale.
FORMAT_VERSION = "1"
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
PHASE_DATES = (
    "proposing_opens_at",
    "voting_opens_at",
    "voting_closes_at",
    "testing_starts_at",
    "review_starts_at",
    "closes_at",
)


def _proposal_totals(export):
    """The year's proposals: how many, and their newest creation, hiding and decision,
    in one walk of them (as four subqueries they were four)."""
    return (
        select(
            func.count(Proposal.id),
            func.max(Proposal.created_at),
            func.max(Proposal.hidden_at),
            func.max(Proposal.decided_at),
        )
        .where(Proposal.cycle_id.in_(export.cycle_ids))
        .subquery()
    )


def _signals(export) -> list[ColumnElement]:
    """Scalar subqueries: (count, newest time) pairs, in one SELECT."""
    cycles, arenas = export.cycle_ids, export.arena_ids
    public = [c.id for c in export.cycles if results_are_public(c, export.now)] or [-1]
    in_cycles = Proposal.cycle_id.in_(cycles)
    commitments = select(Commitment.id).where(Commitment.cycle_id.in_(cycles))
    check_ins = select(CheckIn.id).where(CheckIn.commitment_id.in_(commitments))
    authored = exists().where(Proposal.author_id == User.id, in_cycles)
    return [
        _scalar(func.max(Proposal.updated_at), Proposal.cycle_id.in_(public)),
        _scalar(
            func.count(Support.id),
            Support.proposal_id.in_(select(Proposal.id).where(Proposal.cycle_id.in_(public))),
        ),
        _scalar(
            func.sum(WorkshopTally.votes),
            WorkshopTally.workshop_id.in_(select(Workshop.id).where(Workshop.cycle_id.in_(public))),
        ),
        _scalar(func.count(Workshop.id), Workshop.cycle_id.in_(cycles)),
        _scalar(func.max(Workshop.created_at), Workshop.cycle_id.in_(cycles)),
        _scalar(func.count(Commitment.id), Commitment.cycle_id.in_(cycles)),
        _scalar(func.max(Commitment.created_at), Commitment.cycle_id.in_(cycles)),
        _scalar(func.count(Indicator.id), Indicator.commitment_id.in_(commitments)),
        _scalar(func.count(CheckIn.id), CheckIn.commitment_id.in_(commitments)),
        _scalar(func.max(CheckIn.created_at), CheckIn.commitment_id.in_(commitments)),
        _scalar(func.max(CheckIn.hidden_at), CheckIn.commitment_id.in_(commitments)),
        _scalar(func.count(IndicatorValue.check_in_id), IndicatorValue.check_in_id.in_(check_ins)),
        _scalar(func.count(Pledge.id), Pledge.commitment_id.in_(commitments)),
        _scalar(func.count(Review.id), Review.commitment_id.in_(commitments)),
        _scalar(func.max(Review.decided_at), Review.commitment_id.in_(commitments)),
        _scalar(
            func.count(organisation_arenas.c.organisation_id),
            organisation_arenas.c.arena_id.in_(arenas),
        ),
        _scalar(func.max(Organisation.created_at), Organisation.id.in_(_organisations(arenas))),
        _scalar(func.count(DistrictStatistic.id), DistrictStatistic.arena_id.in_(arenas)),
        _scalar(func.max(DistrictStatistic.imported_at), DistrictStatistic.arena_id.in_(arenas)),
        # Facilitators' and staff's changes (edits, moderation, decisions) are all audited.
        _scalar(func.max(AuditEntry.id), AuditEntry.arena_id.in_(arenas)),
        _scalar(func.max(AuditEntry.created_at), AuditEntry.arena_id.in_(arenas)),
        # An author who deletes their account becomes "deleted user". From the deleted
        # accounts' side (ix_users_deleted_at): they are few, the authors many.
        _scalar(func.max(User.deleted_at), and_(User.deleted_at.is_not(None), authored)),
        _scalar(func.count(Arena.id), Arena.id.in_(arenas)),
    ]


def _scalar(column, where) -> ColumnElement:
    return select(column).where(where).scalar_subquery()


def _organisations(arena_ids):
    return select(organisation_arenas.c.organisation_id).where(
        organisation_arenas.c.arena_id.in_(arena_ids)
    )


def _phase_times(export) -> list[datetime]:
    """The phase boundaries already passed: the files change at each of them."""
    now = as_utc(export.now)
    moments = (as_utc(getattr(c, name)) for c in export.cycles for name in PHASE_DATES)
    return [moment for moment in moments if moment <= now]


def fingerprint(export) -> tuple[str, datetime]:
    """(ETag value, Last-Modified) for the export's files."""
    totals = _proposal_totals(export)
    values = list(db.session.execute(select(*totals.c, *_signals(export))).one())
    phases = [str(phase_at(c, export.now)) for c in export.cycles]
    config = current_app.config
    settings = (
        current_licence().spdx,
        config["ORGANISATION_NAME"],
        config["CONTACT_EMAIL"],
        config["BASE_URL"],
    )
    text = repr((FORMAT_VERSION, export.slug, values, phases, settings))
    etag = hashlib.sha256(text.encode()).hexdigest()[:32]
    times = [as_utc(v) for v in values if isinstance(v, datetime)] + _phase_times(export)
    return etag, max(times, default=EPOCH).replace(microsecond=0)
