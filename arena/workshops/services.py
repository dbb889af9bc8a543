"""The only code that changes workshops, their input and access codes.

Services re-check the rules, change rows and flush; views commit once. Every
facilitator action is written to the audit log in the same transaction.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask_babel import format_date, format_datetime
from flask_babel import gettext as _
from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from arena.accounts.models import ConnectionKind, User
from arena.accounts.services import declare_connection
from arena.arenas.models import Arena, CoBenefit, Cycle, Theme
from arena.arenas.phases import Phase, phase_at
from arena.audit import services as audit
from arena.core.errors import ActionRefused
from arena.core.permissions import require_facilitator
from arena.extensions import db
from arena.i18n import CONTENT_LANGUAGES
from arena.proposals.models import Proposal, ProposalStatus
from arena.workshops import codes, queries, rules
from arena.workshops.models import AccessCode, Workshop, WorkshopTally

MAX_PARTICIPANTS = 10_000
MAX_VOTES = 10_000
MAX_CODES = 200
MAX_CODE_DAYS = 365


# --- refusals, each saying why ----------------------------------------------------------


def ensure_can_record(user, cycle: Cycle, *, now: datetime) -> None:
    if not rules.can_record_workshop(user, cycle, now=now):
        require_facilitator(user, cycle.arena)
        raise ActionRefused(
            _(
                "The %(year)d cycle in %(arena)s has closed, so its workshops can no longer be "
                "changed.",
                year=cycle.year,
                arena=cycle.arena.name,
            )
        )


def _refuse_unless_started(workshop: Workshop, now: datetime) -> None:
    if not rules.has_started(workshop, now=now):
        raise ActionRefused(
            _(
                "This workshop has not started yet (%(date)s). Correct its date, or come back "
                "afterwards.",
                date=format_datetime(workshop.held_at, "short"),
            )
        )


def ensure_can_enter_proposal(user, workshop: Workshop, *, now: datetime) -> None:
    if rules.can_enter_proposal(user, workshop, now=now):
        return
    cycle = workshop.cycle
    require_facilitator(user, cycle.arena)
    phase = phase_at(cycle, now)
    if phase == Phase.UPCOMING:
        raise ActionRefused(
            _(
                "Proposals from workshops can be entered once proposing opens in %(arena)s on "
                "%(date)s.",
                arena=cycle.arena.name,
                date=format_date(cycle.proposing_opens_at, "long"),
            )
        )
    if phase not in rules.PROPOSAL_PHASES:
        raise ActionRefused(
            _(
                "Voting in %(arena)s closed on %(date)s, so no more proposals can be added.",
                arena=cycle.arena.name,
                date=format_date(cycle.voting_closes_at, "long"),
            )
        )
    _refuse_unless_started(workshop, now)


def ensure_can_save_tallies(user, workshop: Workshop, *, now: datetime) -> None:
    if rules.can_save_tallies(user, workshop, now=now):
        return
    cycle = workshop.cycle
    require_facilitator(user, cycle.arena)
    phase = phase_at(cycle, now)
    if phase == Phase.UPCOMING:
        raise ActionRefused(
            _(
                "Dot votes can be entered once proposing opens in %(arena)s on %(date)s.",
                arena=cycle.arena.name,
                date=format_date(cycle.proposing_opens_at, "long"),
            )
        )
    if phase not in rules.TALLY_PHASES:
        raise ActionRefused(
            _(
                "The selection in %(arena)s is over, so dot votes can no longer be changed.",
                arena=cycle.arena.name,
            )
        )
    _refuse_unless_started(workshop, now)
    raise ActionRefused(
        _(
            "This workshop took place after voting closed on %(date)s, so its dot votes cannot "
            "count.",
            date=format_date(cycle.voting_closes_at, "long"),
        )
    )


def ensure_can_generate_codes(user, arena: Arena) -> None:
    if not rules.can_generate_codes(user, arena):
        require_facilitator(user, arena)


# --- workshops --------------------------------------------------------------------------


def _check_details(place: str, language: str, participant_count: int) -> None:
    """The form checks these too; a service never trusts its caller with the database's limits."""
    if not place or len(place) > 200 or "\x00" in place:
        raise ActionRefused(_("Say where the workshop was held, in at most 200 characters."), 400)
    if language not in CONTENT_LANGUAGES:
        raise ActionRefused(_("Choose the language spoken at the workshop."), 400)
    if not 0 <= participant_count <= MAX_PARTICIPANTS:
        raise ActionRefused(
            _("Enter a number of participants from 0 to %(max)d.", max=MAX_PARTICIPANTS), 400
        )


def record_workshop(
    actor,
    cycle: Cycle,
    *,
    now: datetime,
    held_at: datetime,
    place: str,
    language: str,
    participant_count: int,
    notes: str = "",
) -> Workshop:
    """Record an in-person workshop of the cycle; only the arena's facilitators, until it closes."""
    ensure_can_record(actor, cycle, now=now)
    _check_details(place, language, participant_count)
    workshop = Workshop(
        cycle=cycle,
        held_at=held_at,
        place=place,
        language=language,
        participant_count=participant_count,
        notes=notes or "",
        created_by=actor,
        created_at=now,
    )
    db.session.add(workshop)
    db.session.flush()
    audit.record(
        actor,
        "workshop.record",
        arena=cycle.arena,
        target=workshop,
        cycle=cycle.year,
        held_at=held_at.isoformat(),
        place=place,
        participants=participant_count,
    )
    return workshop


def edit_workshop(
    actor,
    workshop: Workshop,
    *,
    now: datetime,
    held_at: datetime,
    place: str,
    language: str,
    participant_count: int,
    notes: str = "",
) -> list[str]:
    """Correct a workshop's details; returns the names of the fields that changed.

    A workshop with dot votes cannot be moved to after voting closed: its votes
    would then be votes cast too late.
    """
    ensure_can_record(actor, workshop.cycle, now=now)
    _check_details(place, language, participant_count)
    if (
        held_at >= workshop.cycle.voting_closes_at
        and workshop.held_at < workshop.cycle.voting_closes_at
        and queries.get_tally_values(workshop)
    ):
        raise ActionRefused(
            _(
                "This workshop has dot votes, so it cannot be moved to after voting closed on "
                "%(date)s.",
                date=format_date(workshop.cycle.voting_closes_at, "long"),
            ),
            409,
        )
    values = {
        "held_at": held_at,
        "place": place,
        "language": language,
        "participant_count": participant_count,
        "notes": notes or "",
    }
    changed = [name for name, value in values.items() if getattr(workshop, name) != value]
    if not changed:
        return []
    for name in changed:
        setattr(workshop, name, values[name])
    db.session.flush()
    audit.record(
        actor,
        "workshop.edit",
        arena=workshop.cycle.arena,
        target=workshop,
        changed=changed,
        held_at=held_at.isoformat() if "held_at" in changed else None,
        place=place if "place" in changed else None,
        participants=participant_count if "participant_count" in changed else None,
    )
    return changed


def add_workshop_proposal(
    actor,
    workshop: Workshop,
    *,
    now: datetime,
    title: str,
    summary: str,
    theme: Theme,
    language: str,
    body: str = "",
    climate_effect: str = "",
    co_benefits: list[CoBenefit] = (),
) -> Proposal:
    """A proposal written on paper at the workshop, typed in by a facilitator.

    The facilitator is its author in the database (someone must answer for what
    was typed), but pages credit the workshop. It is an ordinary published
    proposal from then on: people can support it online while voting is open.
    """
    ensure_can_enter_proposal(actor, workshop, now=now)
    if language not in CONTENT_LANGUAGES:
        raise ActionRefused(_("Choose the language the proposal is written in."), 400)
    proposal = Proposal(
        cycle=workshop.cycle,
        theme=theme,
        author=actor,
        workshop_id=workshop.id,
        title=title,
        summary=summary,
        body=body,
        language=language,
        climate_effect=climate_effect,
        co_benefits=list(co_benefits),
        status=ProposalStatus.PUBLISHED,
        created_at=now,
        updated_at=now,
    )
    db.session.add(proposal)
    db.session.flush()
    audit.record(
        actor,
        "workshop.add_proposal",
        arena=workshop.cycle.arena,
        target=proposal,
        workshop=workshop.id,
    )
    return proposal


def save_tallies(actor, workshop: Workshop, votes: dict[int, int], *, now: datetime) -> None:
    """Replace the workshop's dot votes with `votes` ({proposal id: votes}).

    Delete and insert happen in one transaction, so the tallies are never seen
    half-replaced; the unique (workshop, proposal) constraint turns two saves
    racing each other into a clear refusal instead of double rows. Workshop
    votes stay in their own table and are never added to online support counts.
    """
    ensure_can_save_tallies(actor, workshop, now=now)
    allowed = {p.id for p in queries.list_tally_proposals(workshop)}
    if not set(votes) <= allowed:
        raise ActionRefused(_("Dot votes can only be given to proposals of this cycle."), 400)
    if any(not 0 <= value <= MAX_VOTES for value in votes.values()):
        raise ActionRefused(_("Enter a number of votes from 0 to %(max)d.", max=MAX_VOTES), 400)
    before = queries.get_tally_values(workshop)
    db.session.execute(delete(WorkshopTally).where(WorkshopTally.workshop_id == workshop.id))
    if votes:
        try:
            db.session.execute(
                insert(WorkshopTally),
                [
                    {"workshop_id": workshop.id, "proposal_id": proposal_id, "votes": value}
                    for proposal_id, value in sorted(votes.items())
                ],
            )
        except IntegrityError as error:
            raise ActionRefused(
                _(
                    "Someone saved these dot votes at the same moment. Reload the page and check "
                    "the numbers."
                ),
                409,
            ) from error
    db.session.expire(workshop, ["tallies"])
    audit.record(
        actor,
        "workshop.save_tallies",
        arena=workshop.cycle.arena,
        target=workshop,
        proposals=len(votes),
        votes=sum(votes.values()),
        votes_before=sum(before.values()),
    )


# --- access codes -----------------------------------------------------------------------


def generate_codes(
    actor, arena: Arena, *, now: datetime, count: int, days: int, workshop: Workshop | None = None
) -> list[str]:
    """Make `count` one-time codes for the arena (and workshop), valid for `days` days.

    Returns the codes in their printed form: this is the only time they exist in
    plain text. The database keeps their SHA-256, and the audit log only how
    many were made and until when they are valid.
    """
    ensure_can_generate_codes(actor, arena)
    if workshop is not None and workshop.cycle.arena_id != arena.id:
        raise ActionRefused(_("Choose a workshop of %(arena)s.", arena=arena.name), 400)
    if not 1 <= count <= MAX_CODES:
        raise ActionRefused(_("Make from 1 to %(max)d codes at a time.", max=MAX_CODES), 400)
    if not 1 <= days <= MAX_CODE_DAYS:
        raise ActionRefused(_("Codes can be valid for 1 to %(max)d days.", max=MAX_CODE_DAYS), 400)
    expires_at = now + timedelta(days=days)
    plain: dict[str, str] = {}
    while len(plain) < count:
        printed = codes.new_code()
        plain[codes.hash_code(codes.normalise(printed))] = printed
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
    )
    return list(plain.values())


class CodeRefused(ActionRefused):
    """A code that cannot be used; `reason` lets the page point to the right next step."""

    UNKNOWN = "unknown"
    EXPIRED = "expired"
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
            self.REDEEMED: _(
                "This code has already been used to create an account. Sign in with the code "
                "instead."
            ),
            self.NOT_REDEEMED: _(
                "This code has not been used yet. Start by creating your account with it."
            ),
        }
        super().__init__(messages[reason], 400)
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
    name = (display_name or "").strip()
    if not name or len(name) > 80 or "\x00" in name:
        raise ActionRefused(_("Choose a public name of at most 80 characters."), 400)
    user = User(
        email=None,
        password_hash=None,
        display_name=name,
        preferred_language=language,
        created_at=now,
    )
    db.session.add(user)
    db.session.flush()
    claimed = db.session.execute(
        update(AccessCode)
        .where(
            AccessCode.id == code.id, AccessCode.redeemed_at.is_(None), AccessCode.expires_at > now
        )
        .values(redeemed_at=now, redeemed_by_id=user.id)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:
        raise CodeRefused(CodeRefused.REDEEMED)
    db.session.expire(code)
    declare_connection(user, code.arena, ConnectionKind.LIVES)
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
