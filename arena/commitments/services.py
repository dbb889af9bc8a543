"""Changing a commitment's own fields, and the checks every commitment service shares.

Only the arena's facilitators edit a commitment (see `rules.why_not_edit`), and
each edit is in the audit log. Owners are kept among the organisations active
in the arena (or already owning it) and the people already owning it; at least
one owner must remain.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from flask_babel import gettext as _

from arena.arenas.models import CoBenefit, Theme
from arena.audit import services as audit
from arena.commitments import rules
from arena.commitments.models import Commitment, CommitmentStatus
from arena.core.errors import ActionRefused
from arena.core.permissions import is_facilitator_of
from arena.extensions import db
from arena.organisations.models import Organisation

OWNERS_FIELD = "owner_organisations"  # where "choose at least one owner" is shown


def refuse_if(reason: str | None, *, moot: bool) -> None:
    """Raise the rule's reason, if any: 409 when the person may act and only the moment
    or the state says no (`moot`), 403 when it is not for them at all."""
    if reason:
        raise ActionRefused(reason, 409 if moot else 403)


def new_commitment(actor, cycle, *, source, now: datetime, **details) -> Commitment:
    """A commitment as it starts: planned, in `cycle`, created by `actor` (none for the
    demo data) at `now`, in the language and with the co-benefits of the `source` it is
    made from (a selected proposal, an adopted commitment); `details` are its other
    columns and links."""
    return Commitment(
        arena_id=cycle.arena_id,
        cycle_id=cycle.id,
        status=CommitmentStatus.PLANNED,
        created_by_id=getattr(actor, "id", None),
        created_at=now,
        language=source.language,
        co_benefits=list(source.co_benefits),
        **details,
    )


def require_an_owner(users, organisations) -> None:
    if not users and not organisations:
        raise ActionRefused(problems={OWNERS_FIELD: _("Choose at least one owner.")}, status=409)


def check_owners(
    users,
    organisations,
    *,
    allowed_organisations,
    allowed_user: Callable,
    arena,
) -> None:
    """At least one owner, each among those allowed; problems go to the owners field."""
    require_an_owner(users, organisations)
    allowed = {o.id for o in allowed_organisations}
    if any(o.id not in allowed for o in organisations):
        message = _("Owners must be organisations active in %(arena)s.", arena=arena.name)
        raise ActionRefused(problems={OWNERS_FIELD: message}, status=409)
    if any(not allowed_user(u) for u in users):
        message = _("Owners must be people taking part in %(arena)s.", arena=arena.name)
        raise ActionRefused(problems={OWNERS_FIELD: message}, status=409)


def ensure_can_edit(user, commitment: Commitment, *, now: datetime) -> None:
    refuse_if(
        rules.why_not_edit(user, commitment, now=now),
        moot=is_facilitator_of(user, commitment.arena),
    )


def _snapshot(commitment: Commitment) -> dict:
    return {
        "title": commitment.title,
        "starts_on": commitment.starts_on.isoformat() if commitment.starts_on else None,
        "ends_on": commitment.ends_on.isoformat() if commitment.ends_on else None,
        "check_in_interval_days": commitment.check_in_interval_days,
        "owner_user_ids": sorted(u.id for u in commitment.owner_users),
        "owner_organisation_ids": sorted(o.id for o in commitment.owner_organisations),
    }


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
    check_in_interval_days: int | None = None,
    themes: list[Theme],
    co_benefits: list[CoBenefit],
    owner_organisations: list[Organisation],
    owner_user_ids: list[int],
) -> None:
    """Change the commitment's fields (see the module's docstring for the owners)."""
    ensure_can_edit(actor, commitment, now=now)
    if starts_on and ends_on and starts_on >= ends_on:
        message = _("The end date must be after the start date.")
        raise ActionRefused(problems={"ends_on": message}, status=409)
    users = [u for u in commitment.owner_users if u.id in set(owner_user_ids)]
    require_an_owner(users, owner_organisations)
    before = _snapshot(commitment)
    commitment.title = title
    commitment.description = description
    commitment.location = location
    commitment.climate_effect = climate_effect
    commitment.starts_on = starts_on
    commitment.ends_on = ends_on
    if check_in_interval_days is not None:
        commitment.check_in_interval_days = check_in_interval_days
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
