"""Demo commitments made from selected proposals; their indicators and measured
check-ins go through the commitments' own services, posted by an owner."""

from datetime import date, timedelta

from sqlalchemy import select

from arena.accounts.models import User
from arena.commitments import checkins, indicators
from arena.commitments.indicators import IndicatorData
from arena.commitments.models import Commitment
from arena.demo.common import date_audit_entry
from arena.extensions import db
from arena.proposals.models import Proposal
from arena.selections import services as selection_services


def commitment_from(
    proposal: Proposal,
    *,
    status: str,
    owners: list,
    organisations: list,
    decided_by: User,
    note: str,
) -> tuple[Commitment, bool]:
    """The commitment a selected proposal became (looked up by title and cycle): selected
    by the arena's facilitator `decided_by` through the selection service, three days
    after voting closed, so the decision, the commitment and the audit log agree."""
    found = db.session.scalar(
        select(Commitment).where(
            Commitment.cycle_id == proposal.cycle_id, Commitment.title == proposal.title
        )
    )
    if found is not None:
        return found, False
    decided_at = proposal.cycle.voting_closes_at + timedelta(days=3)
    commitment = selection_services.record_selection(
        decided_by,
        proposal,
        now=decided_at,
        motivation=note,
        title=proposal.title,
        description=proposal.summary,
        owner_users=owners,
        owner_organisations=organisations,
    )
    commitment.status = status
    date_audit_entry("proposal.select", proposal, decided_at)
    return commitment, True


def measure(commitment, values: dict, reported_on: date, author: User, note: str, now) -> None:
    """A measured check-in, posted by `author` (an owner) through the service at `now`."""
    checkins.record_check_in(
        author,
        commitment,
        now=now,
        reported_on=reported_on,
        note=note,
        confidence="medium",
        organisation=None,
        values=values,
        language="sv",
    )


def add_indicator(author: User, commitment: Commitment, now, **fields):
    """An indicator, added by `author` (an owner) through the service at `now`."""
    data = IndicatorData(**fields)
    return indicators.add_indicator(author, commitment, data, now=now)
