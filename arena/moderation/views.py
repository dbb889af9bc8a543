"""Reports from users; the facilitators' queue, moderation actions and the audit log."""

from flask import (
    Blueprint,
    current_app,
    flash,
    g,
    has_request_context,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from sqlalchemy import exists, select
from sqlalchemy.exc import SQLAlchemyError

from arena import i18n
from arena.arenas import queries as arena_queries
from arena.core.actions import attempt
from arena.core.confirm import is_confirmed
from arena.core.errors import ActionRefused
from arena.core.permissions import is_staff, require_facilitator
from arena.extensions import db
from arena.moderation import queries, rules, services
from arena.moderation.forms import DecisionForm, HideForm, MergeForm, ReportForm
from arena.moderation.merge_choices import merge_choices
from arena.moderation.models import Report
from arena.proposals import comments as comment_queries
from arena.proposals import queries as proposal_queries
from arena.proposals.models import Proposal

bp = Blueprint("moderation", __name__, url_prefix="/moderation")


# --- shown on other pages ------------------------------------------------------------


@bp.app_context_processor
def inject_report_nav():
    """The facilitator's "Reports (N)" link: one query, and none for visitors."""
    if not has_request_context() or not current_user.is_authenticated:
        return {"report_nav": None}
    try:
        facilitates, open_reports = queries.get_report_nav(current_user)
    except SQLAlchemyError:
        # Never let the menu break a page (an error page least of all).
        db.session.rollback()
        current_app.logger.warning("Could not count open reports for the menu", exc_info=True)
        return {"report_nav": None}
    return {"report_nav": {"open_reports": open_reports} if facilitates else None}


@bp.app_template_global()
def hidden_notice(item) -> str:
    """The public placeholder of a hidden proposal or comment, in the reader's language."""
    if item.is_auto_hidden:
        return str(services.AUTO_HIDE_REASON)
    return _("Hidden by the facilitators: %(reason)s", reason=item.hidden_reason or "")


@bp.app_template_global()
def can_report_item(item) -> bool:
    return rules.can_report(current_user, item)


@bp.app_template_global()
def can_moderate_arena(arena) -> bool:
    return rules.can_moderate(current_user, arena)


@bp.app_template_global()
def report_reason_label(key) -> str:
    return i18n.label(i18n.REPORT_REASON_LABELS, key)


# --- reporting (anyone signed in) ------------------------------------------------------


def _public_url(item) -> str:
    if isinstance(item, Proposal):
        return url_for("proposals.show", proposal_id=item.id)
    return comment_queries.comment_url(item)


def _already_reported(user, item) -> bool:
    column = Report.proposal_id if isinstance(item, Proposal) else Report.comment_id
    return db.session.scalar(
        select(exists().where(column == item.id, Report.reporter_id == user.id))
    )


def _report(item):
    back = _public_url(item)
    arena = rules.arena_of(item)
    if item.is_hidden:
        flash(_("This is already hidden and waits for the facilitators."), "info")
        return redirect(back, code=303)
    if request.method == "GET" and _already_reported(current_user, item):
        flash(_("You have already reported this. The facilitators will look at it."), "info")
        return redirect(back, code=303)
    form = ReportForm()
    if not form.validate_on_submit():
        return render_template(
            "moderation/report.html", form=form, item=item, kind=rules.kind_of(item), arena=arena
        )
    with attempt(form) as done:
        services.report_item(
            current_user, item, now=g.now, reason=form.reason.data, note=form.note.data or ""
        )
    if done:
        flash(
            _(
                "Thank you. The facilitators of %(arena)s will look at your report.",
                arena=arena.name,
            ),
            "success",
        )
    return redirect(back, code=303)


@bp.route("/proposals/<int:proposal_id>/report", methods=["GET", "POST"])
@login_required
def report_proposal(proposal_id):
    return _report(_load("proposal", proposal_id))


@bp.route("/comments/<int:comment_id>/report", methods=["GET", "POST"])
@login_required
def report_comment(comment_id):
    return _report(_load("comment", comment_id))


# --- the facilitators' pages ---------------------------------------------------------------


@bp.get("/")
@login_required
def index():
    """The facilitator's arenas with their open reports; staff and admins reach the audit logs."""
    moderated = queries.list_moderated_arenas(current_user)
    readable = arena_queries.list_arenas() if is_staff(current_user) else []
    if not moderated and not readable:
        raise ActionRefused(
            _("Only facilitators, city staff and administrators can see this page.")
        )
    return render_template("moderation/index.html", moderated=moderated, readable=readable)


@bp.get("/<slug>/reports")
@login_required
def reports(slug):
    arena = arena_queries.get_arena_by_slug_or_404(slug)
    require_facilitator(current_user, arena)
    return render_template(
        "moderation/reports.html", arena=arena, groups=queries.list_open_report_groups(arena)
    )


def _item_page(item, *, forms=None, status=200, merge_into=None):
    """The moderation page of one proposal or comment, with the forms its state allows."""
    forms = forms or {}
    open_reports = queries.list_open_reports(item)
    context = {
        "item": item,
        "kind": rules.kind_of(item),
        "arena": rules.arena_of(item),
        "open_reports": open_reports,
        "hide_form": forms.get("hide") or HideForm(prefix="hide", formdata=None),
        "restore_form": forms.get("restore") or DecisionForm(prefix="restore", formdata=None),
        "dismiss_form": forms.get("dismiss") or DecisionForm(prefix="dismiss", formdata=None),
        "can_hide": rules.can_hide(current_user, item),
        "can_restore": rules.can_restore(current_user, item),
        "can_dismiss": rules.can_dismiss(current_user, item, len(open_reports)),
    }
    if isinstance(item, Proposal):
        merge_form = forms.get("merge") or MergeForm(prefix="merge", formdata=None)
        if "merge" not in forms:  # a link from the likely duplicates names the target
            merge_form.into.data = request.args.get("into", "")[:12]
        choices = merge_choices(
            item,
            current_user,
            wanted=str(merge_form.into.data or "").strip(),
            query=request.args.get("merge_q", ""),
        )
        merge_form.into.choices = [("", _("Choose a proposal"))] + [
            (str(p.id), p.title) for p in choices.proposals
        ]
        context.update(
            merge_form=merge_form,
            merge_choices=choices,
            can_merge=rules.can_merge(current_user, item, now=g.now),
            merged_from=queries.list_merged_into(item),
            merge_into=merge_into,  # the target, while the merge waits for a yes
        )
    return render_template("moderation/item.html", **context), status


def _load(kind: str, item_id: int):
    if kind == "proposal":
        return proposal_queries.get_proposal_or_404(item_id)
    return comment_queries.get_comment_or_404(item_id)


def _moderation_url(item) -> str:
    if isinstance(item, Proposal):
        return url_for("moderation.proposal", proposal_id=item.id)
    return url_for("moderation.comment", comment_id=item.id)


def _moderation_page(kind: str, item_id: int):
    """One proposal's or comment's moderation page, for the facilitators of its arena."""
    item = _load(kind, item_id)
    require_facilitator(current_user, rules.arena_of(item))
    return _item_page(item)


@bp.get("/proposals/<int:proposal_id>")
@login_required
def proposal(proposal_id):
    return _moderation_page("proposal", proposal_id)


@bp.get("/comments/<int:comment_id>")
@login_required
def comment(comment_id):
    return _moderation_page("comment", comment_id)


def _act(item, form_key: str, form, action, done_message: str):
    """Check the role, the input, then act; refusals and lost races say why and change nothing."""
    require_facilitator(current_user, rules.arena_of(item))
    if not form.validate_on_submit():
        return _item_page(item, forms={form_key: form}, status=400)
    with attempt() as done:
        action()
    if done:
        flash(done_message, "success")
    return redirect(_moderation_url(item), code=303)


# The facilitator's decisions on an item: the form, the service, the form field that
# gives the service its reason, and what to say when it is done.
DECISIONS = {
    "hide": (
        HideForm,
        services.hide_item,
        "reason",
        _l("It is hidden. The public reason is shown in its place."),
    ),
    "restore": (DecisionForm, services.restore_item, "note", _l("It is shown again.")),
    "dismiss": (
        DecisionForm,
        services.dismiss_reports,
        "note",
        _l("The reports are dismissed. It stays visible."),
    ),
}


def _decide(item, verb: str):
    form_class, service, field, done_message = DECISIONS[verb]
    form = form_class(prefix=verb)
    return _act(
        item,
        verb,
        form,
        lambda: service(current_user, item, now=g.now, reason=form[field].data or ""),
        str(done_message),
    )


def _item_action(kind: str, verb: str):
    @login_required
    def view(item_id):
        return _decide(_load(kind, item_id), verb)

    return view


# POST /moderation/<kind>s/<id>/<verb>, one endpoint each: hide_proposal, hide_comment,
# restore_proposal, restore_comment, dismiss_proposal_reports, dismiss_comment_reports.
for _kind in ("proposal", "comment"):
    for _verb, _endpoint in (
        ("hide", f"hide_{_kind}"),
        ("restore", f"restore_{_kind}"),
        ("dismiss", f"dismiss_{_kind}_reports"),
    ):
        bp.add_url_rule(
            f"/{_kind}s/<int:item_id>/{_verb}",
            endpoint=_endpoint,
            view_func=_item_action(_kind, _verb),
            methods=["POST"],
        )


def _ask_merge(source, target, form):
    """What the merge will do, with the "Yes" button; nothing changes yet."""
    require_facilitator(current_user, rules.arena_of(source))
    with attempt() as allowed:  # only the checks: a refusal says why now, not after the yes
        services.ensure_can_merge(current_user, source, target, now=g.now)
    if not allowed:
        return redirect(_moderation_url(source), code=303)
    return _item_page(source, forms={"merge": form}, merge_into=target)


@bp.post("/proposals/<int:proposal_id>/merge")
@login_required
def merge(proposal_id):
    source = _load("proposal", proposal_id)
    form = MergeForm(prefix="merge")
    chosen = (form.into.data or "").strip()
    target = (
        queries.find_proposal(int(chosen)) if chosen.isdecimal() and len(chosen) <= 12 else None
    )
    if chosen and target is None:
        # A number no proposal has, or not a number at all: one clear refusal.
        require_facilitator(current_user, rules.arena_of(source))
        flash(_("Choose the proposal to merge into."), "error")
        return redirect(_moderation_url(source), code=303)
    if target is not None and not is_confirmed() and form.validate_on_submit():
        return _ask_merge(source, target, form)
    return _act(
        source,
        "merge",
        form,
        lambda: services.merge_proposal(
            current_user, source, target, now=g.now, reason=form.reason.data or ""
        ),
        _(
            "The proposal is merged into “%(title)s”. Its supports moved there.",
            title=target.title if target else "",
        ),
    )
