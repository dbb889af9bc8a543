"""Pages reached from mail: verify the address, choose a new password; and the pages
that send those mails, and "sign out everywhere". On the accounts blueprint.

A link in a mail only shows a page; the change happens when the person presses its
button (a POST with a CSRF token). Mail scanners and link previews open links on
their own, and a GET that verified an address and signed someone in would do that
for whoever opened the link first.
"""

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from arena.accounts import lifecycle, links
from arena.accounts.forms import ForgotPasswordForm, reset_password_form
from arena.accounts.sessions import end_all_sessions, signed_in_user, start_session
from arena.accounts.views import bp
from arena.core.actions import attempt
from arena.core.forms import EmptyForm
from arena.core.security import safe_next

CHECK_EMAIL_PAGES = ("sign-up", "password")


@bp.get("/check-email")
def check_email():
    """What happens next after sign-up or "forgot password": the same page whether or
    not the address has an account."""
    about = request.args.get("about")
    if about not in CHECK_EMAIL_PAGES:
        abort(404)
    return render_template(
        "accounts/check_email.html", about=about, next_url=safe_next(request.args.get("next"))
    )


def _link_invalid(kind: str):
    return render_template("accounts/link_invalid.html", kind=kind), 400


@bp.route("/verify/<token>", methods=["GET", "POST"])
def verify_email(token):
    user = links.user_for_verification_token(token)
    if user is None:
        return _link_invalid("verify")
    form = EmptyForm()
    if form.validate_on_submit():
        with attempt() as done:
            lifecycle.verify_address(user, now=g.now)
        if done:
            # Following the link proves the address: sign in, unless someone else
            # already is in this browser.
            if not current_user.is_authenticated:
                start_session(user)
            flash(_("Thank you! Your e-mail address is confirmed."), "success")
            return redirect(url_for("accounts.me"), code=303)
    return render_template("accounts/verify_email.html", form=form, user=user)


@bp.route("/verify-email", methods=["GET", "POST"])
@login_required
def resend_verification():
    user = signed_in_user()
    if user.is_verified:
        flash(_("Your e-mail address is already confirmed."), "info")
        return redirect(url_for("accounts.me"), code=303)
    form = EmptyForm()
    if form.validate_on_submit():
        with attempt() as done:
            lifecycle.resend_verification(user)
        if done:
            flash(_("We have sent a new link to %(email)s.", email=user.email), "success")
            return redirect(url_for("accounts.me"), code=303)
    return render_template("accounts/resend_verification.html", form=form)


@bp.route("/forgot-password", methods=["GET", "POST"])
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        with attempt(form) as done:
            lifecycle.request_password_reset(form.email.data)
        if done:
            return redirect(url_for("accounts.check_email", about="password"), code=303)
    return render_template("accounts/forgot_password.html", form=form)


@bp.route("/reset-password/<token>", methods=["GET", "POST"])
def reset_password(token):
    user = links.user_for_reset_token(token)
    if user is None:
        return _link_invalid("reset")
    form = reset_password_form(user)
    if form.validate_on_submit():
        with attempt(form) as done:
            lifecycle.reset_password(user, form.password.data, now=g.now)
        if done:
            # Every other session ended with the new token; this one starts afresh.
            start_session(user)
            flash(_("Your new password is saved, and you are signed in."), "success")
            return redirect(url_for("accounts.me"), code=303)
    return render_template("accounts/reset_password.html", form=form)


@bp.post("/sign-out-everywhere")
@login_required
def sign_out_everywhere():
    """End the sessions on every other device; this browser stays signed in."""
    user = signed_in_user()
    if EmptyForm().validate_on_submit():
        with attempt() as done:
            end_all_sessions(user)
        if done:
            start_session(user)
            flash(_("You are now signed out on every other device."), "success")
    return redirect(url_for("accounts.me"), code=303)
