"""The city's comments and workshops, and the commitments made from the most
supported proposals of each cycle past voting, with monthly measured check-ins."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from sqlalchemy import bindparam, select, update

from arena.accounts.models import User
from arena.commitments.models import (
    CheckIn,
    Commitment,
    CommitmentStatus,
    Indicator,
    commitment_owner_users,
    commitment_proposals,
    commitment_themes,
)
from arena.core.time import local_day
from arena.demo import city_checkins, city_text
from arena.demo.city_bulk import fix_sequences, next_id
from arena.demo.city_plan import City, CityCycle, moment, popularity, share_out
from arena.extensions import db
from arena.proposals.models import Comment, Proposal, ProposalStatus
from arena.workshops.models import Workshop, WorkshopTally

REPLY_SHARE = 0.3
HIDDEN_SHARE = 0.01
TALLIES_PER_WORKSHOP = 6


def add_comments(city: City) -> None:
    """Comments while comments are open (proposing to selection); the popular proposals
    get more, and about a third answer an earlier comment on the same proposal."""
    next_comment = next_id(Comment.__table__)
    items = [c for c in city.cycles if c.supportable]
    counts = share_out(city.sizes.comments, [len(c.proposal_ids) for c in items])
    for item, count in zip(items, counts, strict=True):
        created = dict(zip(item.proposal_ids, item.created_at, strict=True))
        end = min(item.cycle.testing_starts_at, city.now)
        weights = popularity(len(item.supportable), 0.6)
        targets = Counter(city.rng.choices(item.supportable, cum_weights=weights, k=count))
        for proposal_id in sorted(targets):
            times = [
                moment(city.rng, created[proposal_id], end) for _ in range(targets[proposal_id])
            ]
            next_comment = _thread(city, item, proposal_id, sorted(times), next_comment)
    city.writer.flush(Comment.__table__)


def _thread(city: City, item: CityCycle, proposal_id: int, times: list, next_comment: int) -> int:
    rng, top_level = city.rng, []
    for at in times:
        parent = rng.choice(top_level) if top_level and rng.random() < REPLY_SHARE else None
        row = {
            "id": next_comment,
            "proposal_id": proposal_id,
            "author_id": rng.choice(item.people) if item.people else city.facilitator_id,
            "parent_id": parent,
            "body": city_text.comment(rng),
            "language": "sv",
            "created_at": at,
            "is_auto_hidden": False,
        }
        if rng.random() < HIDDEN_SHARE:
            row |= {
                "hidden_at": moment(rng, at, city.now),
                "hidden_reason": "Personangrepp.",
                "hidden_by_id": city.facilitator_id,
            }
        if parent is None:
            top_level.append(next_comment)
        city.writer.add(Comment.__table__, row)
        next_comment += 1
    return next_comment


def add_workshops(city: City) -> None:
    """Workshops held in each cycle, each with dot votes for proposals that existed then."""
    next_workshop = next_id(Workshop.__table__)
    counts = share_out(city.sizes.workshops, [c.share for c in city.cycles])
    tallies = []
    for item, count in zip(city.cycles, counts, strict=True):
        cycle = item.cycle
        for _ in range(count):
            held_at = moment(
                city.rng, cycle.proposing_opens_at, min(cycle.testing_starts_at, city.now)
            )
            people = city.rng.randint(8, 60)
            city.writer.add(
                Workshop.__table__,
                {
                    "id": next_workshop,
                    "cycle_id": cycle.id,
                    "held_at": held_at,
                    "place": f"{city.rng.choice(city_text.PLACES)}, biblioteket",
                    "language": "sv",
                    "participant_count": people,
                    "notes": "Anteckningar från väggen med förslag.",
                    "created_by_id": city.facilitator_id,
                    "created_at": held_at,
                    "updated_at": held_at,
                },
            )
            tallies += _tallies(city, item, next_workshop, held_at, people)
            next_workshop += 1
    city.writer.flush(Workshop.__table__)
    city.writer.add_all(WorkshopTally.__table__, tallies)
    city.writer.flush(WorkshopTally.__table__)


def _tallies(city: City, item: CityCycle, workshop_id: int, held_at, people: int) -> list:
    created = dict(zip(item.proposal_ids, item.created_at, strict=True))
    known = [p for p in item.listed[: TALLIES_PER_WORKSHOP * 20] if created[p] < held_at]
    chosen = city.rng.sample(known, min(TALLIES_PER_WORKSHOP, len(known)))
    return [
        {"workshop_id": workshop_id, "proposal_id": p, "votes": city.rng.randint(0, people)}
        for p in chosen
    ]


def add_commitments(city: City) -> None:
    """In each cycle whose voting has closed, the most supported listed proposals are
    selected and become commitments, each with an indicator and, once testing has
    started, a measured check-in every month."""
    decided = [c for c in city.cycles if city.now >= c.cycle.voting_closes_at]
    counts = share_out(city.sizes.commitments, [c.share for c in decided]) if decided else []
    next_commitment = next_id(Commitment.__table__)
    made, decisions = [], []
    for item, count in zip(decided, counts, strict=True):
        decided_at = min(item.cycle.voting_closes_at + timedelta(days=3), city.now)
        for proposal in _most_supported(item, count):
            made.append(_commitment(city, item, proposal, next_commitment, decided_at))
            decisions.append({"proposal": proposal.id, "at": decided_at})
            next_commitment += 1
    if decisions:
        _select(decisions)
    city.writer.flush(Commitment.__table__)
    for table in (commitment_proposals, commitment_owner_users, commitment_themes):
        city.writer.flush(table)
    city_checkins.add_indicators_and_check_ins(city, made)


def _most_supported(item: CityCycle, count: int) -> list:
    return db.session.execute(
        select(Proposal.id, Proposal.title, Proposal.summary, Proposal.language)
        .add_columns(Proposal.author_id, Proposal.theme_id)
        .where(
            Proposal.cycle_id == item.cycle.id,
            Proposal.status == ProposalStatus.PUBLISHED,
            Proposal.hidden_at.is_(None),
        )
        .order_by(Proposal.support_count.desc(), Proposal.id)
        .limit(count)
    ).all()


def _select(decisions: list[dict]) -> None:
    """The facilitators' decisions, three days after voting closed."""
    table = Proposal.__table__
    db.session.execute(
        update(table)
        .where(table.c.id == bindparam("proposal"))
        .values(
            status=ProposalStatus.SELECTED,
            decision_note="Flest stöd i omröstningen och en tydlig ägare.",
            decided_at=bindparam("at"),
            updated_at=bindparam("at"),
        ),
        decisions,
    )


def _commitment(city: City, item: CityCycle, proposal, commitment_id: int, decided_at) -> dict:
    cycle = item.cycle
    testing = city.now >= cycle.testing_starts_at
    owner = proposal.author_id or city.facilitator_id
    row = {
        "id": commitment_id,
        "arena_id": cycle.arena_id,
        "cycle_id": cycle.id,
        "title": proposal.title[:160],
        "description": proposal.summary,
        "language": proposal.language,
        "status": CommitmentStatus.ACTIVE if testing else CommitmentStatus.PLANNED,
        "starts_on": local_day(cycle.testing_starts_at),
        "ends_on": local_day(cycle.review_starts_at),
        "check_in_interval_days": 30,
        "created_by_id": city.facilitator_id,
        "created_at": decided_at,
        "updated_at": decided_at,
    }
    writer = city.writer
    writer.add(Commitment.__table__, row)
    link = {"commitment_id": commitment_id}
    writer.add(commitment_proposals, link | {"proposal_id": proposal.id})
    writer.add(commitment_owner_users, link | {"user_id": owner})
    writer.add(commitment_themes, link | {"theme_id": proposal.theme_id})
    return row | {"owner_id": owner}


def finish(city: City) -> None:
    """Move PostgreSQL's id sequences past the ids given here."""
    fix_sequences(
        *(
            model.__table__
            for model in (User, Proposal, Comment, Workshop, Commitment, Indicator, CheckIn)
        )
    )
