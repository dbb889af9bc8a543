"""My settings: change my public name, password and e-mail address; an account made
from an access code adds an address and a password. Also the notice that such an
account's code stops working soon."""

from flask import flash, g, make_response, redirect, render_template, request, session, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user, login_required

from arena.accounts import settings as services
from arena.accounts.sessions import start_session
from arena.accounts.settings_forms import (
    AddEmailForm,
    ConfirmEmailForm,
    EmailForm,
    NameForm,
    PasswordForm,
)
from arena.accounts.settings_reminders import code_expiry_notice, needs_credentials
from arena.accounts.views import bp
from arena.core.actions import attempt

# Set once the arena pages have shown the expiry notice in this session.
NOTICE_SHOWN_KEY = "code_expiry_told"


def _page(template: str, **context):
    """A personal page: never kept by the browser or a proxy."""
    response = make_response(render_template(template, **context))
    response.headers["Cache-Control"] = "no-store"
    return response


def _to_settings():
    return redirect(url_for("accounts.settings"), code=303)


@bp.app_template_global("code_expiry_notice")
def code_expiry_notice_global():
    """When the signed-in person's access code stops working, if they should be told."""
    return code_expiry_notice(current_user, g.now)


def _expiry_message(expires_at) -> str:
    return _(
        "Your code stops working on %(date)s. Add an e-mail address and password to keep "
        "your account.",
        date=format_date(expires_at, "long"),
    )


@bp.before_app_request
def tell_about_expiring_code():
    """Once a session, on the arena pages: the code this account depends on expires soon."""
    endpoint = request.endpoint or ""
    if (
        request.method != "GET"
        or not endpoint.startswith("arenas.")
        or session.get(NOTICE_SHOWN_KEY)
    ):
        return
    if not needs_credentials(current_user):
        return
    session[NOTICE_SHOWN_KEY] = True
    expires_at = code_expiry_notice(current_user, g.now)
    if expires_at is not None:
        flash(_expiry_message(expires_at), "info")


@bp.get("/settings")
@login_required
def settings():
    return _page(
        "accounts/settings.html",
        add_form=AddEmailForm() if current_user.password_hash is None else None,
    )


@bp.post("/settings/add-email")
@login_required
def add_email():
    form = AddEmailForm()
    if current_user.password_hash is not None:
        return redirect(url_for("accounts.change_email"), code=303)
    if form.validate_on_submit():
        with attempt(form) as done:
            address = services.add_email_and_password(
                current_user, form.email.data, form.password.data
            )
        if done:
            flash(_("Your password is saved."), "success")
            flash(_link_sent(address), "success")
            return _to_settings()
    return _page("accounts/settings.html", add_form=form)


@bp.route("/settings/name", methods=["GET", "POST"])
@login_required
def change_name():
    form = NameForm(data={"display_name": current_user.display_name})
    if form.validate_on_submit():
        with attempt(form) as done:
            changed = services.change_name(current_user, form.display_name.data)
        if done:
            flash(
                _("Your public name is now %(name)s.", name=current_user.display_name)
                if changed
                else _("Nothing was changed."),
                "success",
            )
            return _to_settings()
    return _page("accounts/settings_name.html", form=form)


@bp.route("/settings/password", methods=["GET", "POST"])
@login_required
def change_password():
    if current_user.password_hash is None:
        return _to_settings()  # an account made from a code chooses its first one there
    form = PasswordForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        with attempt(form) as done:
            services.change_password(user, form.current_password.data, form.password.data)
        if done:
            start_session(user)  # this browser stays signed in, with a fresh session
            flash(
                _(
                    "Your password is changed. Other browsers signed in to your account are "
                    "signed out."
                ),
                "success",
            )
            return _to_settings()
    return _page("accounts/settings_password.html", form=form)


def _link_sent(address: str) -> str:
    return _(
        "We have sent a link to %(address)s. Open it within %(hours)d hours to use this "
        "address for your account.",
        address=address,
        hours=services.EMAIL_LINK_HOURS,
    )


@bp.route("/settings/email", methods=["GET", "POST"])
@login_required
def change_email():
    if current_user.password_hash is None:
        return _to_settings()
    form = EmailForm()
    if form.validate_on_submit():
        with attempt(form) as done:
            address = services.request_email_change(
                current_user, form.current_password.data, form.email.data
            )
        if done:
            flash(_link_sent(address), "success")
            return _to_settings()
    return _page("accounts/settings_email.html", form=form)


@bp.route("/settings/email/confirm/<token>", methods=["GET", "POST"])
def confirm_email(token):
    form = ConfirmEmailForm()
    refused = False
    if form.validate_on_submit():
        with attempt(form) as done:
            user = services.confirm_email_change(token, now=g.now)
        if done:
            flash(_("Your e-mail address is now %(address)s.", address=user.email), "success")
            signed_in = current_user.is_authenticated and current_user.id == user.id
            return redirect(
                url_for("accounts.settings" if signed_in else "accounts.sign_in"), code=303
            )
        refused = True
    found = services.read_email_link(token)
    response = _page(
        "accounts/settings_confirm.html",
        form=form,
        account=found[0] if found else None,
        address=found[1] if found else None,
    )
    return (response, 400) if refused or not found else response
