"""Organisations by invitation: an offer to join, addressed to an e-mail address

Revision ID: 0009_invitations
Revises: 0008_outbox
Create Date: 2026-12-03 10:00:00

"""
from alembic import op
import sqlalchemy as sa

from arena.core.types import UTCDateTime


# revision identifiers, used by Alembic.
revision = "0009_invitations"
down_revision = "0008_outbox"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "organisation_invitations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("is_admin", sa.Boolean(), nullable=False),
        sa.Column("invited_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["invited_by_id"],
            ["users.id"],
            name=op.f("fk_organisation_invitations_invited_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_organisation_invitations_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisation_invitations")),
        sa.UniqueConstraint(
            "organisation_id",
            "email",
            name=op.f("uq_organisation_invitations_organisation_id_email"),
        ),
    )
    with op.batch_alter_table("organisation_invitations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_organisation_invitations_email"), ["email"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_organisation_invitations_invited_by_id"), ["invited_by_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_organisation_invitations_organisation_id"),
            ["organisation_id"],
            unique=False,
        )


def downgrade():
    with op.batch_alter_table("organisation_invitations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organisation_invitations_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_organisation_invitations_invited_by_id"))
        batch_op.drop_index(batch_op.f("ix_organisation_invitations_email"))
    op.drop_table("organisation_invitations")
