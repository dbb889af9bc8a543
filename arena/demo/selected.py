"""Demo commitments made from selected proposals, and their measured check-ins."""

from datetime import date, timedelta

from arena.accounts.models import User
from arena.commitments.models import CheckIn, CheckInKind, Commitment, IndicatorValue
from arena.demo.common import get_or_add
from arena.extensions import db
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


def measure(commitment, indicator_values: dict, reported_on: date, author: User, note: str):
    db.session.add(
        CheckIn(
            commitment=commitment,
            author=author,
            kind=CheckInKind.MEASUREMENT,
            reported_on=reported_on,
            note=note,
            language="sv",
            confidence="medium",
            values=[IndicatorValue(indicator=i, value=v) for i, v in indicator_values.items()],
        )
    )
