"""Builders and database readings shared by the workshop tests."""

from datetime import timedelta

from sqlalchemy import select

from arena.accounts.models import ArenaConnection, User
from arena.audit.models import AuditEntry
from arena.core.time import utcnow
from arena.extensions import db
from arena.proposals.models import Proposal
from arena.workshops.models import AccessCode, Workshop, WorkshopTally
from tests.helpers import count

ROLES = ("anonymous", "resident", "facilitator", "facilitator_elsewhere", "staff", "admin")


def _held_at(cycle):
    """An hour ago, or the day before voting closed if that is earlier; whole minutes,
    as the form records them."""
    held_at = min(utcnow() - timedelta(hours=1), cycle.voting_closes_at - timedelta(days=1))
    return held_at.replace(second=0, microsecond=0)


def add_workshop(cycle, created_by, **values) -> Workshop:
    """A workshop that has taken place, before voting closed (so its dots count)."""
    values.setdefault("held_at", _held_at(cycle))
    values.setdefault("place", "Tensta träff")
    values.setdefault("language", "sv")
    values.setdefault("participant_count", 12)
    workshop = Workshop(cycle=cycle, created_by=created_by, **values)
    db.session.add(workshop)
    db.session.commit()
    return workshop


def add_tallies(workshop, votes: dict) -> None:
    for proposal, value in votes.items():
        db.session.add(WorkshopTally(workshop_id=workshop.id, proposal_id=proposal.id, votes=value))
    db.session.commit()


def tallies_of(workshop) -> dict[int, int]:
    return dict(
        db.session.execute(
            select(WorkshopTally.proposal_id, WorkshopTally.votes).where(
                WorkshopTally.workshop_id == workshop.id
            )
        ).all()
    )


def audit_actions() -> list[str]:
    return list(db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def snapshot() -> dict:
    """Everything a workshop or code action could change, read from the database."""
    workshops = select(
        Workshop.id,
        Workshop.held_at,
        Workshop.place,
        Workshop.language,
        Workshop.participant_count,
        Workshop.notes,
    ).order_by(Workshop.id)
    tallies = select(
        WorkshopTally.workshop_id, WorkshopTally.proposal_id, WorkshopTally.votes
    ).order_by(WorkshopTally.id)
    proposals = select(Proposal.id, Proposal.support_count, Proposal.workshop_id).order_by(
        Proposal.id
    )
    codes = select(AccessCode.id, AccessCode.redeemed_at, AccessCode.redeemed_by_id).order_by(
        AccessCode.id
    )
    return {
        "workshops": [tuple(row) for row in db.session.execute(workshops)],
        "tallies": [tuple(row) for row in db.session.execute(tallies)],
        "proposals": [tuple(row) for row in db.session.execute(proposals)],
        "codes": [tuple(row) for row in db.session.execute(codes)],
        "audit": count(AuditEntry),
        "users": count(User),
        "connections": count(ArenaConnection),
    }


def build_scene(phase, role, *, proposals: int = 1):
    """Järva (with a cycle in `phase`, proposals and a workshop held by its facilitator),
    Skärholmen, and an actor in `role`, added in one commit: the permission tables
    build this hundreds of times, and a commit per row would double their run time."""
    from arena.accounts.models import FacilitatorRole
    from arena.arenas.models import Arena, Cycle, Theme
    from tests import factories

    arena = Arena(name="Järva", slug="jarva", description="Om Järva.")
    elsewhere = Arena(name="Skärholmen", slug="skarholmen", description="Om Skärholmen.")
    dates = factories.cycle_dates(phase)
    cycle = Cycle(arena=arena, year=dates["proposing_opens_at"].year, support_budget=5, **dates)
    theme = db.session.scalar(select(Theme).where(Theme.key == "transport")) or Theme(
        key="transport"
    )

    def person(name, **values):
        user = User(
            email=f"{name}@example.org",
            display_name=f"Namn {name}",
            password_hash=factories.password_hash("x" * 12),
            **values,
        )
        db.session.add(user)
        return user

    author = person("author")
    author.connections.append(ArenaConnection(arena=arena, kind="lives"))
    host = person("host")
    host.facilitator_roles.append(FacilitatorRole(arena=arena))
    made = [
        Proposal(
            cycle=cycle,
            theme=theme,
            author=author,
            title=f"Förslag {n}",
            summary="Kort.",
            language="sv",
        )
        for n in range(1, proposals + 1)
    ]
    workshop = Workshop(
        cycle=cycle,
        created_by=host,
        held_at=_held_at(cycle),
        place="Tensta träff",
        language="sv",
        participant_count=12,
    )
    actor = None
    if role == "resident":
        actor = person("resident")
        actor.connections.append(ArenaConnection(arena=arena, kind="lives"))
    elif role == "facilitator":
        actor = person("facilitator")
        actor.facilitator_roles.append(FacilitatorRole(arena=arena))
    elif role == "facilitator_elsewhere":
        actor = person("elsewhere")
        actor.facilitator_roles.append(FacilitatorRole(arena=elsewhere))
    elif role in ("staff", "admin"):
        actor = person(role, is_staff=role == "staff", is_admin=role == "admin")
    db.session.add_all([arena, elsewhere, cycle, *made, workshop])
    db.session.commit()
    return arena, cycle, made, workshop, actor
