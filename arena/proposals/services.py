"""The only code that changes proposals and supports.

Services re-check the rules, change rows and flush; views commit once. When a
service refuses, it raises ActionRefused and the view rolls back, so nothing
is ever saved half-way.
"""

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import delete, func, select, update

from arena.arenas.models import CoBenefit, Cycle, Theme
from arena.core.database import added, insert_ignoring_duplicates
from arena.core.errors import ActionRefused, ensures
from arena.extensions import db
from arena.proposals import rules
from arena.proposals.models import Participation, Proposal, ProposalStatus, Support
from arena.workshops import rules as workshop_rules

# Raise ActionRefused, saying why, unless the user may do it in this cycle now.
ensure_can_propose = ensures(rules.why_not_propose)
ensure_can_support = ensures(rules.why_not_support)
ensure_can_withdraw_support = ensures(rules.why_not_withdraw_support)


def submit_proposal(
    user,
    cycle: Cycle,
    *,
    now: datetime,
    title: str,
    summary: str,
    theme: Theme,
    language: str,
    body: str = "",
    climate_effect: str = "",
    co_benefits: list[CoBenefit] = (),
    organisation=None,
    workshop=None,
) -> Proposal:
    """Add a proposal to the cycle; only while proposing is open, only by connected people.

    A proposal from paper has the `workshop` as its source, and the workshop is
    its author of record: it has no `author` (the facilitator who typed it in is in
    the audit log); what is checked is then the facilitator's right to enter the
    workshop's input (see `workshops.rules`), not a resident's.
    """
    if workshop is not None:
        reason = workshop_rules.why_not_enter_proposal(user, workshop, now=now)
        if reason is not None:
            raise ActionRefused(reason)
        cycle = workshop.cycle
    else:
        ensure_can_propose(user, cycle, now=now)
    if organisation is not None and not any(m.user_id == user.id for m in organisation.members):
        raise ActionRefused(
            _("You can only propose on behalf of an organisation you are a member of.")
        )
    return added(
        Proposal(
            cycle=cycle,
            theme=theme,
            author=user if workshop is None else None,
            organisation=organisation,
            workshop_id=workshop.id if workshop is not None else None,
            title=title,
            summary=summary,
            body=body,
            language=language,
            climate_effect=climate_effect,
            co_benefits=list(co_benefits),
            status=ProposalStatus.PUBLISHED,
            created_at=now,
            updated_at=now,
        )
    )


def _update_while_open(proposal_id: int, **values) -> bool:
    """Change the proposal's row only while it is published and visible: a merge or a
    hide committed meanwhile holds the row, so nothing can slip in after it."""
    changed = db.session.execute(
        update(Proposal)
        .where(
            Proposal.id == proposal_id,
            Proposal.status == ProposalStatus.PUBLISHED,
            Proposal.hidden_at.is_(None),
        )
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return changed.rowcount == 1


def add_support(user, proposal: Proposal, *, now: datetime) -> None:
    """Support a proposal: at most once, and never beyond the cycle's budget.

    The unique (proposal, user) row and the conditional budget UPDATE are both
    settled by the database, so racing requests cannot overshoot either.
    """
    cycle = proposal.cycle
    ensure_can_support(user, proposal, now=now)

    insert_ignoring_duplicates(Participation, user_id=user.id, cycle_id=cycle.id, supports_used=0)
    if not insert_ignoring_duplicates(
        Support, proposal_id=proposal.id, user_id=user.id, created_at=now
    ):
        raise ActionRefused(_("You already support this proposal."), status=409)
    used = db.session.execute(
        update(Participation)
        .where(
            Participation.user_id == user.id,
            Participation.cycle_id == cycle.id,
            # The budget as stored now, not as loaded with the page: a facilitator
            # lowering it meanwhile must count.
            Participation.supports_used
            < select(Cycle.support_budget).where(Cycle.id == cycle.id).scalar_subquery(),
        )
        .values(supports_used=Participation.supports_used + 1)
    )
    if used.rowcount != 1:
        raise ActionRefused(
            _(
                "You have used all %(budget)d of your supports in %(arena)s. Withdraw one to "
                "support this proposal.",
                budget=cycle.support_budget,
                arena=cycle.arena.name,
            ),
            status=409,
        )
    # Conditional on the proposal still being open: a merge or hide committed
    # since the page loaded holds this row, so the support cannot slip in after it.
    if not _update_while_open(proposal.id, support_count=Proposal.support_count + 1):
        raise ActionRefused(_("This proposal can no longer be supported."), status=409)
    db.session.expire(proposal, ["support_count"])


def withdraw_support(user, proposal: Proposal, *, now: datetime) -> None:
    """Take a support back while voting is open; the budget gets it back."""
    cycle = proposal.cycle
    ensure_can_withdraw_support(user, proposal, now=now)
    removed = db.session.execute(
        delete(Support).where(Support.proposal_id == proposal.id, Support.user_id == user.id)
    )
    if removed.rowcount != 1:
        raise ActionRefused(_("You do not support this proposal."), status=409)
    db.session.execute(
        update(Participation)
        .where(
            Participation.user_id == user.id,
            Participation.cycle_id == cycle.id,
            Participation.supports_used > 0,
        )
        .values(supports_used=Participation.supports_used - 1)
    )
    # An SQL expression, not Python arithmetic: concurrent changes must add up.
    db.session.execute(
        update(Proposal)
        .where(Proposal.id == proposal.id)
        .values(support_count=Proposal.support_count - 1)
        .execution_options(synchronize_session=False)
    )
    db.session.expire(proposal, ["support_count"])


# --- merges: the counters move with the supports ------------------------------------


@dataclass(frozen=True)
class SupportsMoved:
    """What moving one proposal's supports to another did."""

    doubled: tuple[int, ...] = ()  # people who supported both: the duplicate one is dropped
    refunded: int = 0  # budgets given a support back
    moved: int = 0  # supports now on the other proposal

    def __add__(self, other: "SupportsMoved") -> "SupportsMoved":
        return SupportsMoved(
            self.doubled + other.doubled, self.refunded + other.refunded, self.moved + other.moved
        )


def move_supports(from_proposal: Proposal, into_proposal: Proposal) -> SupportsMoved:
    """Move the supports of `from_proposal` onto `into_proposal`. Someone who supports
    both keeps the one on `into_proposal` and gets the other back into their budget.

    Conditional statements only (the unique (proposal, user) index settles races);
    the support counts are put right afterwards by `recount_supports`.
    """
    on_target = select(Support.user_id).where(Support.proposal_id == into_proposal.id)
    doubled = tuple(
        db.session.scalars(
            delete(Support)
            .where(Support.proposal_id == from_proposal.id, Support.user_id.in_(on_target))
            .returning(Support.user_id)
            .execution_options(synchronize_session=False)
        )
    )
    refunded = 0
    if doubled:
        refunded = db.session.execute(
            update(Participation)
            .where(
                Participation.cycle_id == from_proposal.cycle_id,
                Participation.user_id.in_(doubled),
                Participation.supports_used > 0,
            )
            .values(supports_used=Participation.supports_used - 1)
            .execution_options(synchronize_session=False)
        ).rowcount
    moved = db.session.execute(
        update(Support)
        .where(Support.proposal_id == from_proposal.id)
        .values(proposal_id=into_proposal.id)
        .execution_options(synchronize_session=False)
    ).rowcount
    return SupportsMoved(doubled, refunded, moved)


def recount_supports(*proposals: Proposal) -> None:
    """Set each proposal's support count from its support rows: exact whatever came before."""
    for proposal in proposals:
        db.session.execute(
            update(Proposal)
            .where(Proposal.id == proposal.id)
            .values(
                support_count=select(func.count(Support.id))
                .where(Support.proposal_id == proposal.id)
                .scalar_subquery()
            )
            .execution_options(synchronize_session=False)
        )


def _take_duplicate(source: Proposal, target: Proposal, now: datetime) -> None:
    taken = db.session.execute(
        update(Proposal)
        .where(Proposal.id == source.id, Proposal.status == ProposalStatus.PUBLISHED)
        .values(status=ProposalStatus.MERGED, merged_into_id=target.id, updated_at=now)
        .returning(Proposal.id)
        .execution_options(synchronize_session=False)
    ).first()
    if taken is None:
        raise ActionRefused(
            _("Someone else has just merged or changed this proposal. Nothing was changed."),
            409,
        )


def _hold_target(target: Proposal, now: datetime) -> None:
    if not _update_while_open(target.id, updated_at=now):
        raise ActionRefused(
            _("The proposal to merge into has just been merged or hidden. Nothing was changed."),
            409,
        )


def mark_merged(source: Proposal, target: Proposal, *, now: datetime) -> None:
    """Mark `source` merged into `target`, both still as they were when checked.

    Both rows are taken in id order, so two merges of one pair (A into B, B into A)
    queue behind each other; the later one finds them changed and is refused.
    """
    for proposal in sorted((source, target), key=lambda p: p.id):
        if proposal is source:
            _take_duplicate(source, target, now)
        else:
            _hold_target(target, now)


def merge_supports(source: Proposal, target: Proposal, *, now: datetime) -> SupportsMoved:
    """Mark the duplicate merged and move its supports and counters to the target.

    Rows are taken in the order a voter's request takes them (supports, then
    participations, then proposals), so a merge racing with supports or withdrawals
    waits for them, or they for it, without deadlocks; the unique (proposal, user)
    index and the conditional proposal UPDATEs settle who came first.
    """
    result = move_supports(source, target)
    mark_merged(source, target, now=now)
    # A support committed on the duplicate after the first pass and before its row was
    # taken would stay behind on it; now that no new one can come, move those too.
    result += move_supports(source, target)
    recount_supports(source, target)
    return result
