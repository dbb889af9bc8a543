"""Reporting intervals on indicators, and the reminders sent for overdue values

Each indicator says how often a value is expected (weekly, monthly, quarterly or
yearly; monthly for the indicators there are). `check_in_reminders` keeps one row per
reminder sent — indicator, owner and due period, unique — so the reminder job run on
several machines at once mails each owner once per due period.

Revision ID: 0019_stories
Revises: 0018_following
Create Date: 2026-12-02 10:30:00

"""

import sqlalchemy as sa
from alembic import op

from arena.core.types import UTCDateTime

# revision identifiers, used by Alembic.
revision = "0019_stories"
down_revision = "0018_following"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("indicators", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "reporting_interval",
                sa.String(length=10),
                server_default="monthly",
                nullable=False,
            )
        )
        batch_op.create_check_constraint(
            "known_reporting_interval",
            "reporting_interval IN ('weekly', 'monthly', 'quarterly', 'yearly')",
        )
    op.create_table(
        "check_in_reminders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("sent_at", UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicators.id"],
            name=op.f("fk_check_in_reminders_indicator_id_indicators"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_check_in_reminders_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_check_in_reminders")),
        sa.UniqueConstraint(
            "indicator_id",
            "user_id",
            "due_on",
            name=op.f("uq_check_in_reminders_indicator_id_user_id_due_on"),
        ),
    )
    with op.batch_alter_table("check_in_reminders", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_check_in_reminders_indicator_id"), ["indicator_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_check_in_reminders_user_id"), ["user_id"], unique=False)


def downgrade():
    op.drop_table("check_in_reminders")
    with op.batch_alter_table("indicators", schema=None) as batch_op:
        batch_op.drop_constraint("known_reporting_interval", type_="check")
        batch_op.drop_column("reporting_interval")
