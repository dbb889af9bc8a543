"""The only code that changes workshops and their paper proposals.

Services re-check the rules, change rows and flush; views commit once. Every
facilitator action is written to the audit log in the same transaction. Dot
votes are in tallies.py, access codes in access_codes.py.
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import format_date
from flask_babel import gettext as _

from arena.arenas.models import Cycle
from arena.audit import services as audit
from arena.core.errors import ActionRefused, ensures
from arena.extensions import db
from arena.i18n import CONTENT_LANGUAGES
from arena.proposals import services as proposal_services
from arena.proposals.models import Proposal
from arena.workshops import queries, rules
from arena.workshops.models import Workshop

MAX_PARTICIPANTS = 10_000


def record_action(actor, action: str, workshop: Workshop, /, *, target=None, **details) -> None:
    """What is done at or for a workshop is logged in its cycle's arena; the entry is
    about the workshop unless it names another `target` (a proposal typed in there)."""
    audit.record(actor, action, arena=workshop.cycle.arena, target=target or workshop, **details)


ensure_can_record = ensures(rules.why_not_record_workshop)
ensure_can_enter_proposal = ensures(rules.why_not_enter_proposal)
ensure_can_save_tallies = ensures(rules.why_not_save_tallies)
ensure_can_generate_codes = ensures(rules.why_not_generate_codes)


def _checked(held_at, place: str, language: str, participant_count: int, notes: str = "") -> dict:
    """The details as stored. The form checks these too; a service never trusts its
    caller with the database's limits."""
    if not place or len(place) > 200 or "\x00" in place:
        raise ActionRefused(_("Say where the workshop was held, in at most 200 characters."), 400)
    if language not in CONTENT_LANGUAGES:
        raise ActionRefused(_("Choose the language spoken at the workshop."), 400)
    if not 0 <= participant_count <= MAX_PARTICIPANTS:
        raise ActionRefused(
            _("Enter a number of participants from 0 to %(max)d.", max=MAX_PARTICIPANTS), 400
        )
    return {
        "held_at": held_at,
        "place": place,
        "language": language,
        "participant_count": participant_count,
        "notes": notes or "",
    }


def _audited(values: dict, names) -> dict:
    """What the audit log keeps of the details: never the notes."""
    return {
        "held_at": values["held_at"].isoformat() if "held_at" in names else None,
        "place": values["place"] if "place" in names else None,
        "participants": values["participant_count"] if "participant_count" in names else None,
    }


def record_workshop(actor, cycle: Cycle, *, now: datetime, **details) -> Workshop:
    """Record an in-person workshop of the cycle; only the arena's facilitators, until it
    closes. `details`: held_at, place, language, participant_count and notes."""
    ensure_can_record(actor, cycle, now=now)
    values = _checked(**details)
    workshop = Workshop(cycle=cycle, created_by=actor, created_at=now, **values)
    db.session.add(workshop)
    db.session.flush()
    record_action(actor, "workshop.record", workshop, cycle=cycle.year, **_audited(values, values))
    return workshop


def edit_workshop(actor, workshop: Workshop, *, now: datetime, **details) -> list[str]:
    """Correct a workshop's details; returns the names of the fields that changed.

    A workshop with dot votes cannot be moved to after voting closed: its votes
    would then be votes cast too late.
    """
    ensure_can_record(actor, workshop.cycle, now=now)
    values = _checked(**details)
    closes = workshop.cycle.voting_closes_at
    if values["held_at"] >= closes > workshop.held_at and queries.get_tally_values(workshop):
        raise ActionRefused(
            _(
                "This workshop has dot votes, so it cannot be moved to after voting closed on "
                "%(date)s.",
                date=format_date(closes, "long"),
            ),
            409,
        )
    changed = [name for name, value in values.items() if getattr(workshop, name) != value]
    if not changed:
        return []
    for name in changed:
        setattr(workshop, name, values[name])
    db.session.flush()
    record_action(actor, "workshop.edit", workshop, changed=changed, **_audited(values, changed))
    return changed


def add_workshop_proposal(actor, workshop: Workshop, *, now: datetime, **proposal) -> Proposal:
    """A proposal written on paper at the workshop, typed in by a facilitator.

    It is submitted like any proposal (`proposal`: title, summary, theme, language,
    body, climate_effect, co_benefits), with the workshop as its source: pages
    credit the workshop, and the facilitator is recorded as the one who typed it.
    It is an ordinary published proposal from then on: people can support it
    online while voting is open.
    """
    ensure_can_enter_proposal(actor, workshop, now=now)
    if proposal.get("language") not in CONTENT_LANGUAGES:
        raise ActionRefused(_("Choose the language the proposal is written in."), 400)
    created = proposal_services.submit_proposal(
        actor, workshop.cycle, workshop=workshop, now=now, **proposal
    )
    record_action(actor, "workshop.add_proposal", workshop, target=created, workshop=workshop.id)
    return created
