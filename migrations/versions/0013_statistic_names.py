"""Indicator names per language for the district statistics

An import file may carry `indicator_en` (and `indicator_ar`, …) beside the
indicator; pages in that language show that name, others the given one.

Revision ID: 0013_statistic_names
Revises: 0012_paper_proposals
Create Date: 2026-12-02 03:45:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0013_statistic_names"
down_revision = "0012_paper_proposals"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "statistic_names",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicator", sa.String(length=120), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statistic_names")),
        sa.UniqueConstraint(
            "indicator", "language", name=op.f("uq_statistic_names_indicator_language")
        ),
    )


def downgrade():
    op.drop_table("statistic_names")
