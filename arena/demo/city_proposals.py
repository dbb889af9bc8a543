"""The city's proposals, their supports and each person's budget used.

Supports go to a few popular proposals far more than to most (a long tail, as in
real voting), never twice from one person to one proposal, and each person gives at
most the cycle's budget. The counters are then recounted from the rows by the
database itself, so they agree with the rows by construction.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, update

from arena.arenas.models import CoBenefit
from arena.demo import city_text
from arena.demo.city_bulk import next_id
from arena.demo.city_plan import (
    City,
    CityCycle,
    moment,
    popularity,
    share_out,
    voting_has_opened,
)
from arena.extensions import db
from arena.proposals.models import (
    Participation,
    Proposal,
    ProposalStatus,
    Support,
    proposal_co_benefits,
)

HIDDEN_SHARE = 0.01
MERGED_SHARE = 0.005
ENGLISH_SHARE = 0.1


def add_proposals(city: City) -> None:
    """Each cycle's share of the proposals, created during its proposing phase."""
    benefits = list(db.session.scalars(select(CoBenefit.id)))
    next_proposal = next_id(Proposal.__table__)
    counts = share_out(city.sizes.proposals, [c.share for c in city.cycles])
    for item, count in zip(city.cycles, counts, strict=True):
        cycle = item.cycle
        end = min(cycle.voting_opens_at, city.now)
        times = sorted(moment(city.rng, cycle.proposing_opens_at, end) for _ in range(count))
        for created_at in times:
            _add_proposal(city, item, next_proposal, created_at)
            next_proposal += 1
        city.rng.shuffle(item.supportable)  # the order of popularity
    city.writer.flush(Proposal.__table__)
    links = proposal_co_benefits
    for item in city.cycles:
        for proposal_id in item.proposal_ids:
            for benefit in city.rng.sample(benefits, city.rng.randrange(3)):
                city.writer.add(links, {"proposal_id": proposal_id, "co_benefit_id": benefit})
    city.writer.flush(links)


def _add_proposal(city: City, item: CityCycle, proposal_id: int, created_at: datetime) -> None:
    rng = city.rng
    row = {
        "id": proposal_id,
        "cycle_id": item.cycle.id,
        "theme_id": rng.choice(city.theme_ids),
        "author_id": rng.choice(item.people) if item.people else city.facilitator_id,
        "title": city_text.title(rng),
        "summary": city_text.summary(rng),
        "body": city_text.body(rng),
        "climate_effect": city_text.climate_effect(rng),
        "language": "en" if rng.random() < ENGLISH_SHARE else "sv",
        "status": ProposalStatus.PUBLISHED,
        "support_count": 0,
        "created_at": created_at,
        "updated_at": created_at,
        "is_auto_hidden": False,
    }
    chance = rng.random()
    if chance < MERGED_SHARE and item.listed:
        # A duplicate merged into an older proposal: its supports moved there.
        row["status"] = ProposalStatus.MERGED
        row["merged_into_id"] = rng.choice(item.listed)
    elif chance < MERGED_SHARE + HIDDEN_SHARE:
        row["hidden_at"] = moment(rng, created_at, city.now)
        row["hidden_reason"] = "Bryter mot reglerna för förslag."
        row["hidden_by_id"] = city.facilitator_id
        item.supportable.append(proposal_id)  # supported before it was hidden
    else:
        item.supportable.append(proposal_id)
        item.listed.append(proposal_id)
    item.proposal_ids.append(proposal_id)
    item.created_at.append(created_at)
    city.writer.add(Proposal.__table__, row)


def add_supports(city: City) -> None:
    """Each cycle's share of the supports, given during its voting."""
    for item in city.cycles:
        if item.supports and voting_has_opened(city, item.cycle):
            _supports_in(city, item)
    city.writer.flush(Support.__table__, Participation.__table__)


def count_supports(city: City) -> None:
    """Every proposal's count of supports, recounted from the rows by the database."""
    counted = (
        select(Support.proposal_id, func.count().label("supports"))
        .group_by(Support.proposal_id)
        .subquery()
    )
    db.session.execute(
        update(Proposal)
        .where(Proposal.id == counted.c.proposal_id)
        .values(support_count=counted.c.supports),
        execution_options={"synchronize_session": False},
    )


def _supports_in(city: City, item: CityCycle) -> None:
    rng, cycle = city.rng, item.cycle
    cap = min(cycle.support_budget, len(item.supportable))
    per_person = _spread(city, item.supports, len(item.people), cap)
    # Popularity falls off with rank: the first proposals draw most supports.
    cum_weights = popularity(len(item.supportable), 0.9)
    end = min(cycle.voting_closes_at, city.now)
    for user_id, count in zip(item.people, per_person, strict=True):
        if not count:
            continue
        chosen: set[int] = set()
        while len(chosen) < count:
            chosen.update(
                rng.choices(item.supportable, cum_weights=cum_weights, k=count - len(chosen))
            )
        for proposal_id in chosen:
            city.writer.add(
                Support.__table__,
                {
                    "proposal_id": proposal_id,
                    "user_id": user_id,
                    "created_at": moment(rng, cycle.voting_opens_at, end),
                },
            )
        city.writer.add(
            Participation.__table__,
            {"user_id": user_id, "cycle_id": cycle.id, "supports_used": count},
        )


def _spread(city: City, total: int, people: int, cap: int) -> list[int]:
    """How many supports each of `people` gives: `total` in all, none above `cap`, and
    varied (some use the whole budget, some give a couple)."""
    mean = total / max(people, 1)
    counts = [min(cap, max(0, round(city.rng.gauss(mean, mean / 2)))) for _ in range(people)]
    missing = total - sum(counts)
    order = list(range(people))
    while missing:
        city.rng.shuffle(order)
        step = 1 if missing > 0 else -1
        for i in order:
            if missing and 0 <= counts[i] + step <= cap:
                counts[i] += step
                missing -= step
    return counts
