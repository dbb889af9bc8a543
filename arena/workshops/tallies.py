"""Dot votes from a workshop: the only code that changes them."""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import delete, insert
from sqlalchemy.exc import IntegrityError

from arena.core.errors import ActionRefused
from arena.extensions import db
from arena.workshops import queries
from arena.workshops.models import Workshop, WorkshopTally
from arena.workshops.services import ensure_can_save_tallies, record_action

MAX_VOTES = 10_000


def save_tallies(
    actor,
    workshop: Workshop,
    votes: dict[int, int],
    *,
    now: datetime,
    shown: set[int] | None = None,
) -> None:
    """Replace the workshop's dot votes with `votes` ({proposal id: votes}): all of
    them, or, given `shown` (the proposals whose boxes the form showed, in a cycle too
    large for a box each), those of `shown`, the others left as they were.

    Delete and insert happen in one transaction, so the tallies are never seen
    half-replaced; the unique (workshop, proposal) constraint turns two saves
    racing each other into a clear refusal instead of double rows. Workshop
    votes stay in their own table and are never added to online support counts.
    """
    ensure_can_save_tallies(actor, workshop, now=now)
    allowed = {p.id for p in queries.list_tally_proposals(workshop, ids=shown)}
    if not set(votes) <= allowed:
        raise ActionRefused(_("Dot votes can only be given to proposals of this cycle."), 400)
    if any(not 0 <= value <= MAX_VOTES for value in votes.values()):
        raise ActionRefused(_("Enter a number of votes from 0 to %(max)d.", max=MAX_VOTES), 400)
    before = queries.get_tally_values(workshop)
    replaced = delete(WorkshopTally).where(WorkshopTally.workshop_id == workshop.id)
    if shown is not None:
        replaced = replaced.where(WorkshopTally.proposal_id.in_(allowed))
        before = {i: v for i, v in before.items() if i in allowed}
    db.session.execute(replaced)
    if votes:
        try:
            db.session.execute(
                insert(WorkshopTally),
                [
                    {"workshop_id": workshop.id, "proposal_id": proposal_id, "votes": value}
                    for proposal_id, value in sorted(votes.items())
                ],
            )
        except IntegrityError as error:
            raise ActionRefused(
                _(
                    "Someone saved these dot votes at the same moment. Reload the page and check "
                    "the numbers."
                ),
                409,
            ) from error
    db.session.expire(workshop, ["tallies"])
    record_action(
        actor,
        "workshop.save_tallies",
        workshop,
        proposals=len(votes),
        votes=sum(votes.values()),
        votes_before=sum(before.values()),
    )
