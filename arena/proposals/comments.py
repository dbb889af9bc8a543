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

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.attributes import set_committed_value

from arena.core.database import added
from arena.core.errors import ActionRefused, refuse
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


def list_thread(proposal: Proposal) -> list[Comment]:
    """Top-level comments oldest first, each with its replies (oldest first) loaded.

    The whole thread is one walk of its index (ix_comments_thread), put together here:
    no second query for the replies, no sort in the database.
    """
    found = list(
        db.session.scalars(
            select(Comment)
            .where(Comment.proposal_id == proposal.id)
            .options(selectinload(Comment.author))
            .order_by(Comment.created_at, Comment.id)
        )
    )
    replies: dict[int, list[Comment]] = {c.id: [] for c in found if c.parent_id is None}
    by_id = {c.id: c for c in found}
    for comment in found:
        if comment.parent_id is not None and comment.parent_id in replies:
            replies[comment.parent_id].append(comment)
            set_committed_value(comment, "parent", by_id[comment.parent_id])
    top = [c for c in found if c.parent_id is None]
    for comment in top:
        set_committed_value(comment, "replies", replies[comment.id])
    return top


def count_comments(proposal: Proposal) -> int:
    return (
        db.session.scalar(select(func.count(Comment.id)).where(Comment.proposal_id == proposal.id))
        or 0
    )


def get_comment_or_404(comment_id: int) -> Comment:
    return db.get_or_404(Comment, comment_id)
