"""Demo reviews: Järva's 2025 cycle in review, one commitment scaled up and waiting
ones, and Skärholmen adopting the scaled-up one."""

from datetime import date, datetime, timedelta

from sqlalchemy import select

from arena.arenas.models import Arena, Cycle, Theme
from arena.commitments import pledges
from arena.commitments.models import Commitment, CommitmentStatus
from arena.core.time import local_day
from arena.demo.common import (
    add_past_support,
    date_audit_entry,
    get_or_add,
    neighbours,
    user_by_email,
)
from arena.demo.dates import phase_dates
from arena.demo.selected import add_indicator, commitment_from, measure
from arena.extensions import db
from arena.organisations.models import Organisation
from arena.proposals.models import Proposal
from arena.reviews import services as review_services
from arena.reviews.queries import IndicatorPlan


def _plastics_indicator(baseline: float, target: float, begins: date, reported_by: str) -> dict:
    """The plastics indicator, measured the same way by the arena that adopts the commitment."""
    return {
        "name": "Plastavfall i restavfallet",
        "unit": "kg per hushåll och månad",
        "direction": "down",
        "baseline_value": baseline,
        "baseline_on": begins,
        "target_value": target,
        "target_on": begins + timedelta(days=300),
        "method": "Plockanalys av restavfallet i tre hus varje månad",
        "reported_by": reported_by,
    }


def _proposal(cycle, title, theme, author, summary, *, days_in: int, supporters=()) -> Proposal:
    """A Swedish proposal made `days_in` days after proposing opened in `cycle`, supported
    by `supporters` while the vote was open (counters kept in step)."""
    made = cycle.proposing_opens_at + timedelta(days=days_in)
    proposal, created = get_or_add(
        Proposal,
        {"cycle_id": cycle.id, "title": title},
        theme_id=theme.id,
        author_id=author.id,
        language="sv",
        summary=summary,
        created_at=made,
        updated_at=made,
    )
    if created:
        for hours, supporter in enumerate(supporters, start=1):
            add_past_support(supporter, proposal, cycle.voting_opens_at + timedelta(hours=hours))
    return proposal


def _active_commitment(proposal: Proposal, *, organisations, decided_by, note: str):
    """A selected proposal's commitment under way (the scale-up review below changes the
    plastics one), owned by the proposal's author."""
    return commitment_from(
        proposal,
        status=CommitmentStatus.ACTIVE,
        owners=[proposal.author],
        organisations=organisations,
        decided_by=decided_by,
        note=note,
    )


def seed_jarva_review(arena: Arena, now: datetime) -> Commitment:
    """Järva's 2025 cycle, in review: one commitment reviewed "scale up", one waiting."""
    cycle, _ = get_or_add(
        Cycle,
        {"arena_id": arena.id, "year": now.year - 1},
        support_budget=5,
        introduction="",
        **review_dates(now),
    )
    facilitator = user_by_email("facilitator@example.org")
    association = db.session.scalar(
        select(Organisation).where(Organisation.name == "Hyresgästföreningen Tensta (demo)")
    )
    people = neighbours()
    themes = {t.key: t for t in db.session.scalars(select(Theme))}
    started = local_day(cycle.testing_starts_at)

    plastics, created = _active_commitment(
        _proposal(
            cycle,
            "Sortera plasten rätt i Tensta",
            themes["plastics"],
            people[0],
            "Sorteringsvärdar i varje hus hjälper grannarna att få plasten ur restavfallet.",
            days_in=3,
            supporters=people,
        ),
        organisations=[association] if association else [],
        decided_by=facilitator,
        note="Flest stöd, och hyresgästföreningen tar ansvar för genomförandet.",
    )
    if created:
        _follow_up_plastics(plastics, cycle, started, people, facilitator, association, now)
    energy, created = _active_commitment(
        _proposal(
            cycle,
            "Energiombud i Husby",
            themes["energy"],
            people[1],
            "Boende utbildas till energiombud som hjälper grannar att sänka elräkningen.",
            days_in=5,
            supporters=people[1:5],
        ),
        organisations=[],
        decided_by=facilitator,
        note="Ett enkelt sätt att sänka både utsläpp och hushållens kostnader.",
    )
    if created:
        energy.starts_on = started
    return plastics


def _follow_up_plastics(plastics, cycle, started, people, facilitator, association, now):
    """The plastics commitment's indicator and three readings by its owner, the
    neighbours and the association joining, then the facilitator's scale-up review
    two days into the review phase: all through the features' services."""
    plastics.starts_on = started
    owner = people[0]
    measure_plastics = _plastics_indicator(4.2, 3.0, started, "Hyresgästföreningen Tensta")
    indicator = add_indicator(owner, plastics, now, **measure_plastics)
    for month, value in enumerate((3.9, 3.6, 3.4), start=1):
        reported_on = started + timedelta(days=30 * month)
        measure(plastics, {indicator: value}, reported_on, owner, "Plockanalys i tre hus.", now)
    for neighbour in people[1:5]:
        pledges.pledge(neighbour, plastics, now=now)
    if association:
        pledges.pledge_organisation(owner, plastics, association, now=now)
    reviewed_at = cycle.review_starts_at + timedelta(days=2)
    review_services.review_commitment(
        facilitator,
        plastics,
        now=reviewed_at,
        outcome="scale_up",
        rationale="Plasten i restavfallet minskade med en femtedel på tre månader. "
        "Arbetssättet är enkelt att ta efter i andra stadsdelar.",
        measured_result="Plastavfall i restavfallet: 3,4 kg per hushåll och månad "
        "(från 4,2, mål 3,0).",
    )
    date_audit_entry("commitment.review", plastics, reviewed_at)


def review_dates(now: datetime) -> dict:
    """A cycle whose year of testing is over and whose review started two weeks ago.

    Its participation window ends long before this year's cycle opens, so the two
    do not overlap."""
    return phase_dates("review", now)


def seed_adoption(plastics: Commitment, arena: Arena, now: datetime) -> None:
    """Skärholmen's facilitator takes up Järva's proven plastics commitment with a lower
    target, through the adoption service (rules, copied indicators, audit row)."""
    cycle = db.session.scalar(
        select(Cycle).where(Cycle.arena_id == arena.id, Cycle.year == now.year)
    )
    if cycle is None or plastics is None or plastics.status != CommitmentStatus.SCALED_UP:
        return
    if db.session.scalar(
        select(Commitment.id).where(
            Commitment.origin_id == plastics.id, Commitment.arena_id == arena.id
        )
    ):
        return
    facilitator = user_by_email("facilitator@example.org")
    db.session.expire(facilitator, ["facilitator_roles"])  # roles added in this session
    begins = local_day(cycle.testing_starts_at)
    measured = _plastics_indicator(4.5, 3.8, begins, "Vårbergs bostäder")
    plans = [
        IndicatorPlan(
            source_id=indicator.id,
            baseline_value=measured["baseline_value"],
            baseline_on=measured["baseline_on"],
            target_value=measured["target_value"],
            target_on=measured["target_on"],
        )
        for indicator in plastics.indicators
    ]
    landlord = db.session.scalar(
        select(Organisation).where(Organisation.name == "Vårbergs bostäder (demo)")
    )
    review_services.adopt_commitment(
        facilitator,
        plastics,
        arena,
        now=now,
        title="Sortera plasten rätt i Vårberg",
        description="Järvas sorteringsvärdar, prövade i Tensta 2025, nu i Vårbergs hyreshus.",
        indicators=plans,
        owner_organisations=[landlord] if landlord else [],
    )
