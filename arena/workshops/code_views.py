"""Access codes: facilitators make them; people without e-mail use one to create an
account and, later, to sign in again.

The generate POST redirects (303) to the batch's sheet (batch_views.code_sheet),
which can be reloaded and printed again until the codes expire: the codes are
derived again from the batch's label (see codes.derived_code), never stored.
"""

import math

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import format_date, get_locale, ngettext
from flask_babel import gettext as _
from flask_login import current_user, login_required

from arena import limits
from arena.accounts.sessions import start_session
from arena.arenas import queries as arena_queries
from arena.core.actions import attempt
from arena.core.errors import minutes_to_wait
from arena.workshops import access_codes, forms, queries, services
from arena.workshops.access_codes import CodeRefused
from arena.workshops.views import bp, workshop_label

# Wrong codes are counted on the server, per address (arena/limits/table.py), so a
# resent old cookie cannot reset the count.
CODES = limits.ACCESS_CODES


@bp.route("/<slug>/codes", methods=["GET", "POST"])
@login_required
def codes_page(slug):
    arena = arena_queries.get_arena_by_slug_or_404(slug)
    services.ensure_can_generate_codes(current_user, arena)
    workshops = queries.list_workshops(arena)
    form = forms.CodeBatchForm()
    form.workshop.choices = [("", _("The whole arena"))] + [
        (str(w.id), workshop_label(w)) for w in workshops
    ]
    if request.method == "GET" and request.args.get("workshop"):
        form.workshop.data = request.args["workshop"]
    if form.validate_on_submit():
        asked = form.batch(workshops)
        with attempt(form) as done:
            label, _printed = access_codes.make_batch(current_user, arena, now=g.now, **asked)
        if done:
            return redirect(url_for("workshops.code_sheet", slug=arena.slug, label=label), code=303)
    return render_template(
        "workshops/codes.html",
        arena=arena,
        form=form,
        summary=queries.summarise_codes(arena, g.now),
    )


# --- using a code -----------------------------------------------------------------------


def _wait_message(seconds: float) -> str:
    minutes = minutes_to_wait(seconds)
    return ngettext(
        "Too many codes were tried from this network. Please wait %(num)d minute and try again.",
        "Too many codes were tried from this network. Please wait %(num)d minutes and try again.",
        minutes,
    )


def _code_form_page(form_class, template: str, use_code):
    """The two pages where a code is typed. `use_code(form)` runs in one attempt and
    returns (the account to sign in, the welcome, where to go next)."""
    if current_user.is_authenticated:
        return redirect(url_for("accounts.me"))
    form = form_class()
    if request.method == "POST" and (wait := limits.wait_after_failures(CODES)) is not None:
        page = render_template(template, form=form, wait=_wait_message(wait))
        return page, 429, {"Retry-After": str(math.ceil(wait))}
    if form.validate_on_submit():
        with attempt(form) as done:
            user, welcome, next_url = use_code(form)
        if done:
            start_session(user)
            flash(welcome, "success")
            return redirect(next_url, code=303)
        if isinstance(done.refusal, CodeRefused):
            limits.count_failure(CODES)
    return render_template(template, form=form, wait=None)


def _redeem(form):
    code = access_codes.redeem_code(
        form.code.data,
        display_name=form.display_name.data,
        language=str(get_locale()),
        now=g.now,
    )
    welcome = _(
        "Welcome, %(name)s! Keep your code: it is how you sign in again, until %(date)s.",
        name=code.redeemed_by.display_name,
        date=format_date(code.expires_at, "long"),
    )
    return code.redeemed_by, welcome, url_for("arenas.show", slug=code.arena.slug)


def _sign_in(form):
    user = access_codes.user_for_code(form.code.data, now=g.now)
    return user, _("You are signed in."), url_for("accounts.me")


@bp.route("/redeem", methods=["GET", "POST"])
def redeem():
    return _code_form_page(forms.RedeemForm, "workshops/redeem.html", _redeem)


@bp.route("/sign-in-with-code", methods=["GET", "POST"])
def sign_in_with_code():
    return _code_form_page(forms.CodeSignInForm, "workshops/code_sign_in.html", _sign_in)
