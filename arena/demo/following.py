"""Demo following, idempotent: the demo resident follows Järva and a commitment being
tested in Stockholm Green Innovation District, and has a few notices to read (one
already read), so "What's new for you" and the count in the navigation show something."""

from datetime import datetime, timedelta

from sqlalchemy import func, select, update

from arena.arenas.models import Arena
from arena.commitments.models import Commitment
from arena.demo.common import get_or_add, user_by_email
from arena.extensions import db
from arena.following.models import Follow, Notice, NoticeKind
from arena.following.notices import create_notices

RESIDENT = "resident@example.org"


def seed_following_demo(now: datetime) -> None:
    resident = user_by_email(RESIDENT)
    jarva = db.session.scalar(select(Arena).where(Arena.slug == "jarva"))
    sgid = db.session.scalar(select(Arena).where(Arena.slug == "sgid"))
    if resident is None or jarva is None:
        return
    get_or_add(Follow, {"user_id": resident.id, "arena_id": jarva.id}, created_at=now)
    commitment = (
        db.session.scalar(
            select(Commitment).where(Commitment.arena_id == sgid.id).order_by(Commitment.id)
        )
        if sgid is not None
        else None
    )
    if commitment is not None:
        get_or_add(Follow, {"user_id": resident.id, "commitment_id": commitment.id}, created_at=now)
    db.session.flush()
    if db.session.scalar(select(func.count()).where(Notice.user_id == resident.id)):
        return
    earlier = now - timedelta(days=3)
    create_notices(
        [resident.id], kind=NoticeKind.PHASE, now=earlier, arena_id=jarva.id, detail="voting"
    )
    if commitment is not None:
        create_notices(
            [resident.id],
            kind=NoticeKind.CHECK_IN,
            now=now - timedelta(hours=5),
            arena_id=commitment.arena_id,
            commitment_id=commitment.id,
            detail="Fler hushåll sorterar matavfall sedan förra månaden.",
        )
    # The oldest one is read already; the others are new. None waits for a digest.
    db.session.execute(
        update(Notice).where(Notice.user_id == resident.id).values(mailed_at=now, read_at=None)
    )
    db.session.execute(
        update(Notice)
        .where(Notice.user_id == resident.id, Notice.created_at == earlier)
        .values(read_at=now)
    )
