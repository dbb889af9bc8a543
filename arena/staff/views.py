"""The staff area's front page: where each of staff's tools is."""

from flask import Blueprint, render_template
from flask_login import current_user, login_required

from arena.arenas import queries as arena_queries
from arena.core.errors import ActionRefused
from arena.staff import rules

bp = Blueprint("staff", __name__, url_prefix="/staff")


@bp.before_request
@login_required
def only_staff():
    """Every page under /staff is for city staff and administrators only."""
    reason = rules.why_not_use_staff_area(current_user)
    if reason:
        raise ActionRefused(reason)


@bp.get("/")
def index():
    return render_template("staff/index.html", arenas=arena_queries.list_arenas())
