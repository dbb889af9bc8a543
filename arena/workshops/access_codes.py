"""One-time access codes: the only code that makes, redeems and checks them."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import case, func, insert, select, update

from arena.accounts import services as account_services
from arena.accounts.models import ConnectionKind, User
from arena.arenas.models import Arena
from arena.audit import services as audit
from arena.core.errors import ActionRefused
from arena.extensions import db
from arena.workshops import codes
from arena.workshops.models import AccessCode, Workshop
from arena.workshops.services import ensure_can_generate_codes

MAX_CODES = 200
MAX_CODE_DAYS = 365


def generate_codes(
    actor, arena: Arena, *, now: datetime, count: int, days: int, workshop: Workshop | None = None
) -> list[str]:
    """The codes of a new batch (see make_batch), in their printed form."""
    return make_batch(actor, arena, now=now, count=count, days=days, workshop=workshop)[1]


def make_batch(
    actor, arena: Arena, *, now: datetime, count: int, days: int, workshop: Workshop | None = None
) -> tuple[str, list[str]]:
    """Make `count` one-time codes for the arena (and workshop), valid for `days` days.

    Returns the batch's label and the codes in their printed form. The database keeps
    their SHA-256, and the audit log only how many were made and until when they are
    valid; the codes
    are derived from the batch's label with a key made from SECRET_KEY, so that
    `sheets.sheet_codes` can print the unused ones again.
    """
    ensure_can_generate_codes(actor, arena)
    if workshop is not None and workshop.cycle.arena_id != arena.id:
        raise ActionRefused(_("Choose a workshop of %(arena)s.", arena=arena.name), 400)
    if not 1 <= count <= MAX_CODES:
        raise ActionRefused(_("Make from 1 to %(max)d codes at a time.", max=MAX_CODES), 400)
    if not 1 <= days <= MAX_CODE_DAYS:
        raise ActionRefused(_("Codes can be valid for 1 to %(max)d days.", max=MAX_CODE_DAYS), 400)
    expires_at = now + timedelta(days=days)
    batch = secrets.token_hex(8)
    key = codes.sheet_key(current_app.secret_key)
    plain: dict[str, str] = {}
    index = 0
    while len(plain) < count:
        printed = codes.derived_code(key, batch, index)
        plain[codes.hash_code(codes.normalise(printed))] = printed
        index += 1
    db.session.execute(
        insert(AccessCode),
        [
            {
                "arena_id": arena.id,
                "workshop_id": workshop.id if workshop else None,
                "code_hash": code_hash,
                "expires_at": expires_at,
                "created_by_id": actor.id,
                "created_at": now,
                "batch": batch,
            }
            for code_hash in plain
        ],
    )
    audit.record(
        actor,
        "access_codes.generate",
        arena=arena,
        target=workshop,
        count=count,
        days=days,
        expires_at=expires_at.isoformat(),
        batch=batch,
    )
    return batch, list(plain.values())


# --- batches: the codes one form made, extended together ----------------------------------

# Codes that stopped working this long ago can still be extended: the people who use
# them may only notice when they are locked out.
REVIVE_WITHIN = timedelta(days=90)


@dataclass(frozen=True)
class Batch:
    """The codes made together by one form, as the codes page lists them."""

    label: str
    workshop_id: int | None
    created_at: datetime
    total: int
    redeemed: int
    extendable: int
    expires_at: datetime
    # Unused, unexpired and not revoked: the codes its sheet shows and revoking stops.
    usable: int
    revoked: int


def usable_codes(now: datetime):
    """Codes nobody has used yet that still work."""
    return (
        AccessCode.redeemed_at.is_(None)
        & AccessCode.revoked_at.is_(None)
        & (AccessCode.expires_at > now)
    )


def _extendable(now: datetime):
    return (AccessCode.expires_at > now - REVIVE_WITHIN) & AccessCode.revoked_at.is_(None)


def list_batches(arena: Arena, now: datetime) -> list[Batch]:
    """The arena's batches, newest first, in one query; never the codes themselves."""
    rows = db.session.execute(
        select(
            AccessCode.batch,
            AccessCode.workshop_id,
            func.min(AccessCode.created_at),
            func.count(AccessCode.id),
            func.count(AccessCode.redeemed_at),
            func.coalesce(func.sum(case((_extendable(now), 1), else_=0)), 0),
            func.max(AccessCode.expires_at),
            func.coalesce(func.sum(case((usable_codes(now), 1), else_=0)), 0),
            func.count(AccessCode.revoked_at),
        )
        .where(AccessCode.arena_id == arena.id, AccessCode.batch.is_not(None))
        .group_by(AccessCode.batch, AccessCode.workshop_id)
        .order_by(func.min(AccessCode.created_at).desc())
    ).all()
    return [Batch(*row) for row in rows]


def get_batch_or_404(arena: Arena, label: str, now: datetime) -> Batch:
    """The batch of this arena with that label, else a 404 as for any wrong address."""
    found = [batch for batch in list_batches(arena, now) if batch.label == label]
    if not found:
        raise ActionRefused(_("There is no such batch of codes."), 404)
    return found[0]


def extend_batch(actor, arena: Arena, label: str, *, days: int, now: datetime) -> int:
    """Make the batch's codes work `days` days longer (counted from today for codes that
    have expired, at most MAX_CODE_DAYS from today); returns how many codes changed.

    Codes that expired more than REVIVE_WITHIN ago stay expired. Each code's account
    gets a new reminder before the new date.
    """
    ensure_can_generate_codes(actor, arena)
    if not 1 <= days <= MAX_CODE_DAYS:
        raise ActionRefused(
            status=400,
            problems={"days": _("Extend by 1 to %(max)d days.", max=MAX_CODE_DAYS)},
        )
    rows = db.session.scalars(
        select(AccessCode).where(
            AccessCode.arena_id == arena.id, AccessCode.batch == label, _extendable(now)
        )
    ).all()
    if not rows:
        raise ActionRefused(_("No code of this batch can be extended any more."), 400)
    latest = now + timedelta(days=MAX_CODE_DAYS)
    for code in rows:
        code.expires_at = min(max(code.expires_at, now) + timedelta(days=days), latest)
        code.expiry_reminded_at = None
    audit.record(
        actor,
        "access_codes.extend",
        arena=arena,
        target=rows[0].workshop,
        batch=label,
        count=len(rows),
        days=days,
    )
    return len(rows)


def code_of(user) -> AccessCode | None:
    """The access code an account was made from, if it was."""
    return db.session.scalar(select(AccessCode).where(AccessCode.redeemed_by_id == user.id))


class CodeRefused(ActionRefused):
    """A code that cannot be used; `reason` lets the page point to the right next step."""

    UNKNOWN = "unknown"
    EXPIRED = "expired"
    REVOKED = "revoked"
    REDEEMED = "redeemed"
    NOT_REDEEMED = "not_redeemed"

    def __init__(self, reason: str):
        messages = {
            # One message for a mistyped code and one that never existed, so that
            # trying codes tells nobody which ones are real.
            self.UNKNOWN: _(
                "We do not recognise this code. Check that you typed it as it is printed."
            ),
            self.EXPIRED: _("This code has expired. Ask the arena's facilitators for a new one."),
            self.REVOKED: _(
                "This code has been withdrawn by the arena's facilitators. Ask them for a new one."
            ),
            self.REDEEMED: _(
                "This code has already been used to create an account. Sign in with the code "
                "instead."
            ),
            self.NOT_REDEEMED: _(
                "This code has not been used yet. Start by creating your account with it."
            ),
        }
        super().__init__(status=400, problems={"code": messages[reason]})
        self.reason = reason


def _find_code(typed: str | None, now: datetime) -> AccessCode:
    normalised = codes.normalise(typed)
    if not codes.is_well_formed(normalised):
        raise CodeRefused(CodeRefused.UNKNOWN)
    code = db.session.scalar(
        select(AccessCode).where(AccessCode.code_hash == codes.hash_code(normalised))
    )
    if code is None:
        raise CodeRefused(CodeRefused.UNKNOWN)
    if code.revoked_at is not None:
        raise CodeRefused(CodeRefused.REVOKED)
    if code.expires_at <= now:
        raise CodeRefused(CodeRefused.EXPIRED)
    return code


def redeem_code(
    typed: str | None, *, display_name: str, language: str | None, now: datetime
) -> AccessCode:
    """Create an account without e-mail or password from a one-time code; returns the
    code, now redeemed by the new account (`code.redeemed_by`).

    The account is connected to the code's arena (as living there), so the
    person can propose and support at once. Claiming the code is a conditional
    UPDATE, so two people typing the same code at once cannot both get it.
    """
    code = _find_code(typed, now)
    if code.redeemed_at is not None:
        raise CodeRefused(CodeRefused.REDEEMED)
    user = account_services.create_code_account(
        display_name=display_name, language=language, now=now
    )
    claimed = db.session.execute(
        update(AccessCode)
        .where(
            AccessCode.id == code.id,
            AccessCode.redeemed_at.is_(None),
            AccessCode.revoked_at.is_(None),
            AccessCode.expires_at > now,
        )
        .values(redeemed_at=now, redeemed_by_id=user.id)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:
        raise CodeRefused(CodeRefused.REDEEMED)
    db.session.expire(code)
    account_services.declare_connection(user, code.arena, ConnectionKind.LIVES)
    return code


def user_for_code(typed: str | None, *, now: datetime) -> User:
    """The account a redeemed, unexpired code signs in; the code is its credential."""
    code = _find_code(typed, now)
    if code.redeemed_by_id is None:
        raise CodeRefused(CodeRefused.NOT_REDEEMED)
    user = code.redeemed_by
    if user is None or not user.is_active:
        raise CodeRefused(CodeRefused.UNKNOWN)
    return user
