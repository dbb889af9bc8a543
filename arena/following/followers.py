"""Who follows what: chosen follows and the automatic ones, derived from other rows.

A person follows automatically
- a proposal they wrote or support;
- a commitment they own (themselves or as a member of an owning organisation),
  joined, or that was made from a proposal they follow automatically (so whoever
  supported an idea hears what became of it).
An arena is followed only by choice. A stored `Follow` row with `is_following`
false takes a person out, however they came to follow; one with true puts them in.
Deleted accounts (and the stand-ins holding their supports) follow nothing.
"""

from __future__ import annotations

from sqlalchemy import false, or_, select, union

from arena.accounts.models import User
from arena.commitments.models import (
    Pledge,
    commitment_owner_organisations,
    commitment_owner_users,
    commitment_proposals,
)
from arena.extensions import db
from arena.following.models import Follow, TargetKind
from arena.organisations.models import OrganisationMember
from arena.proposals.models import Proposal, Support

COLUMNS = {
    TargetKind.ARENA: Follow.arena_id,
    TargetKind.PROPOSAL: Follow.proposal_id,
    TargetKind.COMMITMENT: Follow.commitment_id,
}


def _chosen(kind: TargetKind, target_id: int, *, following: bool):
    return select(Follow.user_id).where(
        COLUMNS[kind] == target_id, Follow.is_following.is_(following)
    )


def _proposal_automatic(proposal_ids):
    """Authors and supporters of the proposals whose ids `proposal_ids` selects."""
    authors = select(Proposal.author_id.label("user_id")).where(
        Proposal.id.in_(proposal_ids), Proposal.author_id.is_not(None)
    )
    supporters = select(Support.user_id).where(Support.proposal_id.in_(proposal_ids))
    return [authors, supporters]


def _automatic(kind: TargetKind, target_id: int) -> list:
    if kind == TargetKind.PROPOSAL:
        return _proposal_automatic([target_id])
    if kind == TargetKind.COMMITMENT:
        owners = select(commitment_owner_users.c.user_id).where(
            commitment_owner_users.c.commitment_id == target_id
        )
        members = select(OrganisationMember.user_id).where(
            OrganisationMember.organisation_id.in_(
                select(commitment_owner_organisations.c.organisation_id).where(
                    commitment_owner_organisations.c.commitment_id == target_id
                )
            )
        )
        pledgers = select(Pledge.user_id).where(
            Pledge.commitment_id == target_id, Pledge.user_id.is_not(None)
        )
        sources = select(commitment_proposals.c.proposal_id).where(
            commitment_proposals.c.commitment_id == target_id
        )
        return [owners, members, pledgers, *_proposal_automatic(sources)]
    return []


def followers_query(kind: TargetKind, target_id: int):
    """A select of the ids of the living accounts that follow the target."""
    parts = [_chosen(kind, target_id, following=True), *_automatic(kind, target_id)]
    candidates = union(*parts).subquery()
    muted = _chosen(kind, target_id, following=False)
    return select(User.id).where(
        User.id.in_(select(candidates.c[0])),
        User.id.not_in(muted),
        User.deleted_at.is_(None),
    )


def list_follower_ids(kind: TargetKind, target_id: int) -> list[int]:
    return list(db.session.scalars(followers_query(kind, target_id).order_by(User.id)))


def _automatic_for(user, kind: TargetKind, target_id: int):
    """Whether the person follows the target without having chosen to (ignoring mutes),
    as an SQL expression."""
    # One EXISTS per way of following rather than one over their UNION: SQLite does not
    # push the person into a UNION, and would list every supporter of a busy proposal.
    found = []
    for part in _automatic(kind, target_id):
        ids = part.subquery()
        found.append(select(ids.c[0]).where(ids.c[0] == user.id).exists())
    return or_(*found) if found else false()


def is_automatic(user, kind: TargetKind, target_id: int) -> bool:
    return bool(db.session.scalar(select(_automatic_for(user, kind, target_id))))


def follow_state(user, kind: TargetKind, target_id: int) -> dict:
    """What the follow button shows: `following` (true or false) and `automatic`
    (the person follows it because they wrote, supported, joined or own it); one
    statement, as the button is on every proposal and commitment page."""
    chosen = select(Follow.is_following).where(
        Follow.user_id == user.id, COLUMNS[kind] == target_id
    )
    row, automatic = db.session.execute(
        select(chosen.scalar_subquery(), _automatic_for(user, kind, target_id))
    ).one()
    automatic = bool(automatic)
    following = row if row is not None else automatic
    return {"following": bool(following), "automatic": automatic}
