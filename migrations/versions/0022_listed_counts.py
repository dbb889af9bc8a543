"""Listed proposals counted per cycle and theme by the database: `listed_counts`

A list page's total was a count over 10,000 index entries at city scale; the
triggers on `proposals` keep it instead (arena/proposals/listed_counts.py). The
table is filled from the proposals already there.

Revision ID: 0022_listed_counts
Revises: 0021_reminder_choice
Create Date: 2026-12-02 20:10:00

"""

import sqlalchemy as sa
from alembic import op

from arena.proposals.listed_counts import create_triggers, drop_triggers

# revision identifiers, used by Alembic.
revision = "0022_listed_counts"
down_revision = "0021_reminder_choice"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "listed_counts",
        sa.Column("cycle_id", sa.Integer(), nullable=False),
        sa.Column("theme_id", sa.Integer(), nullable=False),
        sa.Column("listed", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["cycle_id"], ["cycles.id"]),
        sa.ForeignKeyConstraint(["theme_id"], ["themes.id"]),
        sa.PrimaryKeyConstraint("cycle_id", "theme_id"),
    )
    create_triggers(op.get_bind())


def downgrade():
    drop_triggers(op.get_bind())
    op.drop_table("listed_counts")
