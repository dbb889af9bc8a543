"""Reading a person's notices: the page, and the count in the navigation."""

from __future__ import annotations

from sqlalchemy import and_, func, not_, select
from sqlalchemy.orm import selectinload

from arena.arenas.models import Arena
from arena.commitments.models import CheckIn, Commitment
from arena.core.database import MAX_INTEGER
from arena.core.paging import Page, inline_bound, offset_of
from arena.extensions import db
from arena.following.models import (
    DEFAULT_FREQUENCY,
    DEFAULT_WEEKDAY,
    Follow,
    Notice,
    NoticeKind,
    NoticeSetting,
    TargetKind,
)
from arena.proposals.models import Proposal

PER_PAGE = 20
# Notices that tell of a hide: shown although their proposal is hidden.
HIDE_KINDS = (str(NoticeKind.HIDDEN), str(NoticeKind.AUTO_HIDDEN))


def _hidden(model, column):
    # Correlated on the notice's own column: one primary-key look-up per notice read,
    # never a scan of every hidden check-in or proposal (this runs on every page).
    return select(model.id).where(model.id == column, model.hidden_at.is_not(None)).exists()


def not_about_hidden():
    """The rule for every notice shown or mailed: none leads to hidden content. A check-in
    or a proposal hidden after its notice was made takes that notice out of sight (and out
    of any digest still to come) for as long as it stays hidden; restored, it is back. The
    notice that tells of a hide is the exception: it names only the arena and the reason."""
    return and_(
        not_(and_(Notice.kind == NoticeKind.CHECK_IN, _hidden(CheckIn, Notice.related_id))),
        not_(and_(Notice.kind.not_in(HIDE_KINDS), _hidden(Proposal, Notice.proposal_id))),
        not_(and_(Notice.kind == NoticeKind.MERGED, _hidden(Proposal, Notice.related_id))),
    )


# The navigation counts unread notices up to this many and then says "99+": someone
# who follows a busy arena and never reads would otherwise make every page they open
# count thousands of notices.
UNREAD_COUNTED_UP_TO = 99


def count_unread(user) -> int:
    """One cheap query for the navigation, at most UNREAD_COUNTED_UP_TO + 1: an index
    walk on (user_id, read_at), and a primary-key look-up per unread notice to leave out
    those about hidden content."""
    unread = (
        select(Notice.id)
        .where(Notice.user_id == user.id, Notice.read_at.is_(None), not_about_hidden())
        .limit(UNREAD_COUNTED_UP_TO + 1)
        .subquery()
    )
    return db.session.scalar(select(func.count()).select_from(unread))


def page_of_notices(user, page: int, per_page: int = PER_PAGE) -> Page:
    """The person's notices, newest first, with what they point at loaded."""
    page = min(max(page, 1), MAX_INTEGER // per_page)
    total = db.session.scalar(
        select(func.count())
        .select_from(Notice)
        .where(Notice.user_id == user.id, not_about_hidden())
    )
    items = db.session.scalars(
        select(Notice)
        .where(Notice.user_id == user.id, not_about_hidden())
        .options(
            selectinload(Notice.arena),
            selectinload(Notice.proposal),
            selectinload(Notice.commitment),
        )
        .order_by(Notice.created_at.desc(), Notice.id.desc())
        .offset(inline_bound(offset_of(page, per_page)))
        .limit(inline_bound(per_page))
    ).all()
    return Page(page=page, per_page=per_page, total=total, items=items)


def list_without_reminders(user_ids) -> set[int]:
    """Of these people, those who turned reminders to report off."""
    if not user_ids:
        return set()
    return set(
        db.session.scalars(
            select(NoticeSetting.user_id).where(
                NoticeSetting.user_id.in_(user_ids), NoticeSetting.check_in_reminders.is_(False)
            )
        )
    )


def _when(value) -> str | None:
    return value.isoformat(timespec="seconds") if value is not None else None


def _followed(user) -> list[dict]:
    """The person's chosen follows and unfollows, each with what it is: the arena's
    name, the proposal's or the commitment's title (a hidden proposal is not named)."""
    rows = db.session.execute(
        select(
            Follow,
            Arena.name,
            Arena.slug,
            Proposal.title,
            Proposal.hidden_at,
            Commitment.title,
        )
        .outerjoin(Arena, Arena.id == Follow.arena_id)
        .outerjoin(Proposal, Proposal.id == Follow.proposal_id)
        .outerjoin(Commitment, Commitment.id == Follow.commitment_id)
        .where(Follow.user_id == user.id)
        .order_by(Follow.id)
    ).all()
    found = []
    for follow, arena, slug, proposal, proposal_hidden, commitment in rows:
        name = {
            TargetKind.ARENA: arena,
            TargetKind.PROPOSAL: None if proposal_hidden else proposal,
            TargetKind.COMMITMENT: commitment,
        }[follow.kind]
        found.append(
            {
                "kind": str(follow.kind),
                "id": follow.arena_id or follow.proposal_id or follow.commitment_id,
                "name": name,
                "arena_slug": slug,
                "hidden": proposal_hidden is not None,
                "following": follow.is_following,
                "since": _when(follow.created_at),
            }
        )
    return found


def my_following_data(user) -> dict:
    """For "My data": the mail choice, every follow or unfollow chosen, every notice."""
    setting = db.session.get(NoticeSetting, user.id)
    notices = db.session.scalars(
        select(Notice).where(Notice.user_id == user.id).order_by(Notice.created_at, Notice.id)
    )
    return {
        "mail": setting.frequency if setting else str(DEFAULT_FREQUENCY),
        "weekly_day": setting.weekday if setting else DEFAULT_WEEKDAY,
        "check_in_reminders": setting.check_in_reminders if setting else True,
        "follows": _followed(user),
        "notices": [
            {
                "kind": n.kind,
                "created_at": _when(n.created_at),
                "read_at": _when(n.read_at),
                "mailed_at": _when(n.mailed_at),
            }
            for n in notices
        ],
    }
