"""The home page and the language switch."""

from flask import Blueprint, g, redirect, render_template, request, session, url_for
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
