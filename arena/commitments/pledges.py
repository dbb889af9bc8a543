"""Pledges: a person or an organisation joining a commitment ("I'm in").

People connected to the arena join for themselves; a member of an
organisation joins, or leaves, on its behalf. Joining is open while the
commitment is planned or being tested, and leaving too (no one is held to a
commitment that has ended, and its record stays as it was). The commitment
page shows how many people joined, never who; organisations by name.
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import delete, func, select

from arena.commitments.models import Commitment, CommitmentStatus, Pledge
from arena.core.database import insert_ignoring_duplicates
from arena.core.errors import ActionRefused
from arena.core.permissions import is_signed_in
from arena.extensions import db
from arena.organisations.models import Organisation, OrganisationMember

OPEN_STATUSES = (CommitmentStatus.PLANNED, CommitmentStatus.ACTIVE)


def is_open(commitment: Commitment) -> bool:
    return commitment.status in OPEN_STATUSES


def can_pledge(user, commitment: Commitment, *, now: datetime) -> bool:
    return is_signed_in(user) and is_open(commitment) and user.is_connected_to(commitment.arena)


def is_member(user, organisation: Organisation) -> bool:
    return (
        is_signed_in(user)
        and db.session.scalar(
            select(func.count()).where(
                OrganisationMember.organisation_id == organisation.id,
                OrganisationMember.user_id == user.id,
            )
        )
        > 0
    )


def _refuse_when_closed(commitment: Commitment) -> None:
    if not is_open(commitment):
        raise ActionRefused(_("This commitment has ended, so joining and leaving are closed."), 409)


def ensure_can_pledge(user, commitment: Commitment, *, now: datetime) -> None:
    if not (is_signed_in(user) and user.is_connected_to(commitment.arena)):
        raise ActionRefused(
            _(
                "Tell us how you are connected to %(arena)s to join its commitments.",
                arena=commitment.arena.name,
            )
        )
    _refuse_when_closed(commitment)


def ensure_can_act_for(user, organisation: Organisation, commitment: Commitment) -> None:
    if not is_member(user, organisation):
        raise ActionRefused(_("Only members of %(name)s can do this.", name=organisation.name))
    _refuse_when_closed(commitment)


def pledge(actor, commitment: Commitment, *, now: datetime) -> None:
    ensure_can_pledge(actor, commitment, now=now)
    added = insert_ignoring_duplicates(
        Pledge, commitment_id=commitment.id, user_id=actor.id, created_at=now
    )
    if not added:
        raise ActionRefused(_("You have already joined this commitment."), 409)


def unpledge(actor, commitment: Commitment, *, now: datetime) -> None:
    if not is_signed_in(actor):
        raise ActionRefused(_("Sign in to leave a commitment."))
    _refuse_when_closed(commitment)
    removed = db.session.execute(
        delete(Pledge).where(Pledge.commitment_id == commitment.id, Pledge.user_id == actor.id)
    )
    if removed.rowcount != 1:
        raise ActionRefused(_("You have not joined this commitment."), 409)


def pledge_organisation(
    actor, commitment: Commitment, organisation: Organisation, *, now: datetime
) -> None:
    ensure_can_act_for(actor, organisation, commitment)
    added = insert_ignoring_duplicates(
        Pledge, commitment_id=commitment.id, organisation_id=organisation.id, created_at=now
    )
    if not added:
        raise ActionRefused(
            _("%(name)s has already joined this commitment.", name=organisation.name), 409
        )


def unpledge_organisation(
    actor, commitment: Commitment, organisation: Organisation, *, now: datetime
) -> None:
    ensure_can_act_for(actor, organisation, commitment)
    removed = db.session.execute(
        delete(Pledge).where(
            Pledge.commitment_id == commitment.id, Pledge.organisation_id == organisation.id
        )
    )
    if removed.rowcount != 1:
        raise ActionRefused(
            _("%(name)s has not joined this commitment.", name=organisation.name), 409
        )


def count_people(commitment: Commitment) -> int:
    return db.session.scalar(
        select(func.count()).where(
            Pledge.commitment_id == commitment.id, Pledge.user_id.is_not(None)
        )
    )


def list_organisations(commitment: Commitment) -> list[Organisation]:
    return list(
        db.session.scalars(
            select(Organisation)
            .join(Pledge, Pledge.organisation_id == Organisation.id)
            .where(Pledge.commitment_id == commitment.id)
            .order_by(Organisation.name, Organisation.id)
        )
    )


def has_pledged(user, commitment: Commitment) -> bool:
    return (
        is_signed_in(user)
        and db.session.scalar(
            select(func.count()).where(
                Pledge.commitment_id == commitment.id, Pledge.user_id == user.id
            )
        )
        > 0
    )
