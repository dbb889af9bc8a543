"""Who carries out a commitment, and what facilitators may change about it.

Owners are the people listed as owners and the members of the owning
organisations. They, and the arena's facilitators, manage the commitment's
indicators and post measured check-ins. Only facilitators edit the
commitment's own fields, and each edit is in the audit log.

Editing stays open from selection until the cycle closes: owners and places
change during a year of testing, and the review may need a corrected text.
"""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import gettext as _

from arena.arenas.models import CoBenefit, Theme
from arena.arenas.phases import Phase, phase_at
from arena.audit import services as audit
from arena.commitments.models import Commitment
from arena.core.errors import ActionRefused
from arena.core.permissions import is_facilitator_of, is_signed_in, require_facilitator
from arena.extensions import db
from arena.organisations.models import Organisation

EDITABLE_PHASES = (Phase.SELECTION, Phase.TESTING, Phase.REVIEW)


def is_owner(user, commitment: Commitment) -> bool:
    """Listed as an owner, or a member of an owning organisation."""
    if not is_signed_in(user):
        return False
    if any(u.id == user.id for u in commitment.owner_users):
        return True
    return any(m.user_id == user.id for o in commitment.owner_organisations for m in o.members)


def can_manage(user, commitment: Commitment) -> bool:
    """Owners and the arena's facilitators manage indicators and measured check-ins."""
    return is_facilitator_of(user, commitment.arena) or is_owner(user, commitment)


def is_open(commitment: Commitment, now: datetime) -> bool:
    return phase_at(commitment.cycle, now) in EDITABLE_PHASES


def can_edit(user, commitment: Commitment, *, now: datetime) -> bool:
    return is_facilitator_of(user, commitment.arena) and is_open(commitment, now)


def ensure_can_edit(user, commitment: Commitment, *, now: datetime) -> None:
    require_facilitator(user, commitment.arena)
    if not is_open(commitment, now):
        raise ActionRefused(
            _("This commitment's cycle has closed, so the commitment can no longer be changed."),
            409,
        )


def edit_commitment(
    actor,
    commitment: Commitment,
    *,
    now: datetime,
    title: str,
    description: str,
    location: str,
    climate_effect: str,
    starts_on: date | None,
    ends_on: date | None,
    themes: list[Theme],
    co_benefits: list[CoBenefit],
    owner_organisations: list[Organisation],
    owner_user_ids: list[int],
) -> None:
    """Change the commitment's fields. Owners are kept among the organisations active in
    the arena (or already owning it) and the people already owning it; at least one
    owner must remain."""
    ensure_can_edit(actor, commitment, now=now)
    if starts_on and ends_on and starts_on >= ends_on:
        raise ActionRefused(_("The end date must be after the start date."), 409)
    users = [u for u in commitment.owner_users if u.id in set(owner_user_ids)]
    if not users and not owner_organisations:
        raise ActionRefused(_("Choose at least one owner."), 409)
    before = {
        "title": commitment.title,
        "starts_on": commitment.starts_on.isoformat() if commitment.starts_on else None,
        "ends_on": commitment.ends_on.isoformat() if commitment.ends_on else None,
        "owner_user_ids": sorted(u.id for u in commitment.owner_users),
        "owner_organisation_ids": sorted(o.id for o in commitment.owner_organisations),
    }
    commitment.title = title
    commitment.description = description
    commitment.location = location
    commitment.climate_effect = climate_effect
    commitment.starts_on = starts_on
    commitment.ends_on = ends_on
    commitment.themes = list(themes)
    commitment.co_benefits = list(co_benefits)
    commitment.owner_organisations = list(owner_organisations)
    commitment.owner_users = users
    db.session.flush()
    audit.record(
        actor,
        "commitment.edit",
        arena=commitment.arena,
        target=commitment,
        before=before,
        owner_user_ids=sorted(u.id for u in users),
        owner_organisation_ids=sorted(o.id for o in owner_organisations),
    )
