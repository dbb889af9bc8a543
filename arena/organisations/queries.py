"""Read-only queries for the local actors directory."""

from flask import abort
from sqlalchemy import Select, select

from arena.arenas.models import Arena
from arena.commitments.models import Commitment, commitment_owner_organisations
from arena.core.database import fits_integer_column
from arena.core.routing import get_child_or_404
from arena.extensions import db
from arena.organisations import rules
from arena.organisations.models import (
    Organisation,
    OrganisationInvitation,
    OrganisationMember,
    organisation_arenas,
)


def list_organisations_query(*, arena: Arena | None = None, kind: str | None = None) -> Select:
    query = select(Organisation).order_by(Organisation.name, Organisation.id)
    if arena is not None:
        query = query.join(organisation_arenas).where(organisation_arenas.c.arena_id == arena.id)
    if kind:
        query = query.where(Organisation.kind == kind)
    return query


def get_organisation_or_404(organisation_id: int) -> Organisation:
    if not fits_integer_column(organisation_id):
        abort(404)
    return db.get_or_404(Organisation, organisation_id)


def get_member_or_404(organisation: Organisation, member_id: int) -> OrganisationMember:
    return get_child_or_404(
        OrganisationMember, member_id, belongs=lambda m: m.organisation_id == organisation.id
    )


def list_owned_commitments(organisation: Organisation) -> list[Commitment]:
    return list(
        db.session.scalars(
            select(Commitment)
            .join(commitment_owner_organisations)
            .where(commitment_owner_organisations.c.organisation_id == organisation.id)
            .order_by(Commitment.created_at.desc(), Commitment.id.desc())
        )
    )


def get_invitation_or_404(organisation: Organisation, invitation_id: int) -> OrganisationInvitation:
    """One of `organisation`'s invitations, for its admins."""
    return get_child_or_404(
        OrganisationInvitation,
        invitation_id,
        belongs=lambda i: i.organisation_id == organisation.id,
    )


def get_my_invitation_or_404(user, invitation_id: int) -> OrganisationInvitation:
    """An invitation addressed to `user`'s confirmed address; 404 for anyone else,
    so nobody learns which invitations exist."""
    return get_child_or_404(
        OrganisationInvitation, invitation_id, belongs=lambda i: rules.is_invitee(user, i)
    )


def list_my_invitations(user, *, now) -> list[OrganisationInvitation]:
    """The invitations `user` can still answer, newest first."""
    if not rules.has_confirmed_address(user):
        return []
    return list(
        db.session.scalars(
            select(OrganisationInvitation)
            .where(
                OrganisationInvitation.email == user.email, OrganisationInvitation.expires_at > now
            )
            .order_by(OrganisationInvitation.created_at.desc(), OrganisationInvitation.id.desc())
        )
    )
