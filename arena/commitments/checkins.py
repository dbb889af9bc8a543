"""Check-ins: dated reports on how a commitment is going.

Measured check-ins carry values for the commitment's indicators and are posted
by its owners and the arena's facilitators. Residents connected to the arena,
or who have joined the commitment, post a short "what I did" note instead.
Both are open while the cycle is in testing or review (`rules`). Dates are
days in the configured zone (`core.time.local_zone`), where the arenas are.
"""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import format_date
from flask_babel import gettext as _

from arena.audit import services as audit
from arena.commitments import queries, rules
from arena.commitments.models import CheckIn, CheckInKind, Commitment, Indicator, IndicatorValue
from arena.commitments.services import refuse_if
from arena.core.database import added
from arena.core.errors import ActionRefused
from arena.core.permissions import is_facilitator_of
from arena.core.time import local_day
from arena.following import notices
from arena.following.models import NoticeKind
from arena.organisations.models import Organisation

MAX_RESIDENT_NOTE = 1000


def today(now: datetime) -> date:
    """The day it is at `now` where the arenas are (the configured zone)."""
    return local_day(now)


def earliest_date(commitment: Commitment) -> date:
    """Check-ins report on the commitment from the day it started: its own start date,
    or the day its cycle's testing started."""
    if commitment.starts_on:
        return commitment.starts_on
    return local_day(commitment.cycle.testing_starts_at)


def ensure_can_post_measurement(user, commitment: Commitment, *, now: datetime) -> None:
    refuse_if(
        rules.why_not_post_measurement(user, commitment, now=now),
        moot=rules.is_manager(user, commitment),
    )


def ensure_can_post_resident(user, commitment: Commitment, *, now: datetime) -> None:
    pledged = queries.has_pledged(user, commitment)
    refuse_if(
        rules.why_not_post_resident(user, commitment, now=now, has_pledged=pledged),
        moot=rules.is_participant(user, commitment, has_pledged=pledged),
    )


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


def _check_measurement(actor, commitment, reported_on, note, organisation, values, now) -> None:
    problem = date_problem(commitment, reported_on, now)
    if problem:
        raise ActionRefused(problems={"reported_on": problem}, status=409)
    if not values and not note:
        message = _("Give a value for at least one indicator, or write a note.")
        raise ActionRefused(problems={"note": message}, status=409)
    if any(i.commitment_id != commitment.id for i in values):
        raise ActionRefused(_("Values must be for this commitment's indicators."), 409)
    memberships = {o.id for o in queries.list_memberships(actor)}
    if organisation is not None and organisation.id not in memberships:
        message = _("You can only report on behalf of your own organisations.")
        raise ActionRefused(problems={"organisation": message}, status=409)


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
    _check_measurement(actor, commitment, reported_on, note, organisation, values, now)
    check_in = added(
        CheckIn(
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
    )
    if is_facilitator_of(actor, commitment.arena) and not rules.is_owner(actor, commitment):
        audit.record(
            actor,
            "check_in.record",
            arena=commitment.arena,
            target=check_in,
            commitment_id=commitment.id,
            values={str(i.id): v for i, v in values.items()},
        )
    notices.tell_commitment_followers(
        actor, commitment, NoticeKind.CHECK_IN, now=now, detail=note, related_id=check_in.id
    )
    return check_in


def record_resident_check_in(
    actor, commitment: Commitment, *, now: datetime, note: str, language: str = "sv"
) -> CheckIn:
    """A participant's short note on what they did for the commitment."""
    ensure_can_post_resident(actor, commitment, now=now)
    if not note:
        raise ActionRefused(problems={"note": _("Write what you did.")}, status=409)
    if len(note) > MAX_RESIDENT_NOTE:
        message = _("Write at most %(max)d characters.", max=MAX_RESIDENT_NOTE)
        raise ActionRefused(problems={"note": message}, status=409)
    check_in = added(
        CheckIn(
            commitment=commitment,
            author_id=actor.id,
            kind=CheckInKind.RESIDENT,
            reported_on=today(now),
            note=note,
            language=language,
            created_at=now,
        )
    )
    notices.tell_commitment_followers(
        actor, commitment, NoticeKind.CHECK_IN, now=now, detail=note, related_id=check_in.id
    )
    return check_in
