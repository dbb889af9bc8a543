"""The home page and the language switch."""

from flask import Blueprint, current_app, g, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_login import current_user

from arena import i18n
from arena.accounts import services as account_services
from arena.arenas import queries as arena_queries
from arena.arenas.phases import phase_at
from arena.core.security import safe_next
from arena.extensions import db

bp = Blueprint("pages", __name__)


@bp.get("/")
def home():
    arenas = arena_queries.list_arenas()
    cycles = arena_queries.current_cycles_by_arena(arenas, g.now)
    overview = [
        (arena, cycles[arena.id], phase_at(cycles[arena.id], g.now) if cycles[arena.id] else None)
        for arena in arenas
    ]
    return render_template("pages/home.html", overview=overview)


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
def set_language():
    """Remember the visitor's language in the session, and in the profile when signed in."""
    code = request.form.get("language", "")
    if code in i18n.LANGUAGES:
        session[i18n.SESSION_KEY] = code
        if current_user.is_authenticated:
            account_services.set_language(current_user, code)
            db.session.commit()
    return redirect(safe_next(request.form.get("next")) or url_for("pages.home"), code=303)
