"""A batch's sheet of access codes, printed again, and revoking a batch.

The plain codes are never stored: `codes.derived_code` makes them again from the
batch's label and a key derived from SECRET_KEY, and the sheet shows only those
that still work and nobody has used (a used code is someone's way of signing in,
so it is never shown again, not even to a facilitator).
"""

from __future__ import annotations

from datetime import datetime

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select, update

from arena.arenas.models import Arena
from arena.audit import services as audit
from arena.core.errors import ActionRefused
from arena.extensions import db
from arena.workshops import access_codes, codes
from arena.workshops.models import AccessCode, Workshop
from arena.workshops.services import ensure_can_generate_codes

# How far past the batch's size to look for its codes: an index is skipped when its
# code happened to repeat one already made.
_SPARE_INDEXES = 16


def sheet_codes(actor, arena: Arena, label: str, *, now: datetime) -> list[str]:
    """The batch's unused, working codes in their printed form, in the order made."""
    ensure_can_generate_codes(actor, arena)
    batch = access_codes.get_batch_or_404(arena, label, now)
    wanted = set(
        db.session.scalars(
            select(AccessCode.code_hash).where(
                AccessCode.arena_id == arena.id,
                AccessCode.batch == label,
                access_codes.usable_codes(now),
            )
        )
    )
    key = codes.sheet_key(current_app.secret_key)
    found = []
    for index in range(batch.total + _SPARE_INDEXES):
        if len(found) == len(wanted):
            break
        printed = codes.derived_code(key, label, index)
        if codes.hash_code(codes.normalise(printed)) in wanted:
            found.append(printed)
    return found


def revoke_batch(actor, arena: Arena, label: str, *, now: datetime) -> int:
    """Stop every unused code of the batch from working; returns how many were revoked.

    Codes already used stay the sign-in of the accounts made with them: those people
    have no e-mail address to get back in another way. Revoked codes cannot be
    extended, and their sheet no longer shows them.
    """
    ensure_can_generate_codes(actor, arena)
    access_codes.get_batch_or_404(arena, label, now)
    revoked = db.session.execute(
        update(AccessCode)
        .where(
            AccessCode.arena_id == arena.id,
            AccessCode.batch == label,
            access_codes.usable_codes(now),
        )
        .values(revoked_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    if not revoked:
        raise ActionRefused(
            _("No code of this batch can be revoked: none still works unused."), 409
        )
    workshop_id = db.session.scalar(
        select(AccessCode.workshop_id).where(AccessCode.batch == label).limit(1)
    )
    audit.record(
        actor,
        "access_codes.revoke",
        arena=arena,
        target=db.session.get(Workshop, workshop_id) if workshop_id else None,
        batch=label,
        count=revoked,
    )
    return revoked
