"""Everything the site holds about one person, for "Download my data".

`collect_my_data(user)` returns plain JSON values (texts, numbers, ISO dates) in
sections; the readable page and the JSON file show the same dictionary. It holds
the person's own data only: never another person's e-mail, name or report, never a
password hash or an access code (only which arena's code made the account, and
until when it was valid).

`USER_LINKS` names every column that points at `users.id` and says where it is
shown, or why not; a test fails when a new one appears that it does not know.
"""

from __future__ import annotations

from sqlalchemy import func, select

from arena.accounts.models import ArenaConnection, FacilitatorRole
from arena.arenas.models import Arena, Cycle
from arena.audit.models import AuditEntry
from arena.commitments.models import CheckIn, Commitment, Pledge, commitment_owner_users
from arena.extensions import db
from arena.following.queries import my_following_data
from arena.moderation.models import Report
from arena.organisations.models import Organisation, OrganisationMember
from arena.proposals.models import Comment, Participation, Proposal, Support
from arena.representation.models import ProfileAnswer
from arena.reviews.models import Review
from arena.staff.indicator_models import ComparisonGroup
from arena.staff.scale_models import CityRecommendation
from arena.workshops.models import AccessCode, Workshop

WORK = "work (how many, as facilitator or staff; what and when is in audit_entries)"

# (table, column) → the section of the export that shows it, or why it is left out.
USER_LINKS: dict[tuple[str, str], str] = {
    ("arena_connections", "user_id"): "connections",
    ("facilitator_roles", "user_id"): "roles",
    ("proposals", "author_id"): "proposals",
    ("comments", "author_id"): "comments",
    ("supports", "user_id"): "supports",
    ("participations", "user_id"): "budgets",
    ("pledges", "user_id"): "pledges",
    ("check_ins", "author_id"): "check_ins",
    ("reports", "reporter_id"): "reports",
    ("organisation_members", "user_id"): "organisations",
    ("profile_answers", "user_id"): "profile_answers",
    ("access_codes", "redeemed_by_id"): "access_code",
    ("audit_entries", "actor_id"): "audit_entries",
    ("commitment_owner_users", "user_id"): "commitments_owned",
    ("commitments", "created_by_id"): WORK,
    ("workshops", "created_by_id"): WORK,
    ("access_codes", "created_by_id"): WORK,
    ("reviews", "decided_by_id"): WORK,
    ("city_recommendations", "recommended_by_id"): WORK,
    ("comparison_groups", "created_by_id"): WORK,
    ("proposals", "hidden_by_id"): WORK,
    ("comments", "hidden_by_id"): WORK,
    ("check_ins", "hidden_by_id"): WORK,
    ("reports", "resolved_by_id"): WORK,
    ("organisation_invitations", "invited_by_id"): (
        "left out: the addresses invited are other people's; invitations to me are listed "
        "on the invitations page and erased with my address"
    ),
    ("decidim_uploads", "uploaded_by_id"): (
        "left out: a Decidim export waiting a few minutes for its uploader to confirm it"
    ),
    ("follows", "user_id"): "following",
    ("notices", "user_id"): "following",
    ("notice_settings", "user_id"): "following",
    ("digest_claims", "user_id"): (
        "left out: which days a digest was made for me (the notices say when they were mailed)"
    ),
    ("check_in_reminders", "user_id"): (
        "left out: which reminders to report were mailed to an owner, kept only so that "
        "one is never mailed twice; the mail itself is in the outbox"
    ),
    ("statistics_uploads", "uploaded_by_id"): (
        "left out: a file waiting a few minutes for its uploader to confirm it, then gone"
    ),
}


def _when(value) -> str | None:
    return value.isoformat(timespec="seconds") if value is not None else None


def _rows(query):
    return db.session.execute(query).all()


def collect_my_data(user) -> dict:
    """The person's data, section by section (see the module docstring)."""
    return {
        "profile": {
            "name": user.display_name,
            "email": user.email,
            "language": user.preferred_language,
            "created_at": _when(user.created_at),
            "verified_at": _when(user.verified_at),
            "has_password": bool(user.password_hash),
        },
        "connections": _connections(user),
        "roles": _roles(user),
        "proposals": _proposals(user),
        "comments": _comments(user),
        "supports": _supports(user),
        "budgets": _budgets(user),
        "pledges": _pledges(user),
        "check_ins": _check_ins(user),
        "reports": _reports(user),
        "organisations": _organisations(user),
        "profile_answers": _profile_answers(user),
        "access_code": _access_code(user),
        "commitments_owned": _commitments_owned(user),
        "audit_entries": _audit_entries(user),
        "following": my_following_data(user),
        "work": _work(user),
    }


def _connections(user) -> list[dict]:
    query = (
        select(Arena.name, ArenaConnection.kind, ArenaConnection.created_at)
        .join(Arena, Arena.id == ArenaConnection.arena_id)
        .where(ArenaConnection.user_id == user.id)
        .order_by(ArenaConnection.id)
    )
    return [{"arena": a, "kind": k, "since": _when(at)} for a, k, at in _rows(query)]


def _roles(user) -> dict:
    arenas = select(Arena.name).join(FacilitatorRole, FacilitatorRole.arena_id == Arena.id)
    return {
        "facilitator_of": list(
            db.session.scalars(
                arenas.where(FacilitatorRole.user_id == user.id).order_by(Arena.name)
            )
        ),
        "city_staff": user.is_staff,
        "administrator": user.is_admin,
    }


def _proposals(user) -> list[dict]:
    query = (
        select(Proposal, Arena.name, Cycle.year)
        .join(Cycle, Cycle.id == Proposal.cycle_id)
        .join(Arena, Arena.id == Cycle.arena_id)
        .where(Proposal.author_id == user.id)
        .order_by(Proposal.created_at, Proposal.id)
    )
    return [
        {
            "id": p.id,
            "arena": arena,
            "year": year,
            "title": p.title,
            "summary": p.summary,
            "body": p.body,
            "climate_effect": p.climate_effect,
            "status": p.status,
            "hidden": p.is_hidden,
            "supports": p.support_count,
            "created_at": _when(p.created_at),
        }
        for p, arena, year in _rows(query)
    ]


def _comments(user) -> list[dict]:
    query = (
        select(Comment, Proposal.title)
        .join(Proposal, Proposal.id == Comment.proposal_id)
        .where(Comment.author_id == user.id)
        .order_by(Comment.created_at, Comment.id)
    )
    return [
        {
            "id": c.id,
            "proposal_id": c.proposal_id,
            "proposal_title": title,
            "body": c.body,
            "hidden": c.is_hidden,
            "created_at": _when(c.created_at),
            "edited_at": _when(c.edited_at),
        }
        for c, title in _rows(query)
    ]


def _supports(user) -> list[dict]:
    query = (
        select(Support.proposal_id, Proposal.title, Support.created_at)
        .join(Proposal, Proposal.id == Support.proposal_id)
        .where(Support.user_id == user.id)
        .order_by(Support.created_at, Support.id)
    )
    return [
        {"proposal_id": pid, "proposal_title": title, "created_at": _when(at)}
        for pid, title, at in _rows(query)
    ]


def _budgets(user) -> list[dict]:
    query = (
        select(Arena.name, Cycle.year, Participation.supports_used, Cycle.support_budget)
        .join(Cycle, Cycle.id == Participation.cycle_id)
        .join(Arena, Arena.id == Cycle.arena_id)
        .where(Participation.user_id == user.id)
        .order_by(Cycle.year, Arena.name)
    )
    return [
        {"arena": arena, "year": year, "supports_used": used, "support_budget": budget}
        for arena, year, used, budget in _rows(query)
    ]


def _pledges(user) -> list[dict]:
    query = (
        select(Pledge.commitment_id, Commitment.title, Pledge.created_at)
        .join(Commitment, Commitment.id == Pledge.commitment_id)
        .where(Pledge.user_id == user.id)
        .order_by(Pledge.created_at, Pledge.id)
    )
    return [
        {"commitment_id": cid, "commitment_title": title, "created_at": _when(at)}
        for cid, title, at in _rows(query)
    ]


def _check_ins(user) -> list[dict]:
    query = (
        select(CheckIn, Commitment.title)
        .join(Commitment, Commitment.id == CheckIn.commitment_id)
        .where(CheckIn.author_id == user.id)
        .order_by(CheckIn.created_at, CheckIn.id)
    )
    return [
        {
            "commitment_id": c.commitment_id,
            "commitment_title": title,
            "kind": c.kind,
            "reported_on": c.reported_on.isoformat(),
            "note": c.note,
            "created_at": _when(c.created_at),
        }
        for c, title in _rows(query)
    ]


def _reports(user) -> list[dict]:
    """What I reported and why; not who else reported it, nor who resolved it."""
    query = (
        select(Report, Proposal.title)
        .outerjoin(Comment, Comment.id == Report.comment_id)
        .join(Proposal, Proposal.id == func.coalesce(Report.proposal_id, Comment.proposal_id))
        .where(Report.reporter_id == user.id)
        .order_by(Report.created_at, Report.id)
    )
    return [
        {
            "what": "comment" if r.comment_id is not None else "proposal",
            "proposal_id": r.proposal_id,
            "comment_id": r.comment_id,
            "proposal_title": title,
            "reason": r.reason,
            "note": r.note,
            "created_at": _when(r.created_at),
            "resolution": r.resolution,
            "resolved_at": _when(r.resolved_at),
        }
        for r, title in _rows(query)
    ]


def _organisations(user) -> list[dict]:
    query = (
        select(Organisation.name, OrganisationMember.is_admin)
        .join(Organisation, Organisation.id == OrganisationMember.organisation_id)
        .where(OrganisationMember.user_id == user.id)
        .order_by(Organisation.name)
    )
    return [{"name": name, "admin": bool(admin)} for name, admin in _rows(query)]


def _profile_answers(user) -> list[dict]:
    query = (
        select(ProfileAnswer)
        .where(ProfileAnswer.user_id == user.id)
        .order_by(ProfileAnswer.question)
    )
    return [
        {"question": a.question, "answer": a.answer, "free_text": a.free_text}
        for a in db.session.scalars(query)
    ]


def _access_code(user) -> dict | None:
    """Which arena's code made the account and until when it is valid; never the code."""
    row = db.session.execute(
        select(Arena.name, AccessCode.redeemed_at, AccessCode.expires_at)
        .join(Arena, Arena.id == AccessCode.arena_id)
        .where(AccessCode.redeemed_by_id == user.id)
    ).first()
    if row is None:
        return None
    arena, redeemed_at, expires_at = row
    return {"arena": arena, "used_at": _when(redeemed_at), "expires_at": _when(expires_at)}


def _commitments_owned(user) -> list[dict]:
    query = (
        select(Commitment.id, Commitment.title)
        .join(commitment_owner_users, commitment_owner_users.c.commitment_id == Commitment.id)
        .where(commitment_owner_users.c.user_id == user.id)
        .order_by(Commitment.id)
    )
    return [{"id": cid, "title": title} for cid, title in _rows(query)]


def _audit_entries(user) -> list[dict]:
    query = (
        select(AuditEntry.action, AuditEntry.created_at, Arena.name)
        .outerjoin(Arena, Arena.id == AuditEntry.arena_id)
        .where(AuditEntry.actor_id == user.id)
        .order_by(AuditEntry.created_at, AuditEntry.id)
    )
    return [
        {"action": action, "arena": arena, "created_at": _when(at)}
        for action, at, arena in _rows(query)
    ]


def _work(user) -> dict[str, int]:
    """Rows made in a role, counted: their details are other people's content."""
    columns = {
        "commitments_created": Commitment.created_by_id,
        "workshops_recorded": Workshop.created_by_id,
        "access_codes_made": AccessCode.created_by_id,
        "reviews_decided": Review.decided_by_id,
        "city_recommendations": CityRecommendation.recommended_by_id,
        "comparison_groups": ComparisonGroup.created_by_id,
        "proposals_hidden": Proposal.hidden_by_id,
        "comments_hidden": Comment.hidden_by_id,
        "check_ins_hidden": CheckIn.hidden_by_id,
        "reports_resolved": Report.resolved_by_id,
    }
    counts = {
        key: db.session.scalar(select(func.count()).where(column == user.id))
        for key, column in columns.items()
    }
    return {key: n for key, n in counts.items() if n}
