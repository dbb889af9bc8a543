"""Demo data for workshops: an evening at Tensta träff in Järva's current cycle.

Call after `arena.demo.seed_demo` (it needs Järva, its cycle, the demo
facilitator and the demo proposals). Idempotent: the workshop is found by its
cycle and place, paper proposals by cycle and title, tallies by workshop and
proposal, so running it twice changes nothing.
"""

from datetime import datetime, time, timedelta

from sqlalchemy import select

from arena.accounts.models import User
from arena.arenas.models import Arena, CoBenefit, Theme
from arena.arenas.queries import get_current_cycle
from arena.core.time import at_local_time, local_day
from arena.demo.common import date_audit_entry
from arena.extensions import db
from arena.proposals.models import Proposal
from arena.workshops import services, tallies
from arena.workshops.models import Workshop, WorkshopTally

PLACE = "Tensta träff"
NOTES = (
    "Tolv grannar kom till kvällsträffen, flera med barn. Vi gick igenom förslagen "
    "som redan finns på webben och skrev upp nya idéer på blädderblock.\n\n"
    "Alla fick tre klisterprickar att rösta med. Många ville ha fler platser att "
    "laga saker tillsammans, och flera frågade efter kurser på arabiska och somaliska."
)

# (theme, title, summary, co-benefits, dot votes)
PAPER_PROPOSALS = [
    (
        "transport",
        "Cykelverkstad för barn på Tensta träff",
        "Barn och unga lär sig laga sina cyklar en eftermiddag i veckan, med verktyg "
        "och reservdelar som träffen lånar ut.",
        ["physical_activity", "fewer_car_trips"],
        8,
    ),
    (
        "local_food",
        "Matlagning med grönsaker från odlingarna",
        "Gemensamma matlagningskvällar där vi lagar mat av det som odlas i Tensta och "
        "Hjulsta, med recept på flera språk.",
        ["healthier_food", "social_contact"],
        6,
    ),
    (
        "consumption",
        "Byteshylla och symaskin i tvättstugan",
        "En hylla i varje tvättstuga där grannar lämnar kläder de inte använder, och en "
        "symaskin som alla i huset kan låna.",
        ["less_waste", "lower_costs"],
        5,
    ),
]

# Dot votes for proposals already on the website (see arena/demo.py), by title.
ONLINE_PROPOSAL_VOTES = {
    "Verktygsbibliotek i Tensta": 9,
    "Lånecyklar vid Tensta centrum": 7,
    "Odlingslotter på taket i Husby": 3,
}


def seed_workshop_demo(now: datetime) -> Workshop | None:
    """Add the Tensta träff workshop, its paper proposals and dot votes, each entered by
    the demo facilitator through the workshop services (rules and audit log); None when
    Järva, its current cycle or the demo facilitator is missing."""
    arena = db.session.scalar(select(Arena).where(Arena.slug == "jarva"))
    facilitator = db.session.scalar(select(User).where(User.email == "facilitator@example.org"))
    cycle = get_current_cycle(arena, now) if arena else None
    if cycle is None or facilitator is None:
        return None
    # The role may have been added in this same session, after the list was loaded.
    db.session.expire(facilitator, ["facilitator_roles"])
    workshop = _workshop(cycle, facilitator, now)
    votes = _paper_proposals(workshop, facilitator)
    for title, dots in ONLINE_PROPOSAL_VOTES.items():
        proposal_id = db.session.scalar(
            select(Proposal.id).where(Proposal.cycle_id == cycle.id, Proposal.title == title)
        )
        if proposal_id is not None:
            votes[proposal_id] = dots
    _add_tallies(workshop, facilitator, votes)
    return workshop


def _typed_in(workshop: Workshop, minutes: int = 0) -> datetime:
    """The day after the evening, when the facilitator types in what was on paper."""
    return workshop.held_at + timedelta(hours=20, minutes=minutes)


def _workshop(cycle, facilitator, now: datetime) -> Workshop:
    workshop = db.session.scalar(
        select(Workshop).where(Workshop.cycle_id == cycle.id, Workshop.place == PLACE)
    )
    if workshop is None:
        # A weekday evening four days ago, 18:00 local time.
        held_at = at_local_time(local_day(now - timedelta(days=4)), time(18, 0))
        recorded_at = held_at + timedelta(hours=20)
        workshop = services.record_workshop(
            facilitator,
            cycle,
            now=recorded_at,
            held_at=held_at,
            place=PLACE,
            language="sv",
            participant_count=12,
            notes=NOTES,
        )
        date_audit_entry("workshop.record", workshop, recorded_at)
    return workshop


def _paper_proposals(workshop: Workshop, facilitator) -> dict[int, int]:
    """The paper proposals typed in the day after; returns their dot votes by id."""
    themes = {t.key: t for t in db.session.scalars(select(Theme))}
    benefits = {b.key: b for b in db.session.scalars(select(CoBenefit))}
    votes: dict[int, int] = {}
    for index, (theme, title, summary, tags, dots) in enumerate(PAPER_PROPOSALS):
        proposal = db.session.scalar(
            select(Proposal).where(Proposal.cycle_id == workshop.cycle_id, Proposal.title == title)
        )
        if proposal is None and theme in themes:
            typed_at = _typed_in(workshop, minutes=5 * index)
            proposal = services.add_workshop_proposal(
                facilitator,
                workshop,
                now=typed_at,
                title=title,
                summary=summary,
                theme=themes[theme],
                language="sv",
                co_benefits=[benefits[tag] for tag in tags if tag in benefits],
            )
            date_audit_entry("workshop.add_proposal", proposal, typed_at)
        if proposal is not None:
            votes[proposal.id] = dots
    return votes


def _add_tallies(workshop: Workshop, facilitator, votes: dict[int, int]) -> None:
    """The dot votes, saved once (a second seed leaves them as they are)."""
    if db.session.scalar(
        select(WorkshopTally.id).where(WorkshopTally.workshop_id == workshop.id).limit(1)
    ):
        return
    saved_at = _typed_in(workshop, minutes=30)
    tallies.save_tallies(facilitator, workshop, votes, now=saved_at)
    date_audit_entry("workshop.save_tallies", workshop, saved_at)
