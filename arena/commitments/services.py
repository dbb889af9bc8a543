"""Selection: the only code that decides on proposals and turns them into commitments.

Services re-check the rules, change rows and flush; views commit once. Every
decision, and every undone decision, is a row in the audit log with its
motivation.
"""

from datetime import datetime

from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import update

from arena.accounts.models import User
from arena.arenas.phases import Phase, phase_at
from arena.audit import services as audit
from arena.commitments import queries, rules
from arena.commitments.models import Commitment, CommitmentStatus
from arena.core.errors import ActionRefused
from arena.core.permissions import require_facilitator
from arena.extensions import db
from arena.organisations.models import Organisation
from arena.proposals.models import Proposal, ProposalStatus


def _refuse_outside_selection(proposal: Proposal, now: datetime) -> None:
    cycle = proposal.cycle
    if phase_at(cycle, now) == Phase.SELECTION:
        return
    dates = {
        "arena": cycle.arena.name,
        "start": format_date(cycle.voting_closes_at, "long"),
        "end": format_date(cycle.testing_starts_at, "long"),
    }
    if now < cycle.voting_closes_at:
        raise ActionRefused(
            _("Selection in %(arena)s starts when voting closes on %(start)s.", **dates)
        )
    raise ActionRefused(
        _(
            "Selection in %(arena)s ended when testing started on %(end)s. To keep "
            "selecting, move the date testing starts.",
            **dates,
        )
    )


def ensure_can_manage_selection(user, proposal: Proposal, *, now: datetime) -> None:
    """The arena's facilitators, in the selection phase; says why not otherwise."""
    require_facilitator(user, proposal.cycle.arena)
    _refuse_outside_selection(proposal, now)


def ensure_can_decide(user, proposal: Proposal, *, now: datetime) -> None:
    if rules.can_decide(user, proposal, now=now):
        return
    ensure_can_manage_selection(user, proposal, now=now)
    if proposal.status in rules.DECIDED:
        raise ActionRefused(
            _("This proposal has already been decided on. Undo that decision first."), 409
        )
    raise ActionRefused(_("Hidden, merged and withdrawn proposals are not decided on."), 409)


def ensure_can_undo(user, proposal: Proposal, *, now: datetime) -> None:
    if rules.can_undo_decision(user, proposal, now=now):
        return
    ensure_can_manage_selection(user, proposal, now=now)
    raise ActionRefused(_("This proposal has not been decided on."), 409)


def _record_decision(
    proposal: Proposal, status: ProposalStatus, note: str | None, now: datetime
) -> None:
    """Change the proposal's status only if it is still open: the row is locked by the
    UPDATE, so two facilitators deciding at once cannot both succeed."""
    changed = db.session.execute(
        update(Proposal)
        .where(
            Proposal.id == proposal.id,
            Proposal.status == ProposalStatus.PUBLISHED,
            Proposal.hidden_at.is_(None),
        )
        .values(status=status, decision_note=note, decided_at=now, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    if changed.rowcount != 1:
        raise ActionRefused(
            _("Someone changed this proposal a moment ago. Reload the page and try again."), 409
        )
    db.session.expire(proposal, ["status", "decision_note", "decided_at", "updated_at"])


def allowed_owner_organisations(proposal: Proposal) -> list[Organisation]:
    """Organisations that may own the commitment: those active in the arena, and the
    organisation the proposal was made on behalf of."""
    organisations = queries.list_arena_organisations(proposal.cycle.arena)
    if proposal.organisation is not None and proposal.organisation not in organisations:
        organisations.append(proposal.organisation)
    return organisations


def select_proposal(
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
    """Select the proposal and create the commitment it becomes (status planned).

    The commitment takes the language, theme and co-benefits of the proposal;
    its owners are chosen among the proposal's author, people connected to the
    arena, and organisations active there (or the proposal's own organisation).
    """
    ensure_can_decide(actor, proposal, now=now)
    if not motivation:
        raise ActionRefused(_("Say why the proposal is selected."), 409)
    if not owner_users and not owner_organisations:
        raise ActionRefused(_("Choose at least one owner."), 409)
    arena = proposal.cycle.arena
    allowed = {o.id for o in allowed_owner_organisations(proposal)}
    if any(o.id not in allowed for o in owner_organisations):
        raise ActionRefused(
            _("Owners must be organisations active in %(arena)s.", arena=arena.name), 409
        )
    if any(u.id != proposal.author_id and not u.is_connected_to(arena) for u in owner_users):
        raise ActionRefused(
            _("Owners must be people taking part in %(arena)s.", arena=arena.name), 409
        )

    return record_selection(
        actor,
        proposal,
        now=now,
        motivation=motivation,
        title=title,
        description=description,
        owner_users=owner_users,
        owner_organisations=owner_organisations,
    )


def record_selection(
    actor,
    proposal: Proposal,
    *,
    now: datetime,
    motivation: str,
    title: str,
    description: str,
    owner_users=(),
    owner_organisations=(),
) -> Commitment:
    """The writes of a selection, once the rules are checked (the demo data uses it
    directly): the proposal's decision, its commitment, and the audit row."""
    arena = proposal.cycle.arena
    _record_decision(proposal, ProposalStatus.SELECTED, motivation, now)
    commitment = Commitment(
        arena_id=arena.id,
        cycle_id=proposal.cycle_id,
        title=title,
        description=description,
        language=proposal.language,
        status=CommitmentStatus.PLANNED,
        created_by_id=getattr(actor, "id", None),
        created_at=now,
        themes=[proposal.theme],
        co_benefits=list(proposal.co_benefits),
        proposals=[proposal],
        owner_users=list(owner_users),
        owner_organisations=list(owner_organisations),
    )
    db.session.add(commitment)
    db.session.flush()
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
    changed = db.session.execute(
        update(Proposal)
        .where(Proposal.id == proposal.id, Proposal.status == previous_status)
        .values(
            status=ProposalStatus.PUBLISHED, decision_note=None, decided_at=None, updated_at=now
        )
        .execution_options(synchronize_session=False)
    )
    if changed.rowcount != 1:
        raise ActionRefused(
            _("Someone changed this proposal a moment ago. Reload the page and try again."), 409
        )
    db.session.expire(proposal, ["status", "decision_note", "decided_at", "updated_at"])
    for commitment in commitments:
        db.session.delete(commitment)
    db.session.flush()
    audit.record(
        actor,
        "proposal.undo_decision",
        arena=proposal.cycle.arena,
        target=proposal,
        previous_status=str(previous_status),
        previous_motivation=previous_note,
        deleted_commitment_ids=[c.id for c in commitments] or None,
    )
