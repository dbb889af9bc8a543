"""Sending the reminders: one mail per owner and commitment for each new due period.

Each (indicator, owner, due period) is claimed by adding its row with INSERT … ON
CONFLICT DO NOTHING before the mail is queued in the same transaction, so two runs at
once — on two machines — never send the same reminder twice: the second run's insert
waits for the first's transaction and then finds the row. Rows are claimed in one
order (commitment, owner, indicator), so two runs never wait for each other in a ring.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from arena.accounts.models import User
from arena.accounts.rules import has_confirmed_address
from arena.commitments.models import Commitment
from arena.core.database import insert_ignoring_duplicates
from arena.extensions import db
from arena.following.mails import unsubscribe_link
from arena.following.queries import list_without_reminders
from arena.mail import outbox
from arena.organisations.models import Organisation, OrganisationMember
from arena.reminders.models import CheckInReminder
from arena.reminders.queries import DueIndicator, list_due_indicators


def _owners(commitment_ids) -> dict[int, list[User]]:
    """Each commitment's owners: its owner accounts and the members of its owning
    organisations (those who may post its measured check-ins), by id, without the deleted."""
    commitments = db.session.scalars(
        select(Commitment)
        .where(Commitment.id.in_(commitment_ids))
        .options(
            selectinload(Commitment.owner_users),
            selectinload(Commitment.owner_organisations)
            .selectinload(Organisation.members)
            .selectinload(OrganisationMember.user),
        )
    )
    found = {}
    for commitment in commitments:
        people = {u.id: u for u in commitment.owner_users}
        for organisation in commitment.owner_organisations:
            people.update({m.user.id: m.user for m in organisation.members})
        found[commitment.id] = [
            people[key] for key in sorted(people) if people[key].deleted_at is None
        ]
    return found


def _claim(due: DueIndicator, user: User, now: datetime) -> bool:
    return insert_ignoring_duplicates(
        CheckInReminder,
        indicator_id=due.indicator.id,
        user_id=user.id,
        due_on=due.due_on,
        sent_at=now,
    )


def _mail(user: User, commitment: Commitment, claimed: list[DueIndicator]) -> None:
    link, headers = unsubscribe_link(user, "reminders")
    outbox.queue_for_user(
        user,
        "check_in_due",
        subject=_l("Time to report on “%(title)s”", title=commitment.title),
        headers=headers,
        unsubscribe_url=link,
        commitment=commitment,
        due=claimed,
        check_in_url=outbox.external_url("commitments.new_check_in", commitment_id=commitment.id),
        commitment_url=outbox.external_url("commitments.show", commitment_id=commitment.id),
    )


def send_reminders(now: datetime) -> int:
    """Queue the reminders that are due; returns how many mails were queued. The caller
    commits (once, so the claimed rows and their mail are kept or lost together)."""
    by_commitment: dict[int, list[DueIndicator]] = defaultdict(list)
    for due in list_due_indicators(now):
        by_commitment[due.commitment.id].append(due)
    if not by_commitment:
        return 0
    owners = _owners(list(by_commitment))
    # Only a proven address, and only for those who did not turn reminders off.
    unwilling = list_without_reminders({u.id for people in owners.values() for u in people})
    sent = 0
    for commitment_id in sorted(by_commitment):
        items = by_commitment[commitment_id]
        for user in owners.get(commitment_id, []):
            if not has_confirmed_address(user) or user.id in unwilling:
                continue
            claimed = [due for due in items if _claim(due, user, now)]
            if claimed:
                _mail(user, items[0].commitment, claimed)
                sent += 1
    return sent
