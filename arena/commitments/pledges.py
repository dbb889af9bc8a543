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

from arena.commitments import rules
from arena.commitments.models import Commitment, Pledge
from arena.commitments.services import refuse_if
from arena.core.database import insert_ignoring_duplicates
from arena.core.errors import ActionRefused
from arena.core.permissions import is_signed_in
from arena.extensions import db
from arena.organisations.models import Organisation, OrganisationMember


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


def ensure_can_act_for(user, organisation: Organisation, commitment: Commitment, now) -> None:
    member = is_member(user, organisation)
    refuse_if(
        rules.why_not_act_for(user, organisation, commitment, is_member=member, now=now),
        moot=member,
    )


def pledge(actor, commitment: Commitment, *, now: datetime) -> None:
    refuse_if(
        rules.why_not_pledge(actor, commitment, now=now),
        moot=rules.is_connected(actor, commitment),
    )
    added = insert_ignoring_duplicates(
        Pledge, commitment_id=commitment.id, user_id=actor.id, created_at=now
    )
    if not added:
        raise ActionRefused(_("You have already joined this commitment."), 409)


def unpledge(actor, commitment: Commitment, *, now: datetime) -> None:
    refuse_if(rules.why_not_unpledge(actor, commitment, now=now), moot=is_signed_in(actor))
    removed = db.session.execute(
        delete(Pledge).where(Pledge.commitment_id == commitment.id, Pledge.user_id == actor.id)
    )
    if removed.rowcount != 1:
        raise ActionRefused(_("You have not joined this commitment."), 409)


def pledge_organisation(
    actor, commitment: Commitment, organisation: Organisation, *, now: datetime
) -> None:
    ensure_can_act_for(actor, organisation, commitment, now)
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
    ensure_can_act_for(actor, organisation, commitment, now)
    removed = db.session.execute(
        delete(Pledge).where(
            Pledge.commitment_id == commitment.id, Pledge.organisation_id == organisation.id
        )
    )
    if removed.rowcount != 1:
        raise ActionRefused(
            _("%(name)s has not joined this commitment.", name=organisation.name), 409
        )
