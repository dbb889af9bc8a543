"""The only code that changes proposals and supports.

Services re-check the rules, change rows and flush; views commit once. When a
service refuses, it raises ActionRefused and the view rolls back, so nothing
is ever saved half-way.
"""

from datetime import datetime

from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import delete, select, update

from arena.arenas.models import CoBenefit, Cycle, Theme
from arena.arenas.phases import Phase, phase_at
from arena.core.database import insert_ignoring_duplicates
from arena.core.errors import ActionRefused
from arena.extensions import db
from arena.proposals import rules
from arena.proposals.models import Participation, Proposal, ProposalStatus, Support
from arena.workshops import rules as workshop_rules


def _why_not_in_phase(cycle: Cycle, wanted: Phase, now: datetime) -> str:
    opens = {Phase.PROPOSING: cycle.proposing_opens_at, Phase.VOTING: cycle.voting_opens_at}[wanted]
    closes = {Phase.PROPOSING: cycle.voting_opens_at, Phase.VOTING: cycle.voting_closes_at}[wanted]
    arena = cycle.arena.name
    if now < opens:
        if wanted == Phase.PROPOSING:
            return _(
                "Proposing in %(arena)s opens on %(date)s.",
                arena=arena,
                date=format_date(opens, "long"),
            )
        return _(
            "Voting in %(arena)s opens on %(date)s.", arena=arena, date=format_date(opens, "long")
        )
    if wanted == Phase.PROPOSING:
        return _(
            "Proposing in %(arena)s closed on %(date)s.",
            arena=arena,
            date=format_date(closes, "long"),
        )
    return _(
        "Voting in %(arena)s closed on %(date)s.", arena=arena, date=format_date(closes, "long")
    )


# The reasons are given in this order: the phase first, because declaring a
# connection would not help while the phase is closed; then the connection.


def _refuse_unless_in_phase(cycle: Cycle, wanted: Phase, now: datetime) -> None:
    if phase_at(cycle, now) != wanted:
        raise ActionRefused(_why_not_in_phase(cycle, wanted, now))


def _not_connected(cycle: Cycle) -> ActionRefused:
    return ActionRefused(
        _(
            "Tell us how you are connected to %(arena)s before you take part there.",
            arena=cycle.arena.name,
        )
    )


def ensure_can_propose(user, cycle: Cycle, *, now: datetime) -> None:
    """Raise ActionRefused, saying why, unless the user may propose in this cycle now."""
    if not rules.can_propose(user, cycle, now=now):
        _refuse_unless_in_phase(cycle, Phase.PROPOSING, now)
        raise _not_connected(cycle)


def ensure_can_support(user, proposal: Proposal, *, now: datetime) -> None:
    if not rules.can_support(user, proposal, now=now):
        _refuse_unless_in_phase(proposal.cycle, Phase.VOTING, now)
        if proposal.status != ProposalStatus.PUBLISHED or proposal.is_hidden:
            raise ActionRefused(_("This proposal can no longer be supported."))
        raise _not_connected(proposal.cycle)


def ensure_can_withdraw_support(user, proposal: Proposal, *, now: datetime) -> None:
    if not rules.can_withdraw_support(user, proposal, now=now):
        _refuse_unless_in_phase(proposal.cycle, Phase.VOTING, now)
        raise _not_connected(proposal.cycle)


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
    who pages credit. The facilitator typing it in is recorded as `author` (someone
    must answer for what was typed); what is checked is then the facilitator's
    right to enter the workshop's input (see `workshops.rules`), not a resident's.
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
    proposal = Proposal(
        cycle=cycle,
        theme=theme,
        author=user,
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
    db.session.add(proposal)
    db.session.flush()
    return proposal


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
    counted = db.session.execute(
        update(Proposal)
        .where(
            Proposal.id == proposal.id,
            Proposal.status == ProposalStatus.PUBLISHED,
            Proposal.hidden_at.is_(None),
        )
        .values(support_count=Proposal.support_count + 1)
        .execution_options(synchronize_session=False)
    )
    if counted.rowcount != 1:
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
