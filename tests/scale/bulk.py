"""Many rows at once, through Core inserts: enough proposals, supports and comments that
a planner prefers an index to a scan, in well under a second."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import func, insert, select

from arena.accounts.models import FacilitatorRole, User
from arena.arenas.models import Arena, Cycle, Theme
from arena.core.time import utcnow
from arena.extensions import db
from arena.moderation.models import Report
from arena.proposals.models import Comment, Proposal, ProposalStatus, Support

THEMES = ("transport", "energy", "food", "plastics", "nature")
_serial = itertools.count(1)


@dataclass
class Scene:
    """What the pages under test are about: one arena's cycle among other cycles."""

    arena: Arena
    cycle: Cycle
    themes: list[Theme]
    users: list[int] = field(default_factory=list)
    proposals: list[int] = field(default_factory=list)


def themes(make) -> list[Theme]:
    return [make.theme(key, sort_order=n) for n, key in enumerate(THEMES)]


def add_users(count: int) -> list[int]:
    first = next(_serial)
    for _ in range(count):
        next(_serial)
    rows = [
        {
            "email": f"bulk{first}-{n}@example.org",
            "stored_name": f"Person {first}-{n}",
            "password_hash": None,
            "session_token": f"bulk-{first}-{n}",
            "verified_at": utcnow(),
        }
        for n in range(count)
    ]
    db.session.execute(insert(User), rows)
    emails = [row["email"] for row in rows]
    return list(db.session.scalars(select(User.id).where(User.email.in_(emails))))


def _status(n: int) -> dict:
    """Mostly published; some hidden, withdrawn, selected or merged, as a real cycle has."""
    if n % 50 == 7:
        return {"status": ProposalStatus.WITHDRAWN}
    if n % 50 == 13:
        return {"status": ProposalStatus.PUBLISHED, "hidden_at": utcnow(), "hidden_reason": "Spam"}
    if n % 25 == 3:
        return {"status": ProposalStatus.SELECTED}
    return {"status": ProposalStatus.PUBLISHED}


def add_proposals(cycle: Cycle, theme_ids: list[int], user_ids: list[int], count: int) -> list[int]:
    start = utcnow() - timedelta(days=30)
    base = next(_serial) * 1_000_000
    before = db.session.scalar(select(func.max(Proposal.id))) or 0
    rows = []
    for n in range(count):
        rows.append(
            {
                "cycle_id": cycle.id,
                "theme_id": theme_ids[n % len(theme_ids)],
                "author_id": user_ids[n % len(user_ids)],
                "title": f"Förslag {base + n}",
                "summary": f"Sammanfattning av förslag {n}.",
                # A real body is long: a list that read it would carry it in every row.
                "body": "Lång text om förslaget. " * 40,
                "language": "sv",
                "climate_effect": "",
                "support_count": (n * 7919) % 97,
                "created_at": start + timedelta(minutes=n),
                "updated_at": start + timedelta(minutes=n),
                "hidden_at": None,
                "hidden_reason": None,
                **_status(n),
            }
        )
    db.session.execute(insert(Proposal), rows)
    return list(
        db.session.scalars(
            select(Proposal.id)
            .where(Proposal.cycle_id == cycle.id, Proposal.id > before)
            .order_by(Proposal.id)
        )
    )


def merge(duplicates: list[int], into: int) -> None:
    db.session.execute(
        Proposal.__table__.update()
        .where(Proposal.id.in_(duplicates))
        .values(status=ProposalStatus.MERGED, merged_into_id=into)
    )


def add_supports(proposal_ids: list[int], user_ids: list[int], per_proposal: int) -> None:
    rows = [
        {"proposal_id": proposal_id, "user_id": user_ids[(i * 31 + k) % len(user_ids)]}
        for i, proposal_id in enumerate(proposal_ids)
        for k in range(min(per_proposal, len(user_ids)))
    ]
    db.session.execute(insert(Support), rows)


def add_comments(proposal_ids: list[int], user_ids: list[int], per_proposal: int) -> None:
    rows = [
        {
            "proposal_id": proposal_id,
            "author_id": user_ids[(i + k) % len(user_ids)],
            "body": "En kommentar.",
            "language": "sv",
            "created_at": utcnow() - timedelta(hours=k),
        }
        for i, proposal_id in enumerate(proposal_ids)
        for k in range(per_proposal)
    ]
    db.session.execute(insert(Comment), rows)


def add_thread(proposal_id: int, user_ids: list[int], comments: int, replies: int) -> None:
    """`comments` comments on one proposal, each with `replies` replies."""
    before = db.session.scalar(select(func.max(Comment.id))) or 0
    add_comments([proposal_id], user_ids, comments)
    parents = db.session.scalars(
        select(Comment.id).where(Comment.proposal_id == proposal_id, Comment.id > before)
    )
    rows = [
        {
            "proposal_id": proposal_id,
            "parent_id": parent,
            "author_id": user_ids[(parent + k) % len(user_ids)],
            "body": "Ett svar.",
            "language": "sv",
            "created_at": utcnow() - timedelta(minutes=k),
        }
        for parent in list(parents)
        for k in range(replies)
    ]
    if rows:
        db.session.execute(insert(Comment), rows)


def staff_facilitator(scene: Scene) -> User:
    """One of the scene's people, made city staff and the arena's facilitator."""
    person = db.session.get(User, scene.users[0])
    person.is_staff = True
    db.session.add(FacilitatorRole(user_id=person.id, arena_id=scene.arena.id))
    db.session.flush()
    return person


def add_reports(scene: Scene, proposal_ids: list[int]) -> None:
    """One open report on each of these proposals, by different people."""
    rows = [
        {
            "arena_id": scene.arena.id,
            "proposal_id": proposal_id,
            "reporter_id": scene.users[(n + 1) % len(scene.users)],
            "reason": "spam",
            "note": "",
        }
        for n, proposal_id in enumerate(proposal_ids)
    ]
    db.session.execute(insert(Report), rows)


def build(make, *, phase: str, proposals: int, other_cycles: int = 0, users: int = 200) -> Scene:
    """An arena whose cycle (in `phase`) has `proposals` proposals with supports and
    comments, beside `other_cycles` other cycles of as many proposals each."""
    found = themes(make)
    theme_ids = [t.id for t in found]
    arena = make.arena()
    cycle = make.cycle(arena, phase=phase)
    scene = Scene(arena=arena, cycle=cycle, themes=found, users=add_users(users))
    for _ in range(other_cycles):
        other = make.cycle(make.arena(), phase=phase)
        add_proposals(other, theme_ids, scene.users, proposals)
    grow(scene, proposals)
    return scene


def grow(scene: Scene, count: int) -> None:
    """`count` more proposals in the scene's cycle, with supports and comments."""
    if count <= 0:
        return
    theme_ids = [t.id for t in scene.themes]
    added = add_proposals(scene.cycle, theme_ids, scene.users, count)
    add_supports(added, scene.users, 3)
    add_comments(added[::10], scene.users, 2)
    scene.proposals.extend(added)
    db.session.commit()
