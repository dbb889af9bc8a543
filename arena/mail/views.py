"""The admins' outbox page: what was sent, what waits, what failed and why.

Admins only: it shows recipients' addresses (personal data). It never shows a
message's body, whose links (password reset, verification) are secrets.
"""

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from arena.core.actions import attempt
from arena.core.forms import EmptyForm
from arena.core.paging import requested_page
from arena.core.permissions import require_admin
from arena.extensions import db
from arena.mail import queries, services
from arena.mail.models import MessageStatus, OutboxMessage

bp = Blueprint("mail", __name__, url_prefix="/mail")

OUTBOX_PER_PAGE = 50

STATUS_LABELS = {
    MessageStatus.PENDING: _l("Waiting"),
    MessageStatus.SENDING: _l("Being sent"),
    MessageStatus.SENT: _l("Sent"),
    MessageStatus.FAILED: _l("Failed"),
}
FILTER_LABELS = {
    "pending": _l("Waiting"),
    "sent": _l("Sent"),
    "failed": _l("Failed"),
}


@bp.get("/outbox")
@login_required
def outbox():
    require_admin(current_user)
    status = request.args.get("status")
    status = status if status in queries.FILTERS else None
    page = requested_page()
    pagination = db.paginate(
        queries.outbox_query(status), page=page, per_page=OUTBOX_PER_PAGE, error_out=False
    )
    return render_template(
        "mail/admin_outbox.html",
        pagination=pagination,
        status=status,
        counts=queries.count_by_status(),
        filter_labels=FILTER_LABELS,
        status_label=lambda key: str(STATUS_LABELS.get(key, key)),
        can_retry=services.can_retry,
        mail_server_configured=bool(current_app.config.get("MAIL_URL")),
        retry_form=EmptyForm(),
    )


@bp.post("/outbox/<int:message_id>/retry")
@login_required
def retry(message_id):
    require_admin(current_user)
    form = EmptyForm()
    if not form.validate_on_submit():
        abort(400)
    message = db.get_or_404(OutboxMessage, message_id)
    with attempt(flash_refusal=False) as done:
        services.retry_message(current_user, message, now=g.now)
    if done.refusal is not None:
        raise done.refusal
    flash(_("The message will be sent again at the worker's next round."), "success")
    return redirect(url_for("mail.outbox", status=request.args.get("status")), code=303)
