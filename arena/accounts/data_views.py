"""My data (a readable page and a JSON download) and deleting my account."""

from __future__ import annotations

import json
from datetime import datetime

from flask import g, make_response, redirect, render_template, url_for
from flask_babel import format_datetime
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from wtforms import BooleanField, PasswordField, StringField
from wtforms.validators import DataRequired

from arena import i18n
from arena.accounts import deletion, my_data
from arena.accounts.sessions import end_session
from arena.accounts.views import bp
from arena.audit.labels import ACTION_LABELS
from arena.core.actions import attempt
from arena.core.forms import ArenaForm
from arena.representation import questions


def _understood() -> BooleanField:
    return BooleanField(
        _l("I understand that my account is deleted for good and cannot be brought back."),
        validators=[DataRequired(_l("Tick the box to confirm that you want this."))],
    )


class DeleteWithPasswordForm(ArenaForm):
    password = PasswordField(
        _l("Your password, to confirm"),
        validators=[DataRequired(_l("Enter your password."))],
    )
    understood = _understood()


class DeleteWithCodeForm(ArenaForm):
    code = StringField(
        _l("Your access code, to confirm"),
        validators=[DataRequired(_l("Enter the access code of your account."))],
        description=_l("The code from the workshop that you sign in with."),
    )
    understood = _understood()


def _private(response):
    # Personal pages must not stay in a shared computer's cache or a proxy.
    response.headers["Cache-Control"] = "no-store"
    return response


def _labels() -> dict:
    """Readable names for the keys the data holds, in the reader's language."""

    def answer(question, key):
        return questions.answer_label(question, key) if question in questions.ANSWERS else key

    return {
        "connection": lambda key: i18n.label(i18n.CONNECTION_LABELS, key),
        "status": lambda key: i18n.label(i18n.STATUS_LABELS, key),
        "reason": lambda key: i18n.label(i18n.REPORT_REASON_LABELS, key),
        "action": lambda key: i18n.label(ACTION_LABELS, key),
        "question": lambda key: questions.QUESTION_LABELS.get(key, key),
        "answer": answer,
        "when": lambda iso: format_datetime(datetime.fromisoformat(iso), "medium") if iso else "",
    }


@bp.get("/me/data")
@login_required
def my_data_page():
    data = my_data.collect_my_data(current_user)
    return _private(make_response(render_template("accounts/my_data.html", data=data, **_labels())))


@bp.get("/me/data.json")
@login_required
def my_data_json():
    data = my_data.collect_my_data(current_user)
    response = make_response(json.dumps(data, ensure_ascii=False, indent=2))
    response.mimetype = "application/json"
    response.headers["Content-Disposition"] = 'attachment; filename="my-data-arena.json"'
    return _private(response)


@bp.route("/me/delete", methods=["GET", "POST"])
@login_required
def delete_account():
    with_code = deletion.needs_access_code(current_user)
    form = DeleteWithCodeForm() if with_code else DeleteWithPasswordForm()
    reason = deletion.why_not_delete_account(current_user)
    status = 409 if reason and form.is_submitted() else 200
    if reason is None and form.validate_on_submit():
        secret = form.code.data if with_code else form.password.data
        with attempt(form) as done:
            deletion.delete_account(current_user, secret=secret, now=g.now)
        if done:
            end_session()
            return redirect(url_for("accounts.account_deleted"), code=303)
        status = done.refusal.status if done.refusal else 400
    elif form.errors:
        status = 400
    page = render_template(
        "accounts/delete_account.html", form=form, with_code=with_code, reason=reason
    )
    return _private(make_response(page, status))


@bp.get("/deleted")
def account_deleted():
    return render_template("accounts/deleted.html")
