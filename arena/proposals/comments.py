"""Comments on proposals: who may write, reply and edit, and the code that does it.

People who take part in the arena (a declared connection, as for proposing and
supporting) comment while the cycle is proposing, voting or selecting. Replies
go one level deep: answering a reply answers the comment it belongs to. Authors
may correct a comment for a short while (COMMENT_EDIT_MINUTES). Hidden comments
keep their place in the thread, shown as a placeholder with the public reason.
"""

from datetime import datetime, timedelta

from flask import abort, current_app
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from arena.arenas.phases import Phase, phase_at
from arena.core.database import fits_integer_column
from arena.core.errors import ActionRefused
from arena.core.permissions import is_signed_in
from arena.extensions import db
from arena.proposals.models import Comment, Proposal, ProposalStatus

COMMENT_PHASES = (Phase.PROPOSING, Phase.VOTING, Phase.SELECTION)
# Merged proposals send the conversation to the proposal they were merged into.
COMMENTABLE_STATUSES = (
    ProposalStatus.PUBLISHED,
    ProposalStatus.SELECTED,
    ProposalStatus.NOT_SELECTED,
)
MAX_COMMENT_LENGTH = 2000


def edit_window() -> timedelta:
    return timedelta(minutes=current_app.config.get("COMMENT_EDIT_MINUTES", 15))


# --- rules: pure predicates -------------------------------------------------------


def _takes_part(user, proposal: Proposal) -> bool:
    return is_signed_in(user) and user.is_connected_to(proposal.cycle.arena)


def is_open_for_comments(proposal: Proposal, *, now: datetime) -> bool:
    return (
        phase_at(proposal.cycle, now) in COMMENT_PHASES
        and proposal.status in COMMENTABLE_STATUSES
        and not proposal.is_hidden
    )


def can_comment(user, proposal: Proposal, *, now: datetime) -> bool:
    """People connected to the arena comment on visible proposals while the cycle is
    proposing, voting or selecting."""
    return is_open_for_comments(proposal, now=now) and _takes_part(user, proposal)


def can_reply(user, comment: Comment, *, now: datetime) -> bool:
    """Replying is commenting, on a comment that is not hidden."""
    thread = comment.parent or comment
    return (
        can_comment(user, comment.proposal, now=now)
        and not thread.is_hidden
        and not comment.is_hidden
    )


def can_edit_comment(user, comment: Comment, *, now: datetime, window: timedelta) -> bool:
    """Only the author, only within the edit window, and never once it is hidden."""
    return (
        is_signed_in(user)
        and comment.author_id == user.id
        and not comment.is_hidden
        and now < comment.created_at + window
    )


# --- services: the only code that writes -------------------------------------------


def ensure_can_comment(user, proposal: Proposal, *, now: datetime) -> None:
    """Raise ActionRefused, saying why, unless the user may comment on the proposal now."""
    if can_comment(user, proposal, now=now):
        return
    if proposal.is_hidden or proposal.status not in COMMENTABLE_STATUSES:
        raise ActionRefused(_("This proposal is not open for comments."), 409)
    if phase_at(proposal.cycle, now) not in COMMENT_PHASES:
        raise ActionRefused(
            _(
                "Comments in %(arena)s are open while proposing, voting "
                "and selection are going on.",
                arena=proposal.cycle.arena.name,
            )
        )
    raise ActionRefused(
        _(
            "Tell us how you are connected to %(arena)s before you take part there.",
            arena=proposal.cycle.arena.name,
        )
    )


def ensure_can_reply(user, comment: Comment, *, now: datetime) -> None:
    ensure_can_comment(user, comment.proposal, now=now)
    if not can_reply(user, comment, now=now):
        raise ActionRefused(_("Hidden comments cannot be replied to."), 409)


def ensure_can_edit(user, comment: Comment, *, now: datetime) -> None:
    if can_edit_comment(user, comment, now=now, window=edit_window()):
        return
    if not is_signed_in(user) or comment.author_id != user.id:
        raise ActionRefused(_("Only the author can edit a comment."))
    if comment.is_hidden:
        raise ActionRefused(_("A hidden comment cannot be edited."), 409)
    raise ActionRefused(
        _(
            "Comments can only be edited in the first %(minutes)d minutes.",
            minutes=current_app.config.get("COMMENT_EDIT_MINUTES", 15),
        ),
    )


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
    comment = Comment(
        proposal=proposal,
        author_id=user.id,
        parent=parent,
        body=body,
        language=language,
        created_at=now,
    )
    db.session.add(comment)
    db.session.flush()
    return comment


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
    """Top-level comments oldest first, each with its replies (oldest first) loaded."""
    return list(
        db.session.scalars(
            select(Comment)
            .where(Comment.proposal_id == proposal.id, Comment.parent_id.is_(None))
            .options(
                selectinload(Comment.author),
                selectinload(Comment.replies).selectinload(Comment.author),
            )
            .order_by(Comment.created_at, Comment.id)
        )
    )


def count_comments(proposal: Proposal) -> int:
    return (
        db.session.scalar(select(func.count(Comment.id)).where(Comment.proposal_id == proposal.id))
        or 0
    )


def get_comment_or_404(comment_id: int) -> Comment:
    if not fits_integer_column(comment_id):
        abort(404)
    return db.get_or_404(Comment, comment_id)
