"""Staff: indicators marked as comparable across arenas (comparison groups and members)

Revision ID: 0005_comparisons
Revises: 0004_representation
Create Date: 2026-12-01 23:30:00.000000

"""
from alembic import op
import sqlalchemy as sa

import arena.core.types


# revision identifiers, used by Alembic.
revision = "0005_comparisons"
down_revision = "0004_representation"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "comparison_groups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=160), nullable=False),
        sa.Column("per_inhabitant", sa.Boolean(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", arena.core.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_comparison_groups_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_comparison_groups")),
    )
    op.create_table(
        "comparison_members",
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["comparison_groups.id"],
            name=op.f("fk_comparison_members_group_id_comparison_groups"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicators.id"],
            name=op.f("fk_comparison_members_indicator_id_indicators"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("group_id", "indicator_id", name=op.f("pk_comparison_members")),
    )
    with op.batch_alter_table("comparison_members", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_comparison_members_indicator_id"), ["indicator_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("comparison_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_comparison_members_indicator_id"))
    op.drop_table("comparison_members")
    op.drop_table("comparison_groups")
