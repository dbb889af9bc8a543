"""Per-account session tokens, so that sign-out ends copies of the session cookie too

Every existing account gets a random token of its own (made here, in Python, so that
the same code works on SQLite and PostgreSQL). Accounts made from a workshop's
access code count as verified by the code: those made before that rule get their
creation time as verification time.

Revision ID: 0011_session_tokens
Revises: 0010_code_reminders
Create Date: 2026-12-02 03:00:00

"""
import secrets

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0011_session_tokens"
down_revision = "0010_code_reminders"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("session_token", sa.String(length=64), nullable=True))

    users = sa.table(
        "users",
        sa.column("id", sa.Integer),
        sa.column("email", sa.String),
        sa.column("password_hash", sa.String),
        sa.column("session_token", sa.String),
        sa.column("created_at", sa.DateTime),
        sa.column("verified_at", sa.DateTime),
        sa.column("deleted_at", sa.DateTime),
    )
    connection = op.get_bind()
    for (user_id,) in connection.execute(sa.select(users.c.id)).all():
        connection.execute(
            users.update()
            .where(users.c.id == user_id)
            .values(session_token=secrets.token_hex(32))
        )
    connection.execute(
        users.update()
        .where(
            users.c.email.is_(None),
            users.c.password_hash.is_(None),
            users.c.deleted_at.is_(None),
            users.c.verified_at.is_(None),
        )
        .values(verified_at=users.c.created_at)
    )

    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.alter_column("session_token", existing_type=sa.String(length=64), nullable=False)


def downgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("session_token")
