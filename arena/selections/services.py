"""Selection: the only code that decides on proposals and turns them into commitments.

Services re-check the rules, change rows and flush; views commit once. Every
decision, and every undone decision, is a row in the audit log with its
motivation.
"""

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import update

from arena.accounts.models import User
from arena.audit import services as audit
from arena.commitments import queries as commitment_queries
from arena.commitments.models import Commitment
from arena.commitments.services import check_owners, new_commitment, refuse_if
from arena.core.database import added
from arena.core.errors import ActionRefused
from arena.extensions import db
from arena.following import notices
from arena.following.models import NoticeKind
from arena.organisations.models import Organisation
from arena.proposals.models import Proposal, ProposalStatus
from arena.selections import queries, rules


def _refuse(user, proposal: Proposal, reason: str | None, *, now: datetime) -> None:
    """Not a facilitator, or outside the selection phase: 403; anything else is moot (409)."""
    refuse_if(reason, moot=rules.can_manage_selection(user, proposal.cycle, now=now))


def ensure_can_manage_selection(user, proposal: Proposal, *, now: datetime) -> None:
    """The arena's facilitators, in the selection phase; says why not otherwise."""
    _refuse(user, proposal, rules.why_not_manage_selection(user, proposal.cycle, now=now), now=now)


def ensure_can_decide(user, proposal: Proposal, *, now: datetime) -> None:
    _refuse(user, proposal, rules.why_not_decide(user, proposal, now=now), now=now)


def ensure_can_undo(user, proposal: Proposal, *, now: datetime) -> None:
    _refuse(user, proposal, rules.why_not_undo(user, proposal, now=now), now=now)


def _change_decision(proposal: Proposal, conditions: list, **values) -> None:
    """Change the proposal's decision only if it is still as the conditions say: the
    row is locked by the UPDATE, so two facilitators deciding at once cannot both win."""
    changed = db.session.execute(
        update(Proposal)
        .where(Proposal.id == proposal.id, *conditions)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if changed.rowcount != 1:
        raise ActionRefused(
            _("Someone changed this proposal a moment ago. Reload the page and try again."), 409
        )
    db.session.expire(proposal, list(values))


def _record_decision(
    proposal: Proposal, status: ProposalStatus, note: str | None, now: datetime
) -> None:
    """Change the proposal's status only if it is still open: the row is locked by the
    UPDATE, so two facilitators deciding at once cannot both succeed."""
    _change_decision(
        proposal,
        [Proposal.status == ProposalStatus.PUBLISHED, Proposal.hidden_at.is_(None)],
        status=status,
        decision_note=note,
        decided_at=now,
        updated_at=now,
    )


def allowed_owner_organisations(proposal: Proposal) -> list[Organisation]:
    """Organisations that may own the commitment: those active in the arena, and the
    organisation the proposal was made on behalf of."""
    organisations = commitment_queries.list_arena_organisations(proposal.cycle.arena)
    if proposal.organisation is not None and proposal.organisation not in organisations:
        organisations.append(proposal.organisation)
    return organisations


def select_proposal(actor, proposal: Proposal, *, now: datetime, **selection) -> Commitment:
    """Select the proposal and create the commitment it becomes (status planned);
    `selection` is what `record_selection` takes (motivation, title, description, owners).

    The commitment takes the language, theme and co-benefits of the proposal;
    its owners are chosen among the proposal's author, people connected to the
    arena, and organisations active there (or the proposal's own organisation).
    """
    ensure_can_decide(actor, proposal, now=now)
    _check_selection(proposal, **selection)
    return record_selection(actor, proposal, now=now, **selection)


def _check_selection(
    proposal: Proposal, *, motivation: str, owner_users=(), owner_organisations=(), **_content
) -> None:
    """A motivation, and at least one owner, each among those the proposal allows."""
    if not motivation:
        raise ActionRefused(
            problems={"motivation": _("Say why the proposal is selected.")}, status=409
        )
    arena = proposal.cycle.arena
    check_owners(
        owner_users,
        owner_organisations,
        allowed_organisations=allowed_owner_organisations(proposal),
        allowed_user=lambda u: u.id == proposal.author_id or u.is_connected_to(arena),
        arena=arena,
    )


def record_selection(
    actor,
    proposal: Proposal,
    *,
    now: datetime,
    motivation: str,
    title: str,
    description: str,
    owner_users: list[User] = (),
    owner_organisations: list[Organisation] = (),
) -> Commitment:
    """The writes of a selection, once the rules are checked: the proposal's decision,
    its commitment, and the audit row."""
    arena = proposal.cycle.arena
    _record_decision(proposal, ProposalStatus.SELECTED, motivation, now)
    commitment = added(
        new_commitment(
            actor,
            proposal.cycle,
            source=proposal,
            now=now,
            title=title,
            description=description,
            themes=[proposal.theme],
            proposals=[proposal],
            owner_users=list(owner_users),
            owner_organisations=list(owner_organisations),
        )
    )
    audit.record(
        actor,
        "proposal.select",
        arena=arena,
        target=proposal,
        reason=motivation,
        commitment_id=commitment.id,
        owner_user_ids=[u.id for u in owner_users],
        owner_organisation_ids=[o.id for o in owner_organisations],
    )
    notices.tell_proposal_followers(
        actor, proposal, NoticeKind.SELECTED, now=now, detail=motivation, related_id=commitment.id
    )
    return commitment


def not_select_proposal(actor, proposal: Proposal, *, now: datetime, motivation: str = "") -> None:
    """Mark the proposal as not selected, with an optional public motivation."""
    ensure_can_decide(actor, proposal, now=now)
    record_non_selection(actor, proposal, now=now, motivation=motivation)


def record_non_selection(actor, proposal: Proposal, *, now: datetime, motivation: str = "") -> None:
    _record_decision(proposal, ProposalStatus.NOT_SELECTED, motivation or None, now)
    audit.record(
        actor, "proposal.not_select", arena=proposal.cycle.arena, target=proposal, reason=motivation
    )
    notices.tell_proposal_followers(
        actor, proposal, NoticeKind.NOT_SELECTED, now=now, detail=motivation
    )


def undo_decision(actor, proposal: Proposal, *, now: datetime) -> None:
    """Reopen a decided proposal while selection is still going on.

    A selected proposal's commitment is deleted with it, but only while nothing
    has been attached to it (see `queries.has_attachments`); otherwise the undo
    is refused and nothing changes.
    """
    ensure_can_undo(actor, proposal, now=now)
    previous_status, previous_note = proposal.status, proposal.decision_note
    commitments = queries.list_commitments_of(proposal)
    if any(queries.has_attachments(c) for c in commitments):
        raise ActionRefused(
            _(
                "The commitment made from this proposal already has more linked to it, "
                "so the selection cannot be undone."
            ),
            409,
        )
    _change_decision(
        proposal,
        [Proposal.status == previous_status],
        status=ProposalStatus.PUBLISHED,
        decision_note=None,
        decided_at=None,
        updated_at=now,
    )
    for commitment in commitments:
        db.session.delete(commitment)
    db.session.flush()
    # The decision no longer holds: its notices not yet mailed are taken back; a new
    # decision tells the followers again.
    notices.withdraw(
        [NoticeKind.SELECTED, NoticeKind.NOT_SELECTED], now=now, proposal_id=proposal.id
    )
    audit.record(
        actor,
        "proposal.undo_decision",
        arena=proposal.cycle.arena,
        target=proposal,
        previous_status=str(previous_status),
        previous_motivation=previous_note,
        deleted_commitment_ids=[c.id for c in commitments] or None,
    )
