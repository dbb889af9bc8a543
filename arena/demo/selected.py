"""Demo commitments made from selected proposals; their indicators and measured
check-ins go through the commitments' own services, posted by an owner."""

from datetime import date, timedelta

from arena.accounts.models import User
from arena.commitments import checkins, indicators
from arena.commitments.indicators import IndicatorData
from arena.commitments.models import Commitment
from arena.demo.common import get_or_add
from arena.proposals.models import Proposal, ProposalStatus


def commitment_from(
    proposal: Proposal,
    *,
    status: str,
    owners: list,
    organisations: list,
    decided_by: User,
    note: str,
) -> tuple[Commitment, bool]:
    """The commitment a selected proposal became (looked up by title and cycle)."""
    commitment, created = get_or_add(
        Commitment,
        {"cycle_id": proposal.cycle_id, "title": proposal.title},
        arena_id=proposal.cycle.arena_id,
        description=proposal.summary,
        language=proposal.language,
        status=status,
        created_by_id=decided_by.id,
    )
    if created:
        commitment.proposals = [proposal]
        commitment.owner_users = owners
        commitment.owner_organisations = organisations
        commitment.themes = [proposal.theme]
        commitment.co_benefits = list(proposal.co_benefits)
        proposal.status = ProposalStatus.SELECTED
        proposal.decision_note = note
        proposal.decided_at = proposal.cycle.voting_closes_at + timedelta(days=3)
    return commitment, created


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
