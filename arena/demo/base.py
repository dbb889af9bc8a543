"""Demo data: the five Scale Stockholm arenas with a current cycle each.

Idempotent: every row is looked up by a natural key before it is added, so
running the seed twice changes nothing. Dates are set relative to the first
run, so that at least one arena is proposing, one voting and one testing.
"""

from datetime import datetime, timedelta

from sqlalchemy import select

from arena.accounts.models import ArenaConnection, FacilitatorRole, User
from arena.arenas.models import Arena, CoBenefit, Cycle, Theme
from arena.core.time import utcnow
from arena.demo.common import add_past_support, get_or_add
from arena.demo.data import ARENAS, CO_BENEFITS, DEMO_ACCOUNTS, NEIGHBOURS, PROPOSALS, THEMES
from arena.demo.dates import phase_dates
from arena.extensions import db
from arena.organisations.models import Organisation, OrganisationMember
from arena.proposals.models import Proposal
from arena.representation.demo import seed_representation_demo


def _add_user(email: str, name: str, password: str) -> User:
    user, created = get_or_add(User, {"email": email}, display_name=name, preferred_language="sv")
    if created:
        user.set_password(password)
    if user.verified_at is None:  # demo people can take part straight away
        user.verified_at = user.created_at or utcnow()
    return user


def seed_demo(now: datetime) -> list[tuple[str, str, str]]:
    """Load the demo data; returns the demo accounts as (role, e-mail, password)."""
    themes = {key: get_or_add(Theme, {"key": key}, sort_order=i)[0] for i, key in enumerate(THEMES)}
    benefits = {
        key: get_or_add(CoBenefit, {"key": key}, sort_order=i)[0]
        for i, key in enumerate(CO_BENEFITS)
    }
    arenas, cycles = _seed_arenas(now)
    accounts = _seed_accounts(arenas)
    neighbours = _seed_neighbours(arenas)
    _seed_proposals(cycles, themes, benefits, neighbours)
    db.session.flush()
    _seed_facilitation_demo(now)
    seed_representation_demo(now)
    return accounts


def _seed_arenas(now: datetime) -> tuple[dict, dict]:
    """The five arenas, each with this year's cycle in the phase ARENAS gives it."""
    arenas, cycles = {}, {}
    for order, (slug, name, description, description_en, phase) in enumerate(ARENAS):
        arena, _ = get_or_add(
            Arena,
            {"slug": slug},
            name=name,
            description=description,
            description_en=description_en,
            sort_order=order,
        )
        arenas[slug] = arena
        cycles[slug], _ = get_or_add(
            Cycle,
            {"arena_id": arena.id, "year": now.year},
            support_budget=5,
            introduction="",
            **phase_dates(phase, now),
        )
    return arenas, cycles


def _seed_accounts(arenas: dict) -> list[tuple[str, str, str]]:
    """The demo accounts; the resident lives in Järva, where the facilitator works. The
    one demo facilitator facilitates every arena, so that a visitor signed in as them
    can follow each arena's story from the facilitator's side (and the audit log names
    a person, never "System")."""
    accounts = []
    for email, name, password, role in DEMO_ACCOUNTS:
        user = _add_user(email, name, password)
        user.is_staff = role == "staff"
        user.is_admin = role == "admin"
        accounts.append((role, email, password))
    resident = db.session.scalar(select(User).where(User.email == "resident@example.org"))
    facilitator = db.session.scalar(select(User).where(User.email == "facilitator@example.org"))
    jarva = arenas["jarva"].id
    get_or_add(ArenaConnection, {"user_id": resident.id, "arena_id": jarva}, kind="lives")
    get_or_add(ArenaConnection, {"user_id": facilitator.id, "arena_id": jarva}, kind="works")
    for arena in arenas.values():
        get_or_add(FacilitatorRole, {"user_id": facilitator.id, "arena_id": arena.id})
    return accounts


def _seed_neighbours(arenas: dict) -> list[User]:
    """Neighbours living in every arena, and the tenants' association in Järva."""
    neighbours = []
    for email, name in NEIGHBOURS:
        user = _add_user(email, name, "demo-neighbour-2026")
        for arena in arenas.values():
            get_or_add(ArenaConnection, {"user_id": user.id, "arena_id": arena.id}, kind="lives")
        neighbours.append(user)
    association, _ = get_or_add(
        Organisation,
        {"name": "Hyresgästföreningen Tensta (demo)"},
        kind="association",
        description="Hyresgästförening som driver verktygsbibliotek och odlingar.",
    )
    if not association.arenas:
        association.arenas.append(arenas["jarva"])
    get_or_add(
        OrganisationMember,
        {"organisation_id": association.id, "user_id": neighbours[0].id},
        is_admin=True,
    )
    return neighbours


def _seed_proposals(cycles: dict, themes: dict, benefits: dict, neighbours: list) -> None:
    for index, (slug, theme, language, title, summary, tags, support_from) in enumerate(PROPOSALS):
        cycle = cycles[slug]
        proposal, created = get_or_add(
            Proposal,
            {"cycle_id": cycle.id, "title": title},
            theme_id=themes[theme].id,
            author_id=neighbours[index % len(neighbours)].id,
            summary=summary,
            language=language,
            # Spread creation times over the proposing phase, newest last.
            created_at=cycle.proposing_opens_at + timedelta(hours=6 * index + 1),
            updated_at=cycle.proposing_opens_at + timedelta(hours=6 * index + 1),
        )
        if created:
            proposal.co_benefits = [benefits[tag] for tag in tags]
            for supporter in neighbours[:support_from]:
                add_past_support(supporter, proposal, cycle.voting_opens_at)


def _seed_facilitation_demo(now: datetime) -> None:
    """What facilitators add: a workshop, a discussion with a report, a hidden
    comment and a merge in Järva, and the selection in Innerstaden."""
    from arena.demo.followup import seed_followup_demo
    from arena.moderation.demo import seed_moderation_demo
    from arena.selections.demo import seed_selection_demo
    from arena.workshops.demo import seed_workshop_demo

    seed_workshop_demo(now)
    seed_moderation_demo(now)
    seed_selection_demo(now)
    seed_followup_demo(now)
    db.session.flush()
    from arena.demo.following import seed_following_demo

    seed_following_demo(now)
    db.session.flush()
