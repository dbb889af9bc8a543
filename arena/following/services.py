"""A person's own choices: following and unfollowing, reading notices, and how
notices come by mail. Nothing here is anyone else's business, so it is not in the
audit log; all of it goes with the account (accounts.deletion)."""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import delete, select, update

from arena.core.database import insert_ignoring_duplicates
from arena.core.errors import ActionRefused
from arena.extensions import db
from arena.following import followers, rules
from arena.following.models import (
    DEFAULT_FREQUENCY,
    DEFAULT_WEEKDAY,
    DigestClaim,
    Follow,
    MailFrequency,
    Notice,
    NoticeSetting,
    TargetKind,
)

TARGET_COLUMNS = {
    TargetKind.ARENA: "arena_id",
    TargetKind.PROPOSAL: "proposal_id",
    TargetKind.COMMITMENT: "commitment_id",
}


def _set_following(user, kind: TargetKind, target, following: bool, now: datetime) -> None:
    column = TARGET_COLUMNS[kind]
    changed = db.session.execute(
        update(Follow)
        .where(Follow.user_id == user.id, getattr(Follow, column) == target.id)
        .values(is_following=following, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    if changed.rowcount == 0:
        insert_ignoring_duplicates(
            Follow,
            user_id=user.id,
            is_following=following,
            created_at=now,
            updated_at=now,
            **{column: target.id},
        )


def follow(user, kind: TargetKind, target, *, now: datetime) -> None:
    """Follow the target (again). Following twice changes nothing."""
    reason = rules.why_not_follow(user, target)
    if reason:
        raise ActionRefused(reason, 403)
    _set_following(user, kind, target, True, now)


def unfollow(user, kind: TargetKind, target, *, now: datetime) -> None:
    """Stop following, also something followed automatically: the choice is kept, so
    supporting or joining again later does not follow it again."""
    if not getattr(user, "is_authenticated", False):
        raise ActionRefused(_("Sign in to follow."), 403)
    if followers.is_automatic(user, kind, target.id):
        _set_following(user, kind, target, False, now)
    else:
        db.session.execute(
            delete(Follow).where(
                Follow.user_id == user.id, getattr(Follow, TARGET_COLUMNS[kind]) == target.id
            )
        )


def mark_all_read(user, *, now: datetime) -> int:
    """Every unread notice of the person becomes read; returns how many."""
    result = db.session.execute(
        update(Notice)
        .where(Notice.user_id == user.id, Notice.read_at.is_(None))
        .values(read_at=now)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount


def mail_choice(user) -> tuple[str, int, bool]:
    """(frequency, weekday, reminders to report on) the person chose, or the defaults."""
    row = db.session.get(NoticeSetting, user.id)
    if row is None:
        return str(DEFAULT_FREQUENCY), DEFAULT_WEEKDAY, True
    return row.frequency, row.weekday, row.check_in_reminders


def _setting(user, now: datetime) -> NoticeSetting:
    row = db.session.get(NoticeSetting, user.id)
    if row is None:
        row = NoticeSetting(user_id=user.id, weekday=DEFAULT_WEEKDAY, check_in_reminders=True)
        db.session.add(row)
    row.updated_at = now
    return row


def set_mail_choice(
    user,
    frequency: str,
    weekday: int | None = None,
    *,
    check_in_reminders: bool | None = None,
    now: datetime,
) -> None:
    """How notices come by mail: at once, a daily or a weekly digest, or not at all.
    Choosing none also means no notice waiting now is ever mailed. Reminders to report
    stay as they were unless `check_in_reminders` says otherwise."""
    try:
        frequency = MailFrequency(frequency)
    except ValueError:
        raise ActionRefused(
            problems={"frequency": _("Choose how often you want mail.")}, status=400
        ) from None
    if weekday is not None and not 0 <= weekday <= 6:
        raise ActionRefused(problems={"weekday": _("Choose a day of the week.")}, status=400)
    row = _setting(user, now)
    row.frequency = str(frequency)
    if weekday is not None:
        row.weekday = weekday
    if check_in_reminders is not None:
        row.check_in_reminders = check_in_reminders
    if frequency == MailFrequency.NONE:
        db.session.execute(
            update(Notice)
            .where(Notice.user_id == user.id, Notice.mailed_at.is_(None))
            .values(mailed_at=now)
            .execution_options(synchronize_session=False)
        )
    db.session.flush()


def unsubscribe(user, *, now: datetime) -> None:
    """The mail's one-click link: no more notice mail (notices stay on the site)."""
    set_mail_choice(user, MailFrequency.NONE, now=now)


def stop_check_in_reminders(user, *, now: datetime) -> None:
    """A reminder mail's one-click link: no more reminders to report (notices as before)."""
    _setting(user, now).check_in_reminders = False
    db.session.flush()


def erase_following(user) -> None:
    """Account deletion: the person's follows, notices, mail choice and digests go."""
    for model in (Follow, Notice, NoticeSetting, DigestClaim):
        db.session.execute(delete(model).where(model.user_id == user.id))


def list_follows(user) -> list[Follow]:
    return list(
        db.session.scalars(select(Follow).where(Follow.user_id == user.id).order_by(Follow.id))
    )
