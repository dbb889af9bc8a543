"""Demo data for selection: Innerstaden (in its selection phase in the demo) has two
proposals selected, with their commitments, and one not selected.

Idempotent: a proposal that already has a decision is left alone, so running
it twice changes nothing. Run it after `arena.demo.seed_demo`; without the
Innerstaden arena and its proposals it does nothing.
"""

from datetime import datetime

from sqlalchemy import select

from arena.accounts.models import FacilitatorRole
from arena.arenas.models import Arena, Cycle
from arena.extensions import db
from arena.proposals.models import Proposal, ProposalStatus
from arena.selections import services

ARENA_SLUG = "innerstaden"

# (proposal title, selected?, public motivation)
DECISIONS = [
    (
        "Second hand-karta för Södermalm",
        True,
        "Flest stöd online, och flera butiker och reparatörer har lovat att vara med från start.",
    ),
    (
        "Sommargågata på Kungsholmen",
        True,
        "Många vill pröva en bilfri sommargata, och stadsdelsförvaltningen kan ordna "
        "tillstånden i tid.",
    ),
    (
        "Energy advice for small shops",
        False,
        "Few supports this year, and the city's energy advice service already offers "
        "free check-ups; we point shop owners there.",
    ),
]


def seed_selection_demo(now: datetime) -> None:
    """Decide on three of Innerstaden's proposals; flushes, never commits."""
    arena = db.session.scalar(select(Arena).where(Arena.slug == ARENA_SLUG))
    if arena is None:
        return
    cycle = db.session.scalar(
        select(Cycle).where(Cycle.arena_id == arena.id).order_by(Cycle.year.desc()).limit(1)
    )
    if cycle is None:
        return
    # Decisions are credited to one of the arena's facilitators when it has any.
    role = db.session.scalar(
        select(FacilitatorRole).where(FacilitatorRole.arena_id == arena.id).limit(1)
    )
    actor = role.user if role is not None else None
    for title, selected, motivation in DECISIONS:
        proposal = db.session.scalar(
            select(Proposal).where(Proposal.cycle_id == cycle.id, Proposal.title == title)
        )
        if proposal is None or proposal.status != ProposalStatus.PUBLISHED or proposal.is_hidden:
            continue
        if selected:
            services.record_selection(
                actor,
                proposal,
                now=now,
                motivation=motivation,
                title=proposal.title,
                description=proposal.summary,
                owner_users=[proposal.author] if proposal.author else [],
                owner_organisations=[proposal.organisation] if proposal.organisation else [],
            )
        else:
            services.record_non_selection(actor, proposal, now=now, motivation=motivation)
    db.session.flush()
