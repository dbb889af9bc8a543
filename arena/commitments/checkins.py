"""Check-ins: dated reports on how a commitment is going.

Measured check-ins carry values for the commitment's indicators and are posted
by its owners and the arena's facilitators. Residents connected to the arena,
or who have joined the commitment, post a short "what I did" note instead.

Both are open while the cycle is in testing or review, the year the
commitment is carried out plus the review, when the last measurements are
often taken. Before testing there is nothing to measure; after the cycle
closes its result stands, and a continued or revised commitment is followed
up in next year's cycle.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import exists, select

from arena.arenas.phases import Phase, phase_at
from arena.audit import services as audit
from arena.commitments import owners
from arena.commitments.models import (
    CheckIn,
    CheckInKind,
    Commitment,
    Indicator,
    IndicatorValue,
    Pledge,
)
from arena.core.errors import ActionRefused
from arena.core.permissions import is_facilitator_of, is_signed_in
from arena.extensions import db
from arena.organisations.models import Organisation, OrganisationMember

CHECK_IN_PHASES = (Phase.TESTING, Phase.REVIEW)
LOCAL_ZONE = ZoneInfo("Europe/Stockholm")
MAX_RESIDENT_NOTE = 1000


def today(now: datetime) -> date:
    """The date in Stockholm, where the arenas are."""
    return now.astimezone(LOCAL_ZONE).date()


def earliest_date(commitment: Commitment) -> date:
    """Check-ins report on the commitment from the day it started: its own start date,
    or the day its cycle's testing started."""
    if commitment.starts_on:
        return commitment.starts_on
    return commitment.cycle.testing_starts_at.astimezone(LOCAL_ZONE).date()


def is_open(commitment: Commitment, now: datetime) -> bool:
    return phase_at(commitment.cycle, now) in CHECK_IN_PHASES


def can_post_measurement(user, commitment: Commitment, *, now: datetime) -> bool:
    return owners.can_manage(user, commitment) and is_open(commitment, now)


def has_pledged(user, commitment: Commitment) -> bool:
    if not is_signed_in(user):
        return False
    return db.session.scalar(
        select(exists().where(Pledge.commitment_id == commitment.id, Pledge.user_id == user.id))
    )


def can_post_resident(user, commitment: Commitment, *, now: datetime) -> bool:
    return (
        is_signed_in(user)
        and is_open(commitment, now)
        and (user.is_connected_to(commitment.arena) or has_pledged(user, commitment))
    )


def _refuse_when_closed(commitment: Commitment, now: datetime) -> None:
    if is_open(commitment, now):
        return
    cycle = commitment.cycle
    if now < cycle.testing_starts_at:
        raise ActionRefused(
            _(
                "Check-ins open when testing starts on %(date)s.",
                date=format_date(cycle.testing_starts_at, "long"),
            ),
            409,
        )
    raise ActionRefused(
        _("This commitment's cycle has closed; check-ins are no longer taken."), 409
    )


def ensure_can_post_measurement(user, commitment: Commitment, *, now: datetime) -> None:
    if not owners.can_manage(user, commitment):
        raise ActionRefused(
            _(
                "Only the commitment's owners and the arena's facilitators can post "
                "measured check-ins."
            )
        )
    _refuse_when_closed(commitment, now)


def ensure_can_post_resident(user, commitment: Commitment, *, now: datetime) -> None:
    if not (
        is_signed_in(user)
        and (user.is_connected_to(commitment.arena) or has_pledged(user, commitment))
    ):
        raise ActionRefused(
            _(
                "Only people taking part in %(arena)s, or who have joined this commitment, "
                "can tell what they did.",
                arena=commitment.arena.name,
            )
        )
    _refuse_when_closed(commitment, now)


def date_problem(commitment: Commitment, reported_on: date, now: datetime) -> str | None:
    """Why a check-in cannot be dated `reported_on`, or None."""
    earliest = earliest_date(commitment)
    if reported_on < earliest:
        return _(
            "The date cannot be before the commitment started on %(date)s.",
            date=format_date(earliest, "long"),
        )
    if reported_on > today(now):
        return _("The date cannot be in the future.")
    return None


def record_check_in(
    actor,
    commitment: Commitment,
    *,
    now: datetime,
    reported_on: date,
    note: str,
    confidence: str | None,
    organisation: Organisation | None,
    values: dict[Indicator, float],
    language: str = "sv",
) -> CheckIn:
    """A measured check-in with a value for some of the commitment's indicators."""
    ensure_can_post_measurement(actor, commitment, now=now)
    problem = date_problem(commitment, reported_on, now)
    if problem:
        raise ActionRefused(problem, 409)
    if not values and not note:
        raise ActionRefused(_("Give a value for at least one indicator, or write a note."), 409)
    if any(i.commitment_id != commitment.id for i in values):
        raise ActionRefused(_("Values must be for this commitment's indicators."), 409)
    if organisation is not None and organisation.id not in {o.id for o in list_memberships(actor)}:
        raise ActionRefused(_("You can only report on behalf of your own organisations."), 409)
    check_in = CheckIn(
        commitment=commitment,
        author_id=actor.id,
        organisation=organisation,
        kind=CheckInKind.MEASUREMENT,
        reported_on=reported_on,
        note=note,
        confidence=confidence or None,
        language=language,
        created_at=now,
        values=[IndicatorValue(indicator=i, value=v) for i, v in values.items()],
    )
    db.session.add(check_in)
    db.session.flush()
    if is_facilitator_of(actor, commitment.arena) and not owners.is_owner(actor, commitment):
        audit.record(
            actor,
            "check_in.record",
            arena=commitment.arena,
            target=check_in,
            commitment_id=commitment.id,
            values={str(i.id): v for i, v in values.items()},
        )
    return check_in


def record_resident_check_in(
    actor, commitment: Commitment, *, now: datetime, note: str, language: str = "sv"
) -> CheckIn:
    """A participant's short note on what they did for the commitment."""
    ensure_can_post_resident(actor, commitment, now=now)
    if not note:
        raise ActionRefused(_("Write what you did."), 409)
    if len(note) > MAX_RESIDENT_NOTE:
        raise ActionRefused(_("Write at most %(max)d characters.", max=MAX_RESIDENT_NOTE), 409)
    check_in = CheckIn(
        commitment=commitment,
        author_id=actor.id,
        kind=CheckInKind.RESIDENT,
        reported_on=today(now),
        note=note,
        language=language,
        created_at=now,
    )
    db.session.add(check_in)
    db.session.flush()
    return check_in


def list_memberships(user) -> list[Organisation]:
    """The organisations `user` is a member of, by name."""
    if not is_signed_in(user):
        return []
    return list(
        db.session.scalars(
            select(Organisation)
            .join(OrganisationMember, OrganisationMember.organisation_id == Organisation.id)
            .where(OrganisationMember.user_id == user.id)
            .order_by(Organisation.name, Organisation.id)
        )
    )
