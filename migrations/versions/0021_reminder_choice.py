"""Owners can turn reminders to report off: `notice_settings.check_in_reminders`

On (true) unless the person turned reminders off on the settings page or with the
one-click link in a reminder mail.

Revision ID: 0021_reminder_choice
Revises: 0020_search_vector
Create Date: 2026-12-02 16:20:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0021_reminder_choice"
down_revision = "0020_search_vector"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("notice_settings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "check_in_reminders", sa.Boolean(), server_default=sa.true(), nullable=False
            )
        )


def downgrade():
    with op.batch_alter_table("notice_settings", schema=None) as batch_op:
        batch_op.drop_column("check_in_reminders")
