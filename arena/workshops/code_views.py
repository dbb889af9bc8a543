"""Access codes: facilitators make and print them; people without e-mail use one
to create an account and, later, to sign in again.

The plain codes exist only between generating and printing. The generate POST
puts them in the facilitator's signed session cookie and redirects (303) to the
print page, which takes them out again as it shows them, with "no-store" so the
browser keeps no copy. That way reloading the sheet can never make a second
batch by re-posting the form, and the database and the logs never see a code.
The session cookie is signed, not encrypted: the codes in it are readable only to
the facilitator's own browser, which shows them on the sheet a moment later anyway.
"""

import hmac
import math
import secrets
from datetime import datetime, timedelta

from flask import flash, g, make_response, redirect, render_template, request, session, url_for
from flask_babel import force_locale, format_date, get_locale, ngettext
from flask_babel import gettext as _
from flask_login import current_user, login_required

from arena import limits
from arena.accounts.sessions import start_session
from arena.arenas import queries as arena_queries
from arena.arenas.models import Arena
from arena.core.actions import attempt
from arena.core.errors import ActionRefused, minutes_to_wait
from arena.extensions import db
from arena.workshops import access_codes, codes, forms, queries, services
from arena.workshops.access_codes import CodeRefused
from arena.workshops.views import bp, workshop_label

PRINT_KEY = "code_sheet"
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
        workshop = asked["workshop"]
        with attempt(form) as done:
            printed = access_codes.generate_codes(current_user, arena, now=g.now, **asked)
        if done:
            batch = secrets.token_urlsafe(12)
            # Without dashes, as one string: the smallest cookie for up to 200 codes.
            session[PRINT_KEY] = {
                "batch": batch,
                "arena": arena.id,
                "workshop": workshop.id if workshop else None,
                "codes": "".join(codes.normalise(code) for code in printed),
                "expires_at": (g.now + timedelta(days=form.days.data)).isoformat(),
            }
            return redirect(url_for("workshops.print_codes", batch=batch), code=303)
    return render_template(
        "workshops/codes.html",
        arena=arena,
        form=form,
        summary=queries.summarise_codes(arena, g.now),
    )


def _instructions(language: str, arena: Arena, expires_at: datetime, address: str) -> dict:
    """The sheet's texts in one language, whatever language the facilitator reads."""
    with force_locale(language):
        return {
            "language": language,
            "title": _("Take part in %(arena)s", arena=arena.name),
            "steps": [
                _("Go to %(address)s", address=address),
                _("Type the code and the name you want others to see."),
                _(
                    "Keep this paper: the code is how you sign in again, until %(date)s.",
                    date=format_date(expires_at, "long"),
                ),
            ],
        }


@bp.get("/codes/<batch>/print")
@login_required
def print_codes(batch):
    pending = session.pop(PRINT_KEY, None)
    # Bytes, not str: compare_digest refuses non-ASCII text, and anyone can type a URL.
    expected = str((pending or {}).get("batch", "")).encode()
    if not pending or not hmac.compare_digest(expected, batch.encode()):
        raise ActionRefused(
            _(
                "These codes were shown once and are no longer available: only their fingerprints "
                "are kept."
                " Make new codes if you need more."
            ),
            404,
        )
    arena = db.get_or_404(Arena, pending["arena"])
    services.ensure_can_generate_codes(current_user, arena)
    workshop = (
        queries.get_workshop_or_404(arena, pending["workshop"]) if pending["workshop"] else None
    )
    expires_at = datetime.fromisoformat(pending["expires_at"])
    address = url_for("workshops.redeem", _external=True)
    plain = pending["codes"]
    printed = [
        codes.format_code(plain[i : i + codes.LENGTH]) for i in range(0, len(plain), codes.LENGTH)
    ]
    response = make_response(
        render_template(
            "workshops/print.html",
            arena=arena,
            workshop=workshop,
            codes=printed,
            expires_at=expires_at,
            texts=[
                _instructions(language, arena, expires_at, address) for language in ("sv", "en")
            ],
        )
    )
    response.headers["Cache-Control"] = "no-store"
    return response


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
