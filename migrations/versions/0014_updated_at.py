"""When commitments, workshops and organisations last changed

The public API's `updated_since` filter (and, later, caches) needs each row's last
change. Existing rows start from their creation time.

Revision ID: 0014_updated_at
Revises: 0013_statistic_names
Create Date: 2026-12-02 07:00:00

"""

from alembic import op
import sqlalchemy as sa

from arena.core.types import UTCDateTime


# revision identifiers, used by Alembic.
revision = "0014_updated_at"
down_revision = "0013_statistic_names"
branch_labels = None
depends_on = None

TABLES = ("commitments", "workshops", "organisations")


def upgrade():
    for name in TABLES:
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.add_column(sa.Column("updated_at", UTCDateTime(timezone=True), nullable=True))
        op.execute(f"UPDATE {name} SET updated_at = created_at")
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.alter_column("updated_at", existing_type=UTCDateTime(timezone=True), nullable=False)


def downgrade():
    for name in TABLES:
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.drop_column("updated_at")
