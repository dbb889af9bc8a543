"""The only code that changes workshops and their paper proposals.

Services re-check the rules, change rows and flush; views commit once. Every
facilitator action is written to the audit log in the same transaction. Dot
votes are in tallies.py, access codes in access_codes.py.
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import format_date
from flask_babel import gettext as _

from arena.arenas.models import Arena, CoBenefit, Cycle, Theme
from arena.audit import services as audit
from arena.core.errors import ActionRefused
from arena.extensions import db
from arena.i18n import CONTENT_LANGUAGES
from arena.proposals import services as proposal_services
from arena.proposals.models import Proposal
from arena.workshops import queries, rules
from arena.workshops.models import Workshop

MAX_PARTICIPANTS = 10_000


def refuse_unless(reason: str | None) -> None:
    """A rule's reason becomes the refusal (403: not for this person, or not now)."""
    if reason is not None:
        raise ActionRefused(reason)


def ensure_can_record(user, cycle: Cycle, *, now: datetime) -> None:
    refuse_unless(rules.why_not_record_workshop(user, cycle, now=now))


def ensure_can_enter_proposal(user, workshop: Workshop, *, now: datetime) -> None:
    refuse_unless(rules.why_not_enter_proposal(user, workshop, now=now))


def ensure_can_save_tallies(user, workshop: Workshop, *, now: datetime) -> None:
    refuse_unless(rules.why_not_save_tallies(user, workshop, now=now))


def ensure_can_generate_codes(user, arena: Arena) -> None:
    refuse_unless(rules.why_not_generate_codes(user, arena))


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

    It is submitted like any proposal, with the workshop as its source: pages
    credit the workshop, and the facilitator is recorded as the one who typed it.
    It is an ordinary published proposal from then on: people can support it
    online while voting is open.
    """
    ensure_can_enter_proposal(actor, workshop, now=now)
    if language not in CONTENT_LANGUAGES:
        raise ActionRefused(_("Choose the language the proposal is written in."), 400)
    proposal = proposal_services.submit_proposal(
        actor,
        workshop.cycle,
        workshop=workshop,
        now=now,
        title=title,
        summary=summary,
        body=body,
        language=language,
        climate_effect=climate_effect,
        theme=theme,
        co_benefits=co_benefits,
    )
    audit.record(
        actor,
        "workshop.add_proposal",
        arena=workshop.cycle.arena,
        target=proposal,
        workshop=workshop.id,
    )
    return proposal
