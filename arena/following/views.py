"""Following and notices: the buttons, "What's new for you", the mail choice, and the
one-click unsubscribe link of notice mail."""

from flask import Blueprint, flash, g, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from arena.arenas.models import Arena
from arena.commitments.models import Commitment
from arena.core.actions import attempt
from arena.core.paging import requested_page
from arena.core.routing import found_or_404
from arena.extensions import csrf, db
from arena.following import followers, mails, queries, services, texts
from arena.following.forms import ButtonForm, MailChoiceForm
from arena.following.models import TargetKind
from arena.proposals.models import Proposal

bp = Blueprint("following", __name__)

MODELS = {
    TargetKind.ARENA: Arena,
    TargetKind.PROPOSAL: Proposal,
    TargetKind.COMMITMENT: Commitment,
}
KINDS = "any(arena, proposal, commitment)"


def _page(template: str, status: int = 200, **context):
    """A personal page: never kept by the browser or a proxy."""
    response = make_response(render_template(template, **context), status)
    response.headers["Cache-Control"] = "no-store"
    return response


def _target_url(kind: TargetKind, target) -> str:
    if kind == TargetKind.ARENA:
        return url_for("arenas.show", slug=target.slug)
    if kind == TargetKind.PROPOSAL:
        return url_for("proposals.show", proposal_id=target.id)
    return url_for("commitments.show", commitment_id=target.id)


def _load(kind: str, target_id: int):
    kind = TargetKind(kind)
    return kind, found_or_404(db.session.get(MODELS[kind], target_id))


@bp.app_template_global()
def follow_state(kind: str, target):
    """For the follow button: None for anonymous visitors, else `following`/`automatic`."""
    if not current_user.is_authenticated:
        return None
    return followers.follow_state(current_user, TargetKind(kind), target.id)


@bp.app_template_global()
def notice_text(notice):
    """What a notice says, in the reader's language (see texts.py)."""
    return texts.show(notice)


@bp.app_template_global()
def unread_notice_count():
    """The number in the navigation: one count, for signed-in people only."""
    if not current_user.is_authenticated:
        return 0
    return queries.count_unread(current_user)


@bp.app_template_global()
def unread_counted_up_to() -> int:
    return queries.UNREAD_COUNTED_UP_TO


@bp.post(f"/following/<{KINDS}:kind>/<int:target_id>")
@login_required
def follow(kind, target_id):
    kind, target = _load(kind, target_id)
    with attempt(ButtonForm()) as done:
        services.follow(current_user, kind, target, now=g.now)
    if done:
        flash(
            _("You follow this now. What's new comes to “What's new for you” and by e-mail."),
            "success",
        )
    return redirect(_target_url(kind, target), code=303)


@bp.post(f"/following/<{KINDS}:kind>/<int:target_id>/stop")
@login_required
def unfollow(kind, target_id):
    kind, target = _load(kind, target_id)
    with attempt(ButtonForm()) as done:
        services.unfollow(current_user, kind, target, now=g.now)
    if done:
        flash(_("You no longer follow this. You can follow it again at any time."), "success")
    return redirect(_target_url(kind, target), code=303)


@bp.get("/notices")
@login_required
def notices():
    page = requested_page()
    pagination = queries.page_of_notices(current_user, page)
    return _page("following/notices.html", pagination=pagination, form=ButtonForm())


@bp.post("/notices/read")
@login_required
def mark_read():
    with attempt(ButtonForm()) as done:
        count = services.mark_all_read(current_user, now=g.now)
    if done:
        flash(
            _("All notices are marked as read.") if count else _("There was nothing unread."),
            "success",
        )
    return redirect(url_for("following.notices"), code=303)


@bp.post("/notices/mail")
@login_required
def mail_choice():
    form = MailChoiceForm()
    if form.validate_on_submit():
        with attempt(form) as done:
            services.set_mail_choice(
                current_user,
                form.frequency.data,
                form.weekday.data,
                check_in_reminders=REMINDER_CHOICES.get(form.check_in_reminders.data),
                now=g.now,
            )
        if done:
            flash(_("Your choice for notices by e-mail is saved."), "success")
            return redirect(url_for("accounts.settings"), code=303)
    for errors in form.errors.values():
        for error in errors:
            flash(error, "error")
    return redirect(url_for("accounts.settings"), code=303)


@bp.app_template_global()
def notice_mail_form():
    """The mail choice on the settings page, filled in with the person's choice."""
    frequency, weekday, reminders = services.mail_choice(current_user)
    data = {"frequency": frequency, "weekday": weekday, "check_in_reminders": _on_off(reminders)}
    return MailChoiceForm(formdata=None, data=data)


REMINDER_CHOICES = {"on": True, "off": False}


def _on_off(value: bool) -> str:
    return "on" if value else "off"


# What each one-click link stops, and its pages (the invalid-link page is shared).
UNSUBSCRIBES = {
    "notices": (services.unsubscribe, "following/unsubscribe.html", "following/unsubscribed.html"),
    "reminders": (
        services.stop_check_in_reminders,
        "following/unsubscribe_reminders.html",
        "following/unsubscribed_reminders.html",
    ),
}


def _unsubscribe(token: str, topic: str):
    user = mails.read_unsubscribe_token(token, topic)
    if user is None:
        return _page("following/unsubscribe_invalid.html", 400)
    stop, ask, done = UNSUBSCRIBES[topic]
    if request.method == "POST":
        stop(user, now=g.now)
        db.session.commit()
        return _page(done)
    return _page(ask, token=token, form=ButtonForm())


# No CSRF token: a mail program's one-click unsubscribe (RFC 8058) posts here without
# one. The signed token in the address is what proves the request comes from the mail.
@bp.route("/notices/unsubscribe/<token>", methods=["GET", "POST"])
@csrf.exempt
def unsubscribe(token):
    return _unsubscribe(token, "notices")


@bp.route("/notices/reminders/unsubscribe/<token>", methods=["GET", "POST"])
@csrf.exempt
def unsubscribe_reminders(token):
    return _unsubscribe(token, "reminders")


KIND_LABELS = {
    TargetKind.ARENA: _l("Arena"),
    TargetKind.PROPOSAL: _l("Proposal"),
    TargetKind.COMMITMENT: _l("Commitment"),
}


@bp.app_template_global()
def follow_kind_label(kind: str) -> str:
    return str(KIND_LABELS.get(kind, kind))
