"""Comment pages, added to the proposals blueprint: write, reply and edit.

The thread itself is part of the proposal's page; the template globals below
give it the comments and the same rules the services check.
"""

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from arena import i18n
from arena.core.actions import attempt
from arena.proposals import comments, queries, rules
from arena.proposals.comment_forms import CommentForm
from arena.proposals.views import ask_for_connection, bp


@bp.app_template_global()
def why_not_comment_on(proposal) -> str | None:
    """The reason the signed-in person cannot comment now; None when they can."""
    return rules.why_not_comment(current_user, proposal, now=g.now)


@bp.app_template_global()
def can_comment_on(proposal) -> bool:
    return rules.can_comment(current_user, proposal, now=g.now)


@bp.app_template_global()
def comments_are_open(proposal) -> bool:
    return rules.is_open_for_comments(proposal, now=g.now)


@bp.app_template_global()
def can_reply_to(comment) -> bool:
    return rules.can_reply(current_user, comment, now=g.now)


@bp.app_template_global()
def can_edit_comment(comment) -> bool:
    # Only the author edits (the rule's first test): for everybody else, no need to ask.
    user = current_user
    if not user.is_authenticated or comment.author_id != user.id:
        return False
    return rules.can_edit_comment(user, comment, now=g.now, window=comments.edit_window())


@bp.app_template_global()
def content_language_name(code: str) -> str:
    return i18n.CONTENT_LANGUAGES.get(code, code)


@bp.app_template_global()
def new_comment_form():
    return CommentForm(formdata=None).preset_language()


def _ask_for_connection(proposal):
    """People not yet connected are sent to declare a connection, then back here."""
    arena = proposal.cycle.arena
    if rules.is_open_for_comments(proposal, now=g.now) and not current_user.is_connected_to(arena):
        return ask_for_connection(
            arena, _("Tell us how you are connected to %(arena)s, then write your comment.")
        )
    return None


def _comment_action(form, *, back: str, check, write, done_message: str, page):
    """Write on a valid POST; otherwise refuse before showing the form or its errors (no
    point writing what cannot be posted), then show it. A refusal is flashed on the
    page `back` leads to (403 and 404 get their error page)."""
    if form.validate_on_submit():
        with attempt() as done:
            comment = write()
        if done:
            flash(done_message, "success")
            return redirect(comments.comment_url(comment), code=303)
        return redirect(back, code=303)
    with attempt() as allowed:
        check()
    if not allowed:
        return redirect(back, code=303)
    return page()


def _render_form(form, proposal, *, mode, comment=None, reply_to=None):
    return render_template(
        "proposals/comment_form.html",
        form=form,
        proposal=proposal,
        arena=proposal.cycle.arena,
        mode=mode,
        comment=comment,
        reply_to=reply_to,
    )


@bp.route("/proposals/<int:proposal_id>/comments", methods=["GET", "POST"])
@login_required
def new_comment(proposal_id):
    """GET shows the form on its own page; the proposal's page posts here too."""
    proposal = queries.get_proposal_or_404(proposal_id)
    if (redirect_to := _ask_for_connection(proposal)) is not None:
        return redirect_to
    form = CommentForm()
    return _comment_action(
        form,
        back=url_for("proposals.show", proposal_id=proposal.id, _anchor="comments"),
        check=lambda: comments.ensure_can_comment(current_user, proposal, now=g.now),
        write=lambda: comments.post_comment(
            current_user, proposal, now=g.now, body=form.body.data, language=form.language.data
        ),
        done_message=_("Your comment is published."),
        page=lambda: _render_form(_preset(form), proposal, mode="new"),
    )


@bp.route("/comments/<int:comment_id>/reply", methods=["GET", "POST"])
@login_required
def reply(comment_id):
    reply_to = comments.get_comment_or_404(comment_id)
    proposal = reply_to.proposal
    if (redirect_to := _ask_for_connection(proposal)) is not None:
        return redirect_to
    form = CommentForm()
    return _comment_action(
        form,
        back=comments.comment_url(reply_to),
        check=lambda: comments.ensure_can_reply(current_user, reply_to, now=g.now),
        write=lambda: comments.post_comment(
            current_user,
            proposal,
            now=g.now,
            body=form.body.data,
            language=form.language.data,
            reply_to=reply_to,
        ),
        done_message=_("Your reply is published."),
        page=lambda: _render_form(
            _preset(form), proposal, mode="reply", reply_to=reply_to.parent or reply_to
        ),
    )


@bp.route("/comments/<int:comment_id>/edit", methods=["GET", "POST"])
@login_required
def edit_comment(comment_id):
    comment = comments.get_comment_or_404(comment_id)
    form = CommentForm(obj=comment if request.method == "GET" else None)
    return _comment_action(
        form,
        back=comments.comment_url(comment),
        check=lambda: comments.ensure_can_edit(current_user, comment, now=g.now),
        write=lambda: comments.edit_comment(
            current_user, comment, now=g.now, body=form.body.data, language=form.language.data
        ),
        done_message=_("Your comment is updated."),
        page=lambda: _render_form(form, comment.proposal, mode="edit", comment=comment),
    )


def _preset(form):
    if request.method == "GET":
        form.preset_language()
    return form
