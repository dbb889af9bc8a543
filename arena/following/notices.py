"""Making notices: one row per follower, in the transaction of the change itself.

The feature that changes something calls one of the `tell_*` functions right
after its own writes, so the notices exist exactly when the change is committed.
The person who made the change is never told about it. Followers who want mail
at once get it queued in the same transaction; the rest wait for their digest.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, insert, or_, select, update

from arena.accounts.models import User
from arena.accounts.rules import has_confirmed_address
from arena.extensions import db
from arena.following import followers, mails
from arena.following.models import (
    MailFrequency,
    Notice,
    NoticeKind,
    NoticeSetting,
    TargetKind,
)

MAX_DETAIL = 600  # a check-in's note is cut to this in notices


def _recipients(kind: TargetKind, target_id: int, actor) -> list[int]:
    actor_id = getattr(actor, "id", None)
    return [uid for uid in followers.list_follower_ids(kind, target_id) if uid != actor_id]


def create_notices(user_ids, *, kind: NoticeKind, now: datetime, **values) -> int:
    """Add the notice for each of `user_ids`; mail it now to those who want that, and mark
    it as mailed for those who want no mail. Returns how many were made."""
    user_ids = list(user_ids)
    if not user_ids:
        return 0
    values = {
        "arena_id": None,
        "proposal_id": None,
        "commitment_id": None,
        "related_id": None,
        "detail": "",
        **values,
    }
    values["detail"] = (values["detail"] or "")[:MAX_DETAIL]
    db.session.execute(
        insert(Notice),
        [{"user_id": uid, "kind": str(kind), "created_at": now, **values} for uid in user_ids],
    )
    _mail_at_once(user_ids, kind, now, values)
    return len(user_ids)


def _mail_at_once(user_ids, kind, now, values) -> None:
    choices = dict(
        db.session.execute(
            select(NoticeSetting.user_id, NoticeSetting.frequency).where(
                NoticeSetting.user_id.in_(user_ids)
            )
        ).all()
    )
    immediate = [uid for uid in user_ids if choices.get(uid) == MailFrequency.IMMEDIATELY]
    silent = [uid for uid in user_ids if choices.get(uid) == MailFrequency.NONE]
    fresh = (Notice.created_at == now) & (Notice.kind == str(kind)) & Notice.mailed_at.is_(None)
    if silent:
        db.session.execute(
            update(Notice)
            .where(fresh, Notice.user_id.in_(silent))
            .values(mailed_at=now)
            .execution_options(synchronize_session=False)
        )
    if not immediate:
        return
    notices = db.session.scalars(
        select(Notice).where(fresh, Notice.user_id.in_(immediate)).order_by(Notice.id)
    ).all()
    people = {
        u.id: u
        for u in db.session.scalars(
            select(User).where(User.id.in_(immediate), User.email.is_not(None))
        )
    }
    for notice in notices:
        person = people.get(notice.user_id)
        if person is not None and has_confirmed_address(person):
            mails.queue_notice_mail(person, notice)
        notice.mailed_at = now
    db.session.flush()


def tell_proposal_followers(actor, proposal, kind: NoticeKind, *, now, detail="", related_id=None):
    """A followed proposal was selected, not selected, hidden or merged."""
    return create_notices(
        _recipients(TargetKind.PROPOSAL, proposal.id, actor),
        kind=kind,
        now=now,
        arena_id=proposal.cycle.arena_id,
        proposal_id=proposal.id,
        detail=detail,
        related_id=related_id,
    )


def tell_commitment_followers(
    actor, commitment, kind: NoticeKind, *, now, detail="", related_id=None
):
    """A followed commitment got a check-in, a review, a new version or an adoption."""
    return create_notices(
        _recipients(TargetKind.COMMITMENT, commitment.id, actor),
        kind=kind,
        now=now,
        arena_id=commitment.arena_id,
        commitment_id=commitment.id,
        detail=detail,
        related_id=related_id,
    )


def tell_arena_followers(arena_id: int, phase: str, *, now) -> int:
    """A phase opened in a followed arena (and the one before it closed)."""
    return create_notices(
        followers.list_follower_ids(TargetKind.ARENA, arena_id),
        kind=NoticeKind.PHASE,
        now=now,
        arena_id=arena_id,
        detail=phase,
    )


def withdraw(kinds, *, now: datetime, **target) -> int:
    """A decision was undone or changed: its notices that no mail has told yet are taken
    back, so nobody reads on the site something that is no longer true. Mailed ones stay:
    the mail cannot be taken back, and the site should not disagree with the person's
    inbox; they read as history, marked as changed later (see texts.py). People who want
    no mail count as not mailed (their `mailed_at` only means "never to be mailed").
    `target` is the notice column to match, say `proposal_id=7`. Returns how many went."""
    wants_none = select(NoticeSetting.user_id).where(
        NoticeSetting.frequency == str(MailFrequency.NONE)
    )
    (column, value), *rest = target.items()
    assert not rest, "withdraw matches one target column"
    result = db.session.execute(
        delete(Notice)
        .where(
            getattr(Notice, column) == value,
            Notice.kind.in_([str(k) for k in kinds]),
            or_(Notice.mailed_at.is_(None), Notice.user_id.in_(wants_none)),
            Notice.created_at <= now,
        )
        .execution_options(synchronize_session=False)
    )
    return result.rowcount
