"""Proposals brought in from Decidim, and Decidim exports waiting for confirmation

A proposal imported from a Decidim export has Decidim as its source of record
(`external_source`), with its id and address there for later imports, and the
supports and endorsements it had there, kept apart from this site's supports.
The check that every proposal has a source accepts such a source too. The
uploaded file waits in `decidim_uploads` between preview and confirmation.

Revision ID: 0015_decidim
Revises: 0014_updated_at
Create Date: 2026-12-10 09:00:00

"""

from alembic import op
import sqlalchemy as sa

from arena.core.types import UTCDateTime


# revision identifiers, used by Alembic.
revision = "0015_decidim"
down_revision = "0014_updated_at"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("proposals", schema=None) as batch_op:
        batch_op.add_column(sa.Column("external_source", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("external_id", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("external_url", sa.String(length=500), nullable=True))
        batch_op.add_column(sa.Column("external_supports", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("external_endorsements", sa.Integer(), nullable=True))
        batch_op.drop_constraint(op.f("ck_proposals_author_or_workshop"), type_="check")
        batch_op.create_check_constraint(
            op.f("ck_proposals_has_source"),
            "author_id IS NOT NULL OR workshop_id IS NOT NULL OR external_source IS NOT NULL",
        )
        batch_op.create_unique_constraint(
            op.f("uq_proposals_cycle_id_external_source_external_id"),
            ["cycle_id", "external_source", "external_id"],
        )

    op.create_table(
        "decidim_uploads",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("uploaded_by_id", sa.Integer(), nullable=False),
        sa.Column("arena_id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["arena_id"],
            ["arenas.id"],
            name=op.f("fk_decidim_uploads_arena_id_arenas"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["uploaded_by_id"],
            ["users.id"],
            name=op.f("fk_decidim_uploads_uploaded_by_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decidim_uploads")),
        sa.UniqueConstraint("token", name=op.f("uq_decidim_uploads_token")),
    )
    with op.batch_alter_table("decidim_uploads", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_decidim_uploads_expires_at"), ["expires_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_decidim_uploads_uploaded_by_id"), ["uploaded_by_id"], unique=False
        )


def downgrade():
    op.drop_table("decidim_uploads")

    # Imported proposals have no other source, so they cannot stay without this one.
    proposals = sa.table("proposals", sa.column("external_source", sa.String))
    op.get_bind().execute(proposals.delete().where(proposals.c.external_source.is_not(None)))
    with op.batch_alter_table("proposals", schema=None) as batch_op:
        batch_op.drop_constraint(
            op.f("uq_proposals_cycle_id_external_source_external_id"), type_="unique"
        )
        batch_op.drop_constraint(op.f("ck_proposals_has_source"), type_="check")
        batch_op.create_check_constraint(
            op.f("ck_proposals_author_or_workshop"),
            "author_id IS NOT NULL OR workshop_id IS NOT NULL",
        )
        batch_op.drop_column("external_endorsements")
        batch_op.drop_column("external_supports")
        batch_op.drop_column("external_url")
        batch_op.drop_column("external_id")
        batch_op.drop_column("external_source")
