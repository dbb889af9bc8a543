"""The audit log page of an arena."""

from flask import Blueprint, render_template
from flask_babel import gettext as _
from flask_login import current_user, login_required

from arena import i18n
from arena.arenas import queries as arena_queries
from arena.audit import queries
from arena.audit.changes import change_lines
from arena.audit.labels import ACTION_LABELS, ROLE_LABELS
from arena.audit.pseudonyms import audit_name
from arena.core.errors import ActionRefused
from arena.core.paging import requested_page
from arena.core.permissions import can_read_audit_log
from arena.extensions import db

# Under /moderation, where facilitators find it beside the reports queue.
bp = Blueprint("audit", __name__, url_prefix="/moderation")

AUDIT_PER_PAGE = 50


@bp.get("/<slug>/audit")
@login_required
def log(slug):
    arena = arena_queries.get_arena_by_slug_or_404(slug)
    if not can_read_audit_log(current_user, arena):
        raise ActionRefused(
            _(
                "Only the facilitators of %(arena)s, city staff and administrators "
                "can read its audit log.",
                arena=arena.name,
            )
        )
    page = requested_page()
    pagination = db.paginate(
        queries.audit_log_query(arena), page=page, per_page=AUDIT_PER_PAGE, error_out=False
    )
    return render_template(
        "audit/log.html",
        arena=arena,
        pagination=pagination,
        targets=queries.load_audit_targets(pagination.items),
        action_label=lambda key: i18n.label(ACTION_LABELS, key),
        role_label=lambda key: i18n.label(ROLE_LABELS, key),
        audit_name=audit_name,
        change_lines=change_lines,
    )
