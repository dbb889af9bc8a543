"""Comments on proposals: the code that writes them, and the thread's queries.

People who take part in the arena (a declared connection, as for proposing and
supporting) comment while the cycle is proposing, voting or selecting. Replies
go one level deep: answering a reply answers the comment it belongs to. Authors
may correct a comment for a short while (COMMENT_EDIT_MINUTES). Hidden comments
keep their place in the thread, shown as a placeholder with the public reason.
Who may do what is decided in rules.py (`why_not_comment`, `why_not_reply`,
`why_not_edit_comment`).
"""

from datetime import datetime, timedelta
from functools import cache

from flask import current_app, url_for
from flask_babel import gettext as _
from sqlalchemy import Integer, Select, bindparam, func, select, tuple_
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.attributes import set_committed_value

from arena.core.database import added
from arena.core.errors import ActionRefused, refuse
from arena.core.paging import Page, inline_bound_parameter, offset_of
from arena.core.permissions import is_signed_in
from arena.extensions import db
from arena.proposals import rules
from arena.proposals.models import Comment, Proposal

MAX_COMMENT_LENGTH = 2000


def edit_window() -> timedelta:
    return timedelta(minutes=current_app.config.get("COMMENT_EDIT_MINUTES", 15))


# The state of the proposal or the comment makes an action moot (409); the phase
# and the connection mean "not for you, not now" (403).


def ensure_can_comment(user, proposal: Proposal, *, now: datetime) -> None:
    """Raise ActionRefused, saying why, unless the user may comment on the proposal now."""
    refuse(rules.why_not_take_comments(proposal), 409)
    refuse(rules.why_not_comment(user, proposal, now=now), 403)


def ensure_can_reply(user, comment: Comment, *, now: datetime) -> None:
    ensure_can_comment(user, comment.proposal, now=now)
    refuse(rules.why_not_reply(user, comment, now=now), 409)


def ensure_can_edit(user, comment: Comment, *, now: datetime) -> None:
    reason = rules.why_not_edit_comment(user, comment, now=now, window=edit_window())
    is_author = is_signed_in(user) and comment.author_id == user.id
    refuse(reason, 409 if is_author and comment.is_hidden else 403)


def post_comment(
    user,
    proposal: Proposal,
    *,
    now: datetime,
    body: str,
    language: str,
    reply_to: Comment | None = None,
) -> Comment:
    """Add a comment, or a reply; a reply to a reply is attached to the top-level comment."""
    parent = None
    if reply_to is None:
        ensure_can_comment(user, proposal, now=now)
    else:
        if reply_to.proposal_id != proposal.id:
            raise ActionRefused(_("You can only reply to a comment on the same proposal."), 400)
        ensure_can_reply(user, reply_to, now=now)
        parent = reply_to.parent or reply_to
    return added(
        Comment(
            proposal=proposal,
            author_id=user.id,
            parent=parent,
            body=body,
            language=language,
            created_at=now,
        )
    )


def edit_comment(user, comment: Comment, *, now: datetime, body: str, language: str) -> Comment:
    """Correct one's own comment within the edit window."""
    ensure_can_edit(user, comment, now=now)
    comment.body = body
    comment.language = language
    comment.edited_at = now
    db.session.flush()
    return comment


# --- queries ------------------------------------------------------------------------


# Top-level comments a page of the discussion shows, with their replies: as CONSUL
# Democracy does, a phone scrolls through ten threads, not a 30 KB page of forty comments.
COMMENTS_PER_PAGE = 10


def _top_level(proposal_id) -> tuple:
    return (Comment.proposal_id == proposal_id, Comment.parent_id.is_(None))


def count_top_level(proposal_id) -> Select:
    """How many top-level comments the proposal has (`proposal_id`: a value or a column,
    for a subquery): what the thread's pages are counted in."""
    return select(func.count()).select_from(Comment).where(*_top_level(proposal_id))


@cache
def _thread_statements() -> tuple[Select, Select]:
    """The thread's two statements (a page of comments, their replies), built once with
    the proposal, the page's bounds and the parents as parameters: building and keying
    them cost more than running them (a page shows some twenty comments)."""
    proposal_id = bindparam("proposal_id", type_=Integer)
    top = (
        select(Comment)
        .where(*_top_level(proposal_id))
        .options(joinedload(Comment.author))
        .order_by(Comment.created_at, Comment.id)
        .limit(inline_bound_parameter("limit"))
        .offset(inline_bound_parameter("skip"))
    )
    replies = (
        select(Comment)
        # By the proposal too, so that the thread's index gives them in order.
        .where(
            Comment.proposal_id == proposal_id,
            Comment.parent_id.in_(bindparam("parents", expanding=True)),
        )
        .options(joinedload(Comment.author))
        .order_by(Comment.created_at, Comment.id)
    )
    return top, replies


def page_of_thread(proposal: Proposal, page: int, *, total: int) -> Page:
    """One page of the discussion: COMMENTS_PER_PAGE top-level comments, oldest first,
    each with all its replies (oldest first) loaded. `total`: how many top-level
    comments there are (`count_top_level`; the proposal page counts them in the
    statement that reads the proposal).

    A busy proposal has hundreds of comments; the page stays the same size and the same
    two statements (the page's comments, their replies, each with its authors joined)
    at any length, each a walk of an index (ix_comments_thread, the parent's index)."""
    top_statement, replies_statement = _thread_statements()
    offset = offset_of(page, COMMENTS_PER_PAGE)
    if offset >= total:
        return Page(page=page, per_page=COMMENTS_PER_PAGE, total=total, items=[])
    bounds = {"proposal_id": proposal.id, "limit": COMMENTS_PER_PAGE, "skip": offset}
    top = list(db.session.scalars(top_statement, bounds))
    replies: dict[int, list[Comment]] = {c.id: [] for c in top}
    found = db.session.scalars(
        replies_statement, {"proposal_id": proposal.id, "parents": list(replies)}
    )
    by_id = {c.id: c for c in top}
    for reply in found:
        replies[reply.parent_id].append(reply)
        set_committed_value(reply, "parent", by_id[reply.parent_id])
    for comment in top:
        set_committed_value(comment, "replies", replies[comment.id])
    return Page(page=page, per_page=COMMENTS_PER_PAGE, total=total, items=top)


def thread_page_of(comment: Comment) -> int:
    """The page of the discussion that shows `comment` (a reply: its comment's page)."""
    top = comment.parent or comment
    earlier = db.session.scalar(
        select(func.count())
        .select_from(Comment)
        .where(
            *_top_level(top.proposal_id),
            tuple_(Comment.created_at, Comment.id) < tuple_(top.created_at, top.id),
        )
    )
    return (earlier or 0) // COMMENTS_PER_PAGE + 1


def comment_url(comment: Comment) -> str:
    """Where a comment is seen: its page of the proposal's discussion, at the comment."""
    page = thread_page_of(comment)
    return url_for(
        "proposals.show",
        proposal_id=comment.proposal_id,
        page=page if page > 1 else None,
        _anchor=f"comment-{comment.id}",
    )


def count_comments(proposal: Proposal) -> int:
    return (
        db.session.scalar(select(func.count(Comment.id)).where(Comment.proposal_id == proposal.id))
        or 0
    )


def get_comment_or_404(comment_id: int) -> Comment:
    return db.get_or_404(Comment, comment_id)
