"""One arena's year with everything an export must get right: a formula-like title, an
e-mail-like display name, an address in free text, a workshop-only participant,
negative numbers, an organisation owner and an audit entry about a person."""

from dataclasses import dataclass
from datetime import timedelta

from arena.core.time import utcnow
from arena.exports.sources import (
    AuditEntry,
    CheckIn,
    Commitment,
    Indicator,
    IndicatorValue,
    Pledge,
    Proposal,
    Support,
    Workshop,
    WorkshopTally,
)
from arena.extensions import db

FORMULA_TITLE = '=HYPERLINK("http://x","y")'
EMAIL_NAME = "anna@example.org"


@dataclass
class Year:
    arena: object
    cycle: object
    facilitator: object
    anna: object
    walk_in: object
    paper: object
    proposal: object
    commitment: object


def build_year(make, *, phase="selection") -> Year:
    arena = make.arena("Skärholmen", slug="skarholmen")
    cycle = make.cycle(arena, phase=phase)
    facilitator = make.facilitator(arena, display_name="Bo Facilitator")
    anna = make.user(connected_to=arena, display_name=EMAIL_NAME, email=EMAIL_NAME)
    walk_in = make.user(connected_to=arena, display_name="Fatima")
    walk_in.email = None  # came in with a printed access code at a workshop
    organisation = make.organisation(name="Skärholmens odlare", arenas=[arena])
    proposal = make.proposal(
        cycle,
        author=anna,
        title=FORMULA_TITLE,
        body="Mejla mig: kalle@example.com",
        support_count=1,
    )
    workshop = Workshop(
        cycle=cycle,
        created_by=facilitator,
        held_at=cycle.voting_opens_at + timedelta(hours=2),
        place="Skärholmens bibliotek",
        language="sv",
        participant_count=14,
    )
    db.session.add(workshop)
    db.session.flush()
    paper = make.proposal(
        cycle, author=facilitator, title="-Fler cykelställ", workshop_id=workshop.id
    )
    db.session.add_all(
        [
            WorkshopTally(workshop_id=workshop.id, proposal_id=paper.id, votes=7),
            Support(proposal_id=proposal.id, user_id=walk_in.id),
        ]
    )
    commitment = _commitment(arena, cycle, organisation, walk_in)
    db.session.add(
        AuditEntry(
            actor_id=facilitator.id,
            arena_id=arena.id,
            action="role.grant",
            target_type="user",
            target_id=anna.id,
            reason="@ny facilitator",
            created_at=cycle.proposing_opens_at + timedelta(days=1),
        )
    )
    db.session.commit()
    return Year(arena, cycle, facilitator, anna, walk_in, paper, proposal, commitment)


def _commitment(arena, cycle, organisation, walk_in) -> Commitment:
    today = utcnow().date()
    commitment = Commitment(
        arena=arena,
        cycle=cycle,
        title="Odla på taken",
        description="Vi odlar.",
        owner_organisations=[organisation],
        owner_users=[walk_in],
    )
    indicator = Indicator(
        commitment=commitment,
        name="Temperaturavvikelse",
        unit="°C",
        direction="up",
        baseline_value=-5.5,
        baseline_on=today - timedelta(days=30),
        target_value=3.25,
        target_on=today + timedelta(days=300),
    )
    check_in = CheckIn(
        commitment=commitment,
        author=walk_in,
        kind="resident",
        reported_on=today,
        note="+ vi var tolv",
        values=[IndicatorValue(indicator=indicator, value=-1.5)],
    )
    db.session.add_all(
        [commitment, indicator, check_in, Pledge(commitment=commitment, user=walk_in)]
    )
    return commitment


def add_empty_cycle(make):
    arena = make.arena("Tomma arenan", slug="tom")
    return make.cycle(arena, phase="proposing")


__all__ = ["Proposal", "Year", "add_empty_cycle", "build_year"]
