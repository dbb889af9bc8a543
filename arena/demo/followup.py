"""Demo follow-up, idempotent (rows are looked up by natural key first):

- Stockholm Green Innovation District is testing two commitments with monthly check-ins;
- Järva's 2025 cycle is in review: a plastics commitment reviewed "scale up", with
  pledges, and a second commitment still waiting for its review;
- Skärholmen has adopted the plastics commitment with a lower target;
- every arena shows example district statistics, labelled as such;
- more local actors in the directory.
Any other demo commitment gets a generic indicator (add_generic_indicators).
"""

from datetime import datetime, timedelta

from sqlalchemy import select

from arena.arenas.models import Arena, Cycle, DistrictStatistic
from arena.commitments import checkins
from arena.commitments.models import (
    Commitment,
    CommitmentStatus,
)
from arena.core.time import local_day
from arena.demo.common import get_or_add, neighbours, user_by_email
from arena.demo.reviews import seed_adoption, seed_jarva_review
from arena.demo.selected import add_indicator, commitment_from, measure
from arena.extensions import db
from arena.organisations.models import Organisation, OrganisationMember
from arena.proposals.models import Proposal
from arena.staff import scale_services

# Its owners last reported 50 days ago, so its monthly indicator is overdue: the demo
# facilitator's hub lists it, staff see it, and `reminders send` mails its owner.
LATE_DEMO_COMMITMENT = "Energiombud i Husby"


def add_generic_indicators(now: datetime) -> None:
    """Give each demo commitment still without indicators one indicator and, when its
    cycle is being tested, two measured check-ins by its first owner (long ago for
    LATE_DEMO_COMMITMENT, so that it is overdue)."""
    day = local_day(now)
    for commitment in db.session.scalars(select(Commitment).order_by(Commitment.id)):
        if commitment.indicators:
            continue
        author = commitment.owner_users[0] if commitment.owner_users else None
        if author is None:
            continue
        indicator = add_indicator(
            author,
            commitment,
            now,
            name="Deltagande hushåll",
            unit="hushåll",
            direction="up",
            baseline_value=0,
            baseline_on=day - timedelta(days=120),
            target_value=200,
            target_on=day + timedelta(days=240),
            method="Anmälningar och räkning vid träffar",
            reported_by="Ägarna",
        )
        if now < commitment.cycle.testing_starts_at:
            continue
        late = commitment.title == LATE_DEMO_COMMITMENT
        for days_ago, value in ((95, 35), (50, 82.5)) if late else ((60, 35), (10, 82.5)):
            checkins.record_check_in(
                author,
                commitment,
                now=now,
                reported_on=day - timedelta(days=days_ago),
                note="",
                confidence=None,
                organisation=None,
                values={indicator: value},
            )
    db.session.flush()


EXAMPLE_SOURCE = "Exempeldata, inte officiell statistik"

# (indicator, unit, value per arena slug) — invented round figures for the demo only.
EXAMPLE_STATISTICS = [
    (
        "Andel resor med bil",
        "%",
        {"jarva": 31, "skarholmen": 34, "norra-djurgardsstaden": 18, "innerstaden": 12, "sgid": 24},
    ),
    (
        "Bilinnehav per 1 000 invånare",
        "bilar",
        {
            "jarva": 280,
            "skarholmen": 310,
            "norra-djurgardsstaden": 190,
            "innerstaden": 210,
            "sgid": 260,
        },
    ),
    (
        "Andel vuxna med god självskattad hälsa",
        "%",
        {"jarva": 66, "skarholmen": 68, "norra-djurgardsstaden": 79, "innerstaden": 78, "sgid": 75},
    ),
]

# (name, kind, arena slug, activities)
DEMO_ACTORS = [
    ("Tensta gymnasium (demo)", "school", "jarva", "Skolodling och klimatkurser för elever."),
    ("Husby livs (demo)", "business", "jarva", "Närbutik som säljer lokalodlat och tar emot pant."),
    ("Vårbergs bostäder (demo)", "housing", "skarholmen", "Hyresvärd med sopsortering i alla hus."),
    (
        "Sickla fastighetsägarförening (demo)",
        "association",
        "sgid",
        "Fastighetsägare som samarbetar om energi och leveranser.",
    ),
    ("Sickla cykelverkstad (demo)", "business", "sgid", "Lagar cyklar och hyr ut lastcyklar."),
]


def seed_followup_demo(now: datetime) -> None:
    """Load the follow-up demo (see the module docstring). Flushes, never commits."""
    arenas = {a.slug: a for a in db.session.scalars(select(Arena))}
    if "jarva" not in arenas:
        return
    actors = _seed_actors(arenas)
    _seed_statistics(arenas)
    _seed_sgid_testing(arenas["sgid"], actors["Sickla fastighetsägarförening (demo)"], now)
    plastics = seed_jarva_review(arenas["jarva"], now)
    seed_adoption(plastics, arenas["skarholmen"], now)
    _recommend_for_the_city(plastics, now)
    add_generic_indicators(now)
    db.session.flush()


def _recommend_for_the_city(plastics: Commitment | None, now: datetime) -> None:
    """City staff recommend Järva's scaled-up plastics commitment to the whole city."""
    if plastics is None or scale_services.get_recommendation(plastics) is not None:
        return
    scale_services.recommend(
        user_by_email("staff@example.org"),
        plastics,
        note="Enkelt att ta efter och mätt i tre hus: föreslås för alla stadsdelar 2027.",
        now=now,
    )


def _seed_actors(arenas: dict) -> dict[str, Organisation]:
    people = neighbours()
    actors = {}
    for index, (name, kind, slug, activities) in enumerate(DEMO_ACTORS):
        organisation, created = get_or_add(
            Organisation,
            {"name": name},
            kind=kind,
            activities=activities,
            description=activities,
        )
        if created:
            organisation.arenas.append(arenas[slug])
            db.session.add(
                OrganisationMember(
                    organisation=organisation,
                    user=people[index % len(people)],
                    is_admin=True,
                )
            )
        actors[name] = organisation
    return actors


def _seed_statistics(arenas: dict) -> None:
    for indicator, unit, by_arena in EXAMPLE_STATISTICS:
        for slug, value in by_arena.items():
            get_or_add(
                DistrictStatistic,
                {"arena_id": arenas[slug].id, "indicator": indicator, "year": 2024},
                value=float(value),
                unit=unit,
                source=EXAMPLE_SOURCE,
                is_example=True,
            )


# (proposal title, indicator, unit, direction, baseline, target, three monthly readings)
SGID_PLANS = [
    (
        "Spillvärme från serverhallen i Sickla",
        "Återvunnen värme",
        "MWh per månad",
        "up",
        0.0,
        120.0,
        (35.0, 60.0, 80.0),
    ),
    (
        "Samlastning av leveranser i Årsta",
        "Lastbilsleveranser per vecka",
        "leveranser",
        "down",
        140.0,
        90.0,
        (130.0, 118.0, 109.0),
    ),
]


def _seed_sgid_testing(arena: Arena, owner_org: Organisation, now: datetime) -> None:
    cycle = db.session.scalar(
        select(Cycle).where(Cycle.arena_id == arena.id, Cycle.year == now.year)
    )
    facilitator = user_by_email("facilitator@example.org")
    started = local_day(cycle.testing_starts_at)
    for plan in SGID_PLANS:
        proposal = db.session.scalar(
            select(Proposal).where(Proposal.cycle_id == cycle.id, Proposal.title == plan[0])
        )
        if proposal is None:
            continue
        commitment, created = commitment_from(
            proposal,
            status=CommitmentStatus.ACTIVE,
            owners=[proposal.author],
            organisations=[owner_org],
            decided_by=facilitator,
            note="Många stödde förslaget och fastighetsägarna vill genomföra det.",
        )
        if created:
            _measure_monthly(commitment, proposal.author, owner_org, started, plan, now)


def _measure_monthly(commitment, author, owner_org, started, plan, now) -> None:
    """One indicator from the plan, with a reading at the end of each month of testing."""
    _title, name, unit, direction, baseline, target, measured = plan
    commitment.starts_on = started
    indicator = add_indicator(
        author,
        commitment,
        now,
        name=name,
        unit=unit,
        direction=direction,
        baseline_value=baseline,
        baseline_on=started,
        target_value=target,
        target_on=started + timedelta(days=330),
        method="Mätare och leveransloggar",
        reported_by=owner_org.name,
    )
    for month, value in enumerate(measured, start=1):
        measure(
            commitment,
            {indicator: value},
            started + timedelta(days=30 * month),
            author,
            "Månadsavläsning.",
            now,
        )
