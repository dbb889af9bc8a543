"""Comment pages, added to the proposals blueprint: write, reply and edit.

The thread itself is part of the proposal's page; the template globals below
give it the comments and the same rules the services check.
"""

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from arena import i18n
from arena.arenas.phases import phase_at
from arena.core.errors import ActionRefused
from arena.extensions import db
from arena.proposals import comments, queries
from arena.proposals.comment_forms import CommentForm
from arena.proposals.views import bp


def _comment_url(comment) -> str:
    return url_for(
        "proposals.show", proposal_id=comment.proposal_id, _anchor=f"comment-{comment.id}"
    )


@bp.app_template_global()
def comment_thread(proposal):
    return comments.list_thread(proposal)


@bp.app_template_global()
def can_comment_on(proposal) -> bool:
    return comments.can_comment(current_user, proposal, now=g.now)


@bp.app_template_global()
def comments_are_open(proposal) -> bool:
    return comments.is_open_for_comments(proposal, now=g.now)


@bp.app_template_global()
def can_reply_to(comment) -> bool:
    return comments.can_reply(current_user, comment, now=g.now)


@bp.app_template_global()
def can_edit_comment(comment) -> bool:
    return comments.can_edit_comment(
        current_user, comment, now=g.now, window=comments.edit_window()
    )


@bp.app_template_global()
def content_dir(code: str) -> str:
    return i18n.content_direction(code)


@bp.app_template_global()
def content_language_name(code: str) -> str:
    return i18n.CONTENT_LANGUAGES.get(code, code)


@bp.app_template_global()
def new_comment_form():
    return CommentForm(formdata=None).preset_language()


def _ask_for_connection(proposal):
    """People not yet connected are sent to declare a connection, then back here."""
    arena = proposal.cycle.arena
    if comments.is_open_for_comments(proposal, now=g.now) and not current_user.is_connected_to(
        arena
    ):
        flash(
            _(
                "Tell us how you are connected to %(arena)s, then write your comment.",
                arena=arena.name,
            ),
            "info",
        )
        return redirect(url_for("accounts.connections", arena=arena.slug, next=request.path))
    return None


def _refused(refusal: ActionRefused, back: str):
    db.session.rollback()
    if refusal.status == 403:
        raise refusal
    flash(refusal.message, "error")
    return redirect(back, code=303)


def _render_form(form, proposal, *, mode, comment=None, reply_to=None):
    return render_template(
        "proposals/comment_form.html",
        form=form,
        proposal=proposal,
        arena=proposal.cycle.arena,
        mode=mode,
        comment=comment,
        reply_to=reply_to,
        phase=phase_at(proposal.cycle, g.now),
    )


@bp.route("/proposals/<int:proposal_id>/comments", methods=["GET", "POST"])
@login_required
def new_comment(proposal_id):
    """GET shows the form on its own page; the proposal's page posts here too."""
    proposal = queries.get_proposal_or_404(proposal_id)
    back = url_for("proposals.show", proposal_id=proposal.id, _anchor="comments")
    if (redirect_to := _ask_for_connection(proposal)) is not None:
        return redirect_to
    form = CommentForm()
    if form.validate_on_submit():
        try:
            comment = comments.post_comment(
                current_user, proposal, now=g.now, body=form.body.data, language=form.language.data
            )
        except ActionRefused as refusal:
            return _refused(refusal, back)
        db.session.commit()
        flash(_("Your comment is published."), "success")
        return redirect(_comment_url(comment), code=303)
    # Refuse before showing the form or its errors: no point writing what cannot be posted.
    try:
        comments.ensure_can_comment(current_user, proposal, now=g.now)
    except ActionRefused as refusal:
        return _refused(refusal, back)
    if request.method == "GET":
        form.preset_language()
    return _render_form(form, proposal, mode="new")


@bp.route("/comments/<int:comment_id>/reply", methods=["GET", "POST"])
@login_required
def reply(comment_id):
    reply_to = comments.get_comment_or_404(comment_id)
    proposal = reply_to.proposal
    if (redirect_to := _ask_for_connection(proposal)) is not None:
        return redirect_to
    form = CommentForm()
    if form.validate_on_submit():
        try:
            comment = comments.post_comment(
                current_user,
                proposal,
                now=g.now,
                body=form.body.data,
                language=form.language.data,
                reply_to=reply_to,
            )
        except ActionRefused as refusal:
            return _refused(refusal, _comment_url(reply_to))
        db.session.commit()
        flash(_("Your reply is published."), "success")
        return redirect(_comment_url(comment), code=303)
    try:
        comments.ensure_can_reply(current_user, reply_to, now=g.now)
    except ActionRefused as refusal:
        return _refused(refusal, _comment_url(reply_to))
    if request.method == "GET":
        form.preset_language()
    return _render_form(form, proposal, mode="reply", reply_to=reply_to.parent or reply_to)


@bp.route("/comments/<int:comment_id>/edit", methods=["GET", "POST"])
@login_required
def edit_comment(comment_id):
    comment = comments.get_comment_or_404(comment_id)
    proposal = comment.proposal
    form = CommentForm(obj=comment if request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            comments.edit_comment(
                current_user, comment, now=g.now, body=form.body.data, language=form.language.data
            )
        except ActionRefused as refusal:
            return _refused(refusal, _comment_url(comment))
        db.session.commit()
        flash(_("Your comment is updated."), "success")
        return redirect(_comment_url(comment), code=303)
    try:
        comments.ensure_can_edit(current_user, comment, now=g.now)
    except ActionRefused as refusal:
        return _refused(refusal, _comment_url(comment))
    return _render_form(form, proposal, mode="edit", comment=comment)
