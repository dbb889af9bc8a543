"""Each commitment's check-in interval, for the staff's "overdue for a check-in"

Revision ID: 0007_check_in_interval
Revises: 0006_city_recommendations
Create Date: 2026-12-02 00:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0007_check_in_interval"
down_revision = "0006_city_recommendations"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("commitments", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("check_in_interval_days", sa.Integer(), server_default="90", nullable=False)
        )
        batch_op.create_check_constraint(
            op.f("ck_commitments_check_in_interval_in_range"),
            "check_in_interval_days BETWEEN 7 AND 366",
        )


def downgrade():
    with op.batch_alter_table("commitments", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_commitments_check_in_interval_in_range"), type_="check")
        batch_op.drop_column("check_in_interval_days")
