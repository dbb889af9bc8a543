"""Access codes: the batch they were made in (to extend it) and when their account was
reminded that the code expires

Revision ID: 0010_code_reminders
Revises: 0009_invitations
Create Date: 2026-12-03 10:00:00

"""
import secrets

from alembic import op
import sqlalchemy as sa

from arena.core.types import UTCDateTime


# revision identifiers, used by Alembic.
revision = "0010_code_reminders"
down_revision = "0009_invitations"
branch_labels = None
depends_on = None


def _label_existing_batches():
    """Codes made before batches had a label: those made by one form share their arena,
    workshop, maker and creation time (one INSERT with one `now`)."""
    codes = sa.table(
        "access_codes",
        sa.column("arena_id", sa.Integer),
        sa.column("workshop_id", sa.Integer),
        sa.column("created_by_id", sa.Integer),
        sa.column("created_at", UTCDateTime(timezone=True)),
        sa.column("batch", sa.String),
    )
    connection = op.get_bind()
    groups = connection.execute(
        sa.select(codes.c.arena_id, codes.c.workshop_id, codes.c.created_by_id, codes.c.created_at)
        .distinct()
    ).all()
    for arena_id, workshop_id, created_by_id, created_at in groups:
        connection.execute(
            codes.update()
            .where(
                codes.c.arena_id == arena_id,
                codes.c.workshop_id.is_(None)
                if workshop_id is None
                else codes.c.workshop_id == workshop_id,
                codes.c.created_by_id == created_by_id,
                codes.c.created_at == created_at,
            )
            .values(batch=secrets.token_hex(8))
        )


def upgrade():
    with op.batch_alter_table("access_codes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("batch", sa.String(length=24), nullable=True))
        batch_op.add_column(
            sa.Column("expiry_reminded_at", UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.create_index(batch_op.f("ix_access_codes_batch"), ["batch"], unique=False)
    _label_existing_batches()


def downgrade():
    with op.batch_alter_table("access_codes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_access_codes_batch"))
        batch_op.drop_column("expiry_reminded_at")
        batch_op.drop_column("batch")
