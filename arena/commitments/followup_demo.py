"""Demo follow-up, idempotent (rows are looked up by natural key first):

- Stockholm Green Innovation District is testing two commitments with monthly check-ins;
- Järva's 2025 cycle is in review: a plastics commitment reviewed "scale up", with
  pledges, and a second commitment still waiting for its review;
- Skärholmen has adopted the plastics commitment with a lower target;
- every arena shows example district statistics, labelled as such;
- more local actors in the directory.
Any other demo commitment gets a generic indicator (add_generic_indicators).
"""

from datetime import date, datetime, timedelta

from sqlalchemy import select

from arena.accounts.models import User
from arena.arenas.models import Arena, Cycle, DistrictStatistic, Theme
from arena.commitments.checkins import today
from arena.commitments.models import (
    CheckIn,
    CheckInKind,
    Commitment,
    CommitmentStatus,
    Indicator,
    IndicatorValue,
    Pledge,
    Review,
)
from arena.extensions import db
from arena.organisations.models import Organisation, OrganisationMember
from arena.proposals.models import Proposal, ProposalStatus


def add_generic_indicators(now: datetime) -> None:
    """Give each demo commitment still without indicators one indicator and, when its
    cycle is being tested, two measured check-ins by its first owner."""
    day = today(now)
    for commitment in db.session.scalars(select(Commitment).order_by(Commitment.id)):
        if commitment.indicators:
            continue
        indicator = Indicator(
            commitment=commitment,
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
        db.session.add(indicator)
        author = commitment.owner_users[0] if commitment.owner_users else None
        if author is None or now < commitment.cycle.testing_starts_at:
            continue
        for days_ago, value in ((60, 35), (10, 82.5)):
            db.session.add(
                CheckIn(
                    commitment=commitment,
                    author=author,
                    kind=CheckInKind.MEASUREMENT,
                    reported_on=day - timedelta(days=days_ago),
                    note="",
                    values=[IndicatorValue(indicator=indicator, value=value)],
                )
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
    plastics = _seed_jarva_review(arenas["jarva"], now)
    _seed_adoption(plastics, arenas["skarholmen"], now)
    add_generic_indicators(now)
    db.session.flush()


def _get_or_add(model, lookup: dict, **values):
    found = db.session.scalar(select(model).filter_by(**lookup))
    if found is not None:
        return found, False
    row = model(**lookup, **values)
    db.session.add(row)
    db.session.flush()
    return row, True


def _user(email: str) -> User:
    return db.session.scalar(select(User).where(User.email == email))


def _neighbours() -> list[User]:
    return list(
        db.session.scalars(
            select(User)
            .where(
                User.email.like("%@example.org"),
                User.is_staff.is_(False),
                User.is_admin.is_(False),
                User.email != "facilitator@example.org",
                User.email != "resident@example.org",
            )
            .order_by(User.id)
        )
    )


def _seed_actors(arenas: dict) -> dict[str, Organisation]:
    neighbours = _neighbours()
    actors = {}
    for index, (name, kind, slug, activities) in enumerate(DEMO_ACTORS):
        organisation, created = _get_or_add(
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
                    user=neighbours[index % len(neighbours)],
                    is_admin=True,
                )
            )
        actors[name] = organisation
    return actors


def _seed_statistics(arenas: dict) -> None:
    for indicator, unit, by_arena in EXAMPLE_STATISTICS:
        for slug, value in by_arena.items():
            _get_or_add(
                DistrictStatistic,
                {"arena_id": arenas[slug].id, "indicator": indicator, "year": 2024},
                value=float(value),
                unit=unit,
                source=EXAMPLE_SOURCE,
                is_example=True,
            )


def _day(moment: datetime) -> date:
    return today(moment)


def _commitment_from(
    proposal: Proposal,
    *,
    status: str,
    owners: list,
    organisations: list,
    decided_by: User,
    note: str,
) -> tuple[Commitment, bool]:
    """The commitment a selected proposal became (looked up by title and cycle)."""
    commitment, created = _get_or_add(
        Commitment,
        {"cycle_id": proposal.cycle_id, "title": proposal.title},
        arena_id=proposal.cycle.arena_id,
        description=proposal.summary,
        language=proposal.language,
        status=status,
        created_by_id=decided_by.id,
    )
    if created:
        commitment.proposals = [proposal]
        commitment.owner_users = owners
        commitment.owner_organisations = organisations
        commitment.themes = [proposal.theme]
        commitment.co_benefits = list(proposal.co_benefits)
        proposal.status = ProposalStatus.SELECTED
        proposal.decision_note = note
        proposal.decided_at = proposal.cycle.voting_closes_at + timedelta(days=3)
    return commitment, created


def _measure(commitment, indicator_values: dict, reported_on: date, author: User, note: str):
    db.session.add(
        CheckIn(
            commitment=commitment,
            author=author,
            kind=CheckInKind.MEASUREMENT,
            reported_on=reported_on,
            note=note,
            language="sv",
            confidence="medium",
            values=[IndicatorValue(indicator=i, value=v) for i, v in indicator_values.items()],
        )
    )


def _seed_sgid_testing(arena: Arena, owner_org: Organisation, now: datetime) -> None:
    cycle = db.session.scalar(
        select(Cycle).where(Cycle.arena_id == arena.id, Cycle.year == now.year)
    )
    facilitator = _user("facilitator@example.org")
    plans = [
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
    started = _day(cycle.testing_starts_at)
    for title, name, unit, direction, baseline, target, measured in plans:
        proposal = db.session.scalar(
            select(Proposal).where(Proposal.cycle_id == cycle.id, Proposal.title == title)
        )
        if proposal is None:
            continue
        commitment, created = _commitment_from(
            proposal,
            status=CommitmentStatus.ACTIVE,
            owners=[proposal.author],
            organisations=[owner_org],
            decided_by=facilitator,
            note="Många stödde förslaget och fastighetsägarna vill genomföra det.",
        )
        if not created:
            continue
        commitment.starts_on = started
        indicator = Indicator(
            commitment=commitment,
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
        db.session.add(indicator)
        for month, value in enumerate(measured, start=1):
            _measure(
                commitment,
                {indicator: value},
                started + timedelta(days=30 * month),
                proposal.author,
                "Månadsavläsning.",
            )


def _seed_jarva_review(arena: Arena, now: datetime) -> Commitment:
    """Järva's 2025 cycle, in review: one commitment reviewed "scale up", one waiting."""
    cycle, _ = _get_or_add(
        Cycle,
        {"arena_id": arena.id, "year": now.year - 1},
        support_budget=5,
        introduction="",
        **_review_dates(now),
    )
    facilitator = _user("facilitator@example.org")
    association = db.session.scalar(
        select(Organisation).where(Organisation.name == "Hyresgästföreningen Tensta (demo)")
    )
    neighbours = _neighbours()
    themes = {t.key: t for t in db.session.scalars(select(Theme))}
    started = _day(cycle.testing_starts_at)

    plastics_proposal, _ = _get_or_add(
        Proposal,
        {"cycle_id": cycle.id, "title": "Sortera plasten rätt i Tensta"},
        theme_id=themes["plastics"].id,
        author_id=neighbours[0].id,
        language="sv",
        summary="Sorteringsvärdar i varje hus hjälper grannarna att få plasten ur restavfallet.",
        created_at=cycle.proposing_opens_at + timedelta(days=3),
        updated_at=cycle.proposing_opens_at + timedelta(days=3),
    )
    plastics, created = _commitment_from(
        plastics_proposal,
        status=CommitmentStatus.SCALED_UP,
        owners=[neighbours[0]],
        organisations=[association] if association else [],
        decided_by=facilitator,
        note="Flest stöd, och hyresgästföreningen tar ansvar för genomförandet.",
    )
    if created:
        plastics.starts_on = started
        indicator = Indicator(
            commitment=plastics,
            name="Plastavfall i restavfallet",
            unit="kg per hushåll och månad",
            direction="down",
            baseline_value=4.2,
            baseline_on=started,
            target_value=3.0,
            target_on=started + timedelta(days=300),
            method="Plockanalys av restavfallet i tre hus varje månad",
            reported_by="Hyresgästföreningen Tensta",
        )
        db.session.add(indicator)
        for month, value in enumerate((3.9, 3.6, 3.4), start=1):
            _measure(
                plastics,
                {indicator: value},
                started + timedelta(days=30 * month),
                neighbours[0],
                "Plockanalys i tre hus.",
            )
        db.session.add(
            Review(
                commitment=plastics,
                outcome="scale_up",
                decided_by=facilitator,
                decided_at=cycle.review_starts_at + timedelta(days=2),
                rationale="Plasten i restavfallet minskade med en femtedel på tre månader. "
                "Arbetssättet är enkelt att ta efter i andra stadsdelar.",
                measured_result="Plastavfall i restavfallet: 3,4 kg per hushåll och månad "
                "(från 4,2, mål 3,0).",
            )
        )
        for neighbour in neighbours[1:5]:
            db.session.add(Pledge(commitment=plastics, user=neighbour))
        if association:
            db.session.add(Pledge(commitment=plastics, organisation=association))

    energy_proposal, _ = _get_or_add(
        Proposal,
        {"cycle_id": cycle.id, "title": "Energiombud i Husby"},
        theme_id=themes["energy"].id,
        author_id=neighbours[1].id,
        language="sv",
        summary="Boende utbildas till energiombud som hjälper grannar att sänka elräkningen.",
        created_at=cycle.proposing_opens_at + timedelta(days=5),
        updated_at=cycle.proposing_opens_at + timedelta(days=5),
    )
    energy, created = _commitment_from(
        energy_proposal,
        status=CommitmentStatus.ACTIVE,
        owners=[neighbours[1]],
        organisations=[],
        decided_by=facilitator,
        note="Ett enkelt sätt att sänka både utsläpp och hushållens kostnader.",
    )
    if created:
        energy.starts_on = started
    return plastics


def _review_dates(now: datetime) -> dict:
    """A cycle whose year of testing is over and whose review started two weeks ago.

    Its participation window ends long before this year's cycle opens, so the two
    do not overlap."""
    from arena.demo import _phase_dates

    return _phase_dates("review", now)


def _seed_adoption(plastics: Commitment, arena: Arena, now: datetime) -> None:
    """Skärholmen takes up Järva's proven plastics commitment with a lower target."""
    cycle = db.session.scalar(
        select(Cycle).where(Cycle.arena_id == arena.id, Cycle.year == now.year)
    )
    if cycle is None or plastics is None:
        return
    adopted, created = _get_or_add(
        Commitment,
        {"origin_id": plastics.id, "arena_id": arena.id},
        cycle_id=cycle.id,
        title="Sortera plasten rätt i Vårberg",
        description="Järvas sorteringsvärdar, prövade i Tensta 2025, nu i Vårbergs hyreshus.",
        language="sv",
        status=CommitmentStatus.PLANNED,
        created_by_id=_user("facilitator@example.org").id,
    )
    if created:
        adopted.themes = list(plastics.themes)
        adopted.co_benefits = list(plastics.co_benefits)
        begins = _day(cycle.testing_starts_at)
        db.session.add(
            Indicator(
                commitment=adopted,
                name="Plastavfall i restavfallet",
                unit="kg per hushåll och månad",
                direction="down",
                baseline_value=4.5,
                baseline_on=begins,
                target_value=3.8,
                target_on=begins + timedelta(days=300),
                method="Plockanalys av restavfallet i tre hus varje månad",
                reported_by="Vårbergs bostäder",
            )
        )
