"""The only code that changes reports and moderates content.

Every facilitator action, and the automatic hide after N reports, writes an
audit row in the same transaction. State changes are conditional UPDATEs, so
two facilitators acting on the same item at once cannot both succeed: the
second finds the row already changed and is told so.
"""

from contextlib import contextmanager
from datetime import datetime

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select, update
from sqlalchemy.exc import IntegrityError, OperationalError

from arena import i18n
from arena.arenas.phases import Action, why_not_in_phase
from arena.audit import services as audit
from arena.core.database import insert_ignoring_duplicates
from arena.core.errors import ActionRefused, refuse
from arena.core.permissions import is_signed_in, require_facilitator
from arena.extensions import db
from arena.following import notices
from arena.following.models import NoticeKind
from arena.moderation import rules
from arena.moderation.models import Report, ReportReason, ReportResolution
from arena.proposals import services as proposal_services
from arena.proposals.models import Comment, Proposal

# Stored (in the site's default language) as the hidden item's reason; pages show it
# translated into the reader's language instead, because is_auto_hidden is set.
AUTO_HIDE_REASON = _l(
    "Hidden automatically after several reports, until the facilitators have looked at it."
)

RACE_LOST = _l(
    "Someone else changed this at the same moment, so nothing was saved. Please try again."
)
REPORT_NOT_SAVED = _l("Your report could not be saved just now. Please try again.")

MAX_REASON_LENGTH = 500
HIDE_NOTICES = (NoticeKind.HIDDEN, NoticeKind.AUTO_HIDDEN)
MAX_NOTE_LENGTH = 1000


@contextmanager
def refused_if_race_lost(message=RACE_LOST):
    """Another facilitator or a voter changed the same rows at the same moment (on
    PostgreSQL possibly a deadlock the database broke): nothing is saved, and the
    person is told to try again. Works as a decorator too."""
    try:
        yield
    except (OperationalError, IntegrityError) as error:
        current_app.logger.info("Moderation action lost a race; nothing saved", exc_info=True)
        raise ActionRefused(str(message), 409) from error


def _model(item):
    return Proposal if isinstance(item, Proposal) else Comment


def _report_column(item):
    return Report.proposal_id if isinstance(item, Proposal) else Report.comment_id


def _open_reports(item):
    return (_report_column(item) == item.id, Report.resolved_at.is_(None))


def automatic_hide_reason() -> str:
    with force_locale(i18n.DEFAULT_LANGUAGE):
        return str(AUTO_HIDE_REASON)


# --- reports ---------------------------------------------------------------------


@refused_if_race_lost(REPORT_NOT_SAVED)
def report_item(
    user, item: Proposal | Comment, *, now: datetime, reason: str, note: str = ""
) -> None:
    """Record one person's report; the same person reporting the same item again adds nothing.

    When N different people have open reports on an item, it is hidden until a
    facilitator decides (N = AUTO_HIDE_REPORTS).
    """
    if not is_signed_in(user):
        raise ActionRefused(_("Sign in to report something."))
    if reason not in set(ReportReason):
        raise ActionRefused(_("Choose one of the reasons."), 400)
    if len(note) > MAX_NOTE_LENGTH:
        raise ActionRefused(
            _("The note can be at most %(num)d characters.", num=MAX_NOTE_LENGTH), 400
        )
    if item.is_hidden:
        raise ActionRefused(_("This is already hidden and waits for the facilitators."), 409)
    model = _model(item)
    # Reports of one item are counted one at a time: the row lock (PostgreSQL; SQLite
    # writes one at a time anyway) makes a racing report see this one, and vice versa.
    db.session.execute(select(model.id).where(model.id == item.id).with_for_update(key_share=True))
    target = {"proposal_id": item.id} if isinstance(item, Proposal) else {"comment_id": item.id}
    added = insert_ignoring_duplicates(
        Report,
        arena_id=rules.arena_of(item).id,
        reporter_id=user.id,
        reason=reason,
        note=note,
        created_at=now,
        **target,
    )
    if not added:
        raise ActionRefused(
            _("You have already reported this. The facilitators will look at it."), 409
        )
    _hide_if_reported_enough(item, now=now)


def _hide_if_reported_enough(item, *, now: datetime) -> None:
    limit = current_app.config.get("AUTO_HIDE_REPORTS", 3)
    if limit <= 0:
        return
    reporters = db.session.scalar(
        select(func.count(func.distinct(Report.reporter_id))).where(*_open_reports(item))
    )
    if reporters < limit:
        return
    model = _model(item)
    reason = automatic_hide_reason()
    hidden = db.session.execute(
        update(model)
        .where(model.id == item.id, model.hidden_at.is_(None))
        .values(hidden_at=now, hidden_reason=reason, hidden_by_id=None, is_auto_hidden=True)
        .execution_options(synchronize_session=False)
    )
    if hidden.rowcount == 1:
        if isinstance(item, Proposal):
            # Told like a facilitator's hide: to the followers, the proposal not named.
            notices.tell_proposal_followers(None, item, NoticeKind.AUTO_HIDDEN, now=now)
        _decided(None, item, "auto_hide", reason=reason, reports=reporters)
    db.session.expire(item)


def _resolve_reports(item, actor, *, now: datetime, resolution: ReportResolution) -> int:
    resolved = db.session.execute(
        update(Report)
        .where(*_open_reports(item))
        .values(resolved_at=now, resolved_by_id=actor.id, resolution=resolution)
        .execution_options(synchronize_session=False)
    )
    return resolved.rowcount


def count_open_reports(item) -> int:
    return db.session.scalar(select(func.count(Report.id)).where(*_open_reports(item))) or 0


# --- hide, restore, dismiss ------------------------------------------------------------


def _clean_reason(reason: str | None) -> str:
    reason = (reason or "").strip()
    if len(reason) > MAX_REASON_LENGTH:
        raise ActionRefused(
            _("The reason can be at most %(num)d characters.", num=MAX_REASON_LENGTH), 400
        )
    return reason


@refused_if_race_lost()
def hide_item(actor, item: Proposal | Comment, *, now: datetime, reason: str) -> None:
    """Hide with a public reason; an automatic hide becomes the facilitator's own."""
    arena = rules.arena_of(item)
    require_facilitator(actor, arena)
    reason = _clean_reason(reason)
    if not reason:
        raise ActionRefused(_("Give the public reason for hiding it."), 400)
    model = _model(item)
    hidden = db.session.execute(
        update(model)
        .where(model.id == item.id, or_(model.hidden_at.is_(None), model.is_auto_hidden.is_(True)))
        .values(hidden_at=now, hidden_reason=reason, hidden_by_id=actor.id, is_auto_hidden=False)
        .execution_options(synchronize_session=False)
    )
    if hidden.rowcount != 1:
        raise ActionRefused(_("This is already hidden."), 409)
    resolved = _resolve_reports(item, actor, now=now, resolution=ReportResolution.HIDDEN)
    if isinstance(item, Proposal):
        # The facilitator's decision replaces an automatic hide's notice not yet mailed.
        _withdraw_hide_notices(item, now=now, kinds=[NoticeKind.AUTO_HIDDEN])
        # Only the public reason goes to the followers; the proposal is not named.
        notices.tell_proposal_followers(actor, item, NoticeKind.HIDDEN, now=now, detail=reason)
    _decided(actor, item, "hide", reason=reason, reports=resolved)


def _decided(actor, item, verb: str, *, reason: str, reports: int, **details) -> None:
    """A decision on an item (a facilitator's, or the automatic hide) in the audit log; the
    item is read again."""
    audit.record(
        actor,
        f"{rules.kind_of(item)}.{verb}",
        arena=rules.arena_of(item),
        target=item,
        reason=reason,
        reports=reports,
        **details,
    )
    db.session.expire(item)


def _withdraw_hide_notices(item, *, now: datetime, kinds=HIDE_NOTICES) -> None:
    """A hide that no longer holds takes back its notices that no mail has told yet."""
    if isinstance(item, Proposal):
        notices.withdraw(kinds, now=now, proposal_id=item.id)


def _unhide(model, item_id: int, *, only_auto: bool) -> int:
    condition = model.is_auto_hidden.is_(True) if only_auto else model.hidden_at.is_not(None)
    shown = db.session.execute(
        update(model)
        .where(model.id == item_id, condition)
        .values(hidden_at=None, hidden_reason=None, hidden_by_id=None, is_auto_hidden=False)
        .execution_options(synchronize_session=False)
    )
    return shown.rowcount


@refused_if_race_lost()
def restore_item(actor, item: Proposal | Comment, *, now: datetime, reason: str = "") -> None:
    """Show a hidden item again, as it was; its open reports are resolved as restored."""
    arena = rules.arena_of(item)
    require_facilitator(actor, arena)
    reason = _clean_reason(reason)
    if _unhide(_model(item), item.id, only_auto=False) != 1:
        raise ActionRefused(_("This is not hidden."), 409)
    _withdraw_hide_notices(item, now=now)
    resolved = _resolve_reports(item, actor, now=now, resolution=ReportResolution.RESTORED)
    _decided(actor, item, "restore", reason=reason, reports=resolved)


@refused_if_race_lost()
def dismiss_reports(actor, item: Proposal | Comment, *, now: datetime, reason: str = "") -> None:
    """The reports do not hold: they are closed, and an automatic hide is undone."""
    arena = rules.arena_of(item)
    require_facilitator(actor, arena)
    reason = _clean_reason(reason)
    resolved = _resolve_reports(item, actor, now=now, resolution=ReportResolution.DISMISSED)
    if resolved == 0:
        raise ActionRefused(_("There are no open reports on this."), 409)
    restored = _unhide(_model(item), item.id, only_auto=True) == 1
    if restored:
        _withdraw_hide_notices(item, now=now)
    _decided(
        actor, item, "dismiss_reports", reason=reason, reports=resolved, restored=restored or None
    )


# --- merge ----------------------------------------------------------------------------


def ensure_can_merge(actor, source: Proposal, target: Proposal | None, *, now: datetime) -> None:
    """Raise ActionRefused, saying why, unless `source` may be merged into `target` now."""
    refuse(rules.why_not_moderate(actor, source.cycle.arena), 403)
    refuse(why_not_in_phase(source.cycle, Action.MERGE, now), 403)
    refuse(rules.why_not_merge_source(source), 409)
    if target is None:
        raise ActionRefused(_("Choose the proposal to merge into."), 400)
    refuse(rules.why_not_merge_target(source, target), 409)


@refused_if_race_lost()
def merge_proposal(
    actor, source: Proposal, target: Proposal, *, now: datetime, reason: str = ""
) -> None:
    """Merge a duplicate into another proposal of the same cycle.

    The duplicate gets status merged; its supports move to the target. Someone who
    supported both keeps one support (on the target) and gets the other back into
    their budget. Both support counts are recounted from the support rows.
    """
    ensure_can_merge(actor, source, target, now=now)
    apply_merge(actor, source, target, now=now, reason=_clean_reason(reason))


def apply_merge(
    actor, source: Proposal, target: Proposal, *, now: datetime, reason: str = ""
) -> None:
    """The merge itself, for callers that have checked the rules (merge_proposal, the demo).

    The proposals service moves the supports and keeps the counters right, race-safe;
    this settles the duplicate's reports and writes the audit row.
    """
    # Told before the supports move: the duplicate's supporters are its followers.
    notices.tell_proposal_followers(
        actor, source, NoticeKind.MERGED, now=now, detail=reason, related_id=target.id
    )
    moved = proposal_services.merge_supports(source, target, now=now)
    # The facilitator has decided about the duplicate: its reports are settled, and an
    # automatic hide (say after "duplicate" reports) gives way to the merged notice.
    resolved = _resolve_reports(source, actor, now=now, resolution=ReportResolution.MERGED)
    if _unhide(Proposal, source.id, only_auto=True):
        _withdraw_hide_notices(source, now=now, kinds=[NoticeKind.AUTO_HIDDEN])
    audit.record(
        actor,
        "proposal.merge",
        arena=source.cycle.arena,
        target=source,
        reason=reason,
        into=target.id,
        into_title=target.title,
        moved=moved.moved,
        doubled=len(moved.doubled),
        refunded=moved.refunded,
        reports=resolved,
    )
    db.session.expire(source)
    db.session.expire(target)
