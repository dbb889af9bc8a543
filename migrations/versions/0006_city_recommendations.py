"""Staff's city-wide recommendations of scaled-up commitments

Revision ID: 0006_city_recommendations
Revises: 0005_comparisons
Create Date: 2026-12-01 23:30:00

"""
from alembic import op
import sqlalchemy as sa

import arena.core.types


# revision identifiers, used by Alembic.
revision = "0006_city_recommendations"
down_revision = "0005_comparisons"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "city_recommendations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("commitment_id", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("recommended_by_id", sa.Integer(), nullable=False),
        sa.Column("recommended_at", arena.core.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["commitment_id"],
            ["commitments.id"],
            name=op.f("fk_city_recommendations_commitment_id_commitments"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recommended_by_id"],
            ["users.id"],
            name=op.f("fk_city_recommendations_recommended_by_id_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_city_recommendations")),
        sa.UniqueConstraint("commitment_id", name=op.f("uq_city_recommendations_commitment_id")),
    )
    with op.batch_alter_table("city_recommendations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_city_recommendations_recommended_by_id"),
            ["recommended_by_id"],
            unique=False,
        )


def downgrade():
    with op.batch_alter_table("city_recommendations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_city_recommendations_recommended_by_id"))
    op.drop_table("city_recommendations")
