"""The home page and the language switch."""

from flask import Blueprint, current_app, g, redirect, render_template, request, url_for
from flask_babel import format_date, get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from arena import i18n
from arena.accounts import services as account_services
from arena.arenas import queries as arena_queries
from arena.arenas.phases import PHASE_STARTS, Phase, last_open_day, phase_at
from arena.core.actions import attempt
from arena.core.security import safe_next
from arena.extensions import csrf

bp = Blueprint("pages", __name__)


# What the home page says of an arena in a phase: a message and the cycle date it names.
# Other phases are described by their general description.
PHASE_NOTES = {
    Phase.UPCOMING: (_l("Proposing opens on %(date)s."), "proposing_opens_at"),
    Phase.PROPOSING: (_l("The last day to send a proposal is %(date)s."), "voting_opens_at"),
    Phase.VOTING: (_l("The last day to vote is %(date)s."), "voting_closes_at"),
}
# Notes that name the phase's last open day rather than the next phase's start.
LAST_DAY_NOTES = (Phase.PROPOSING, Phase.VOTING)
# The yearly cycle as the home page explains it: the working phases, in order.
CYCLE_STEPS = tuple(phase for phase, _attr in PHASE_STARTS if phase != Phase.CLOSED)


def phase_note(cycle, phase: Phase) -> str:
    if phase not in PHASE_NOTES:
        return i18n.label(i18n.PHASE_DESCRIPTIONS, phase)
    message, attr = PHASE_NOTES[phase]
    day = getattr(cycle, attr)
    if phase in LAST_DAY_NOTES:
        day = last_open_day(day)
    return str(message) % {"date": format_date(day, "long")}


@bp.get("/")
def home():
    arenas = arena_queries.list_arenas()
    cycles = arena_queries.current_cycles_by_arena(arenas, g.now)
    overview = []
    for arena in arenas:
        cycle = cycles[arena.id]
        phase = phase_at(cycle, g.now) if cycle else None
        overview.append((arena, cycle, phase, phase_note(cycle, phase) if cycle else None))
    return render_template("pages/home.html", overview=overview, steps=CYCLE_STEPS)


# Long legal texts are written as whole pages per language rather than as
# hundreds of catalog entries; other languages get the English text, tagged so.
CONTENT_PAGE_LANGUAGES = ("sv", "en")


def _content_page(name: str):
    language = str(get_locale())
    content_language = language if language in CONTENT_PAGE_LANGUAGES else "en"
    return render_template(
        f"pages/{name}.html",
        content_template=f"pages/content/{name}.{content_language}.html",
        content_language=content_language,
        config=current_app.config,
    )


@bp.get("/accessibility")
def accessibility():
    """The accessibility statement (tillgänglighetsredogörelse) the DOS law requires."""
    return _content_page("accessibility")


@bp.get("/privacy")
def privacy():
    """The privacy notice: what we store, why, for how long, and your rights."""
    return _content_page("privacy")


@bp.post("/language")
@csrf.exempt
def set_language():
    """Remember the visitor's language in a cookie until the browser closes, and in the
    profile when signed in.

    For an anonymous visitor the form carries no CSRF token: a token would start a
    session on every page, and no page could then be cached for everybody. All a forged
    post could do is change a preference, and only to a language we offer. Changing a
    signed-in person's profile needs their token as every other change does."""
    if current_user.is_authenticated and current_app.config["WTF_CSRF_ENABLED"]:
        csrf.protect()
    code = request.form.get("language", "")
    response = redirect(safe_next(request.form.get("next")) or url_for("pages.home"), code=303)
    if i18n.chosen_language(code):
        response.set_cookie(
            i18n.LANGUAGE_COOKIE,
            code,
            secure=current_app.config["SESSION_COOKIE_SECURE"],
            httponly=True,
            samesite="Lax",
        )
        if current_user.is_authenticated:
            with attempt():
                account_services.set_language(current_user, code)
    return response
