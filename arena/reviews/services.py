"""The yearly review of a commitment, its next version, and adoption elsewhere.

Reviewing a commitment while its cycle is in the review phase: continue
(carried over unchanged into the arena's next cycle), revise (the same with
new texts and targets, saying what changed), scale up (offered to every other
arena) or stop (closed with lessons learned). Adopting a scaled-up commitment
into another arena's current cycle, with the numbers adapted to that district.
Every review and adoption writes an audit row in the same transaction.
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from arena.arenas.models import Arena, Cycle
from arena.audit import services as audit
from arena.commitments.models import Commitment, CommitmentStatus
from arena.commitments.queries import list_arena_organisations
from arena.commitments.services import check_owners, new_commitment, refuse_if
from arena.core.errors import ActionRefused
from arena.core.permissions import is_facilitator_of
from arena.extensions import db
from arena.following import notices
from arena.following.models import NoticeKind
from arena.organisations.models import Organisation
from arena.reviews import queries, rules
from arena.reviews.models import Review, ReviewOutcome
from arena.reviews.queries import IndicatorPlan
from arena.reviews.versions import copy_indicators, create_next_version

STATUS_AFTER = {
    ReviewOutcome.CONTINUE: CommitmentStatus.CONTINUED,
    ReviewOutcome.REVISE: CommitmentStatus.REVISED,
    ReviewOutcome.SCALE_UP: CommitmentStatus.SCALED_UP,
    ReviewOutcome.STOP: CommitmentStatus.STOPPED,
}


def ensure_can_review(user, commitment: Commitment, *, now: datetime) -> None:
    """403 for others and outside the review phase; 409 once it has been reviewed."""
    moot = is_facilitator_of(user, commitment.arena) and not rules.is_awaiting_review(commitment)
    refuse_if(rules.why_not_review(user, commitment, now=now), moot=moot)


def _target_problems(commitment: Commitment, targets: dict) -> dict[str, str]:
    """Each new target's problem, by its field in the review form."""
    plans = {p.source_id: p for p in queries.carry_over_plans(commitment)}
    problems = {}
    for index, indicator in enumerate(commitment.indicators):
        value = targets.get(indicator.id)
        if value is None:
            problem = _("Enter a target.")
        else:
            baseline = plans[indicator.id].baseline_value
            problem = rules.target_problem(indicator.direction, baseline, value)
        if problem:
            problems[f"targets-{index}-target"] = problem
    return problems


def check_review_input(commitment, outcome, rationale, lessons, changes, title, targets):
    try:
        outcome = ReviewOutcome(outcome)
    except ValueError:
        raise ActionRefused(
            problems={"outcome": _("Choose what happens to the commitment.")}, status=400
        ) from None
    problems = {}
    if not rationale:
        problems["rationale"] = _("Say why.")
    if outcome == ReviewOutcome.STOP and not lessons:
        problems["lessons"] = _("Write what was learned.")
    if outcome == ReviewOutcome.REVISE and not changes:
        problems["changes"] = _("Say what changed and why.")
    if outcome == ReviewOutcome.REVISE and title is not None and not title:
        problems["title"] = _("Give the commitment a title.")
    if outcome == ReviewOutcome.REVISE and targets is not None:
        problems.update(_target_problems(commitment, targets))
    if problems:
        raise ActionRefused(problems=problems, status=400)
    return outcome


def _save_review(actor, commitment, outcome, rationale, measured_result, lessons, now) -> Review:
    """The review row and the commitment's new status; a second review at once is refused."""
    if measured_result is None:
        measured_result = queries.measured_result_text(commitment)
    review = Review(
        commitment=commitment,
        outcome=outcome,
        rationale=rationale,
        measured_result=measured_result,
        lessons=lessons,
        decided_by_id=getattr(actor, "id", None),
        decided_at=now,
    )
    db.session.add(review)
    commitment.status = STATUS_AFTER[outcome]
    try:
        db.session.flush()
    except IntegrityError as error:
        raise ActionRefused(
            _("Someone reviewed this commitment a moment ago. Reload the page to see it."), 409
        ) from error
    return review


def review_commitment(
    actor,
    commitment: Commitment,
    *,
    now: datetime,
    outcome: str,
    rationale: str,
    measured_result: str | None = None,
    lessons: str = "",
    title: str | None = None,
    description: str | None = None,
    changes: str = "",
    targets: dict[int, float | None] | None = None,
) -> Review:
    """Record the yearly review; for continue and revise also create next year's version.

    `targets` (revise only) maps an indicator id to its new target value.
    `measured_result` defaults to the text made from the latest measured values.
    """
    ensure_can_review(actor, commitment, now=now)
    outcome = check_review_input(commitment, outcome, rationale, lessons, changes, title, targets)
    next_version = None
    if outcome in (ReviewOutcome.CONTINUE, ReviewOutcome.REVISE):
        next_version = create_next_version(
            actor,
            commitment,
            now=now,
            revise=outcome == ReviewOutcome.REVISE,
            title=title,
            description=description,
            changes=changes,
            targets=targets,
        )
    previous_status = commitment.status
    review = _save_review(actor, commitment, outcome, rationale, measured_result, lessons, now)
    audit.record(
        actor,
        "commitment.review",
        arena=commitment.arena,
        target=commitment,
        reason=rationale,
        outcome=str(outcome),
        previous_status=str(previous_status),
        next_commitment_id=next_version.id if next_version else None,
        changes=changes or None,
        lessons=lessons or None,
    )
    tell_followers(actor, commitment, outcome, rationale, next_version, now=now)
    return review


def tell_followers(actor, commitment, outcome, rationale, next_version, *, now) -> None:
    """The review's outcome, and next year's version if there is one, for the
    commitment's followers: after a review, and again after its decision changes."""
    notices.tell_commitment_followers(
        actor, commitment, NoticeKind.REVIEWED, now=now, detail=f"{outcome}\n{rationale}"
    )
    if next_version is not None:
        notices.tell_commitment_followers(
            actor, commitment, NoticeKind.NEW_VERSION, now=now, related_id=next_version.id
        )


def ensure_can_adopt(user, offer: Commitment, arena: Arena, *, now: datetime) -> Cycle:
    """Says why not, or returns the cycle the adoption goes into."""
    adopted = queries.find_adoption(offer, arena) is not None
    reason = rules.why_not_adopt(user, offer, arena, now=now, adopted=adopted)
    refuse_if(reason, moot=is_facilitator_of(user, arena))
    return rules.adoption_cycle(arena, now)


def _plan_problems(offer: Commitment, plans: list[IndicatorPlan]) -> dict[str, str]:
    """Each adapted indicator's problems, by its field in the adoption form."""
    by_id = {i.id: i for i in offer.indicators}
    problems = {}
    for index, plan in enumerate(plans):
        indicator = by_id[plan.source_id]
        problem = rules.target_problem(indicator.direction, plan.baseline_value, plan.target_value)
        if problem:
            problems[f"indicators-{index}-target_value"] = problem
        if plan.baseline_on and plan.target_on and plan.baseline_on >= plan.target_on:
            message = _("The target date must be after the baseline date.")
            problems[f"indicators-{index}-target_on"] = message
    return problems


def _check_adoption(offer, arena, title, indicators, owner_organisations) -> None:
    if not title:
        raise ActionRefused(problems={"title": _("Give the commitment a title.")}, status=400)
    if sorted(p.source_id for p in indicators) != sorted(i.id for i in offer.indicators):
        raise ActionRefused(_("The indicators changed a moment ago. Reload the page."), 409)
    problems = _plan_problems(offer, indicators)
    if problems:
        raise ActionRefused(problems=problems, status=400)
    if owner_organisations:
        check_owners(
            [],
            owner_organisations,
            allowed_organisations=list_arena_organisations(arena),
            allowed_user=lambda u: False,
            arena=arena,
        )


def adopt_commitment(
    actor,
    offer: Commitment,
    arena: Arena,
    *,
    now: datetime,
    title: str,
    description: str,
    indicators: list[IndicatorPlan],
    owner_organisations: list[Organisation] = (),
) -> Commitment:
    """Adopt a scaled-up commitment into `arena`'s current cycle with adapted numbers.

    `indicators` holds one plan per indicator of the offer (source_id = its id).
    """
    cycle = ensure_can_adopt(actor, offer, arena, now=now)
    _check_adoption(offer, arena, title, indicators, owner_organisations)
    adopted = new_commitment(
        actor,
        cycle,
        source=offer,
        now=now,
        title=title,
        description=description,
        location="",
        climate_effect=offer.climate_effect,
        origin_id=offer.id,
        themes=list(offer.themes),
        owner_organisations=list(owner_organisations),
    )
    db.session.add(adopted)
    copy_indicators(offer, adopted, indicators)
    # Worded before the flush: a failed flush leaves nothing loaded to read.
    already = _("%(arena)s has already adopted this commitment.", arena=arena.name)
    try:
        db.session.flush()
    except IntegrityError as error:
        # Another facilitator adopted it a moment ago; the view rolls back.
        raise ActionRefused(already, 409) from error
    audit.record(
        actor,
        "commitment.adopt",
        arena=arena,
        target=adopted,
        origin_id=offer.id,
        origin_arena_id=offer.arena_id,
        cycle_year=cycle.year,
        owner_organisation_ids=[o.id for o in owner_organisations] or None,
    )
    notices.tell_commitment_followers(
        actor, offer, NoticeKind.ADOPTED, now=now, detail=arena.name, related_id=adopted.id
    )
    return adopted
