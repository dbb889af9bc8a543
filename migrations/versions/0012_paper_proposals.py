"""Paper proposals credited to their workshop; access codes that can be revoked

A proposal typed in from a workshop's paper notes has the workshop as its author of
record: `proposals.author_id` becomes nullable, a check constraint asks for an author
or a workshop, and the proposals that came from workshops (those with a
`workshop_id`) lose the facilitator who typed them in as author; who typed them is
in the audit log ("workshop.add_proposal"). Access codes get `revoked_at`.

Revision ID: 0012_paper_proposals
Revises: 0011_session_tokens
Create Date: 2026-12-09 10:00:00

"""
from alembic import op
import sqlalchemy as sa

from arena.core.types import UTCDateTime


# revision identifiers, used by Alembic.
revision = "0012_paper_proposals"
down_revision = "0011_session_tokens"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("proposals", schema=None) as batch_op:
        batch_op.alter_column("author_id", existing_type=sa.Integer(), nullable=True)

    proposals = sa.table(
        "proposals",
        sa.column("author_id", sa.Integer),
        sa.column("workshop_id", sa.Integer),
    )
    op.get_bind().execute(
        proposals.update().where(proposals.c.workshop_id.is_not(None)).values(author_id=None)
    )

    with op.batch_alter_table("proposals", schema=None) as batch_op:
        batch_op.create_check_constraint(
            op.f("ck_proposals_author_or_workshop"),
            "author_id IS NOT NULL OR workshop_id IS NOT NULL",
        )

    with op.batch_alter_table("access_codes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("revoked_at", UTCDateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table("access_codes", schema=None) as batch_op:
        batch_op.drop_column("revoked_at")

    # A paper proposal gets back the facilitator who recorded its workshop as author.
    connection = op.get_bind()
    connection.execute(
        sa.text(
            "UPDATE proposals SET author_id = (SELECT created_by_id FROM workshops "
            "WHERE workshops.id = proposals.workshop_id) WHERE author_id IS NULL"
        )
    )
    with op.batch_alter_table("proposals", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_proposals_author_or_workshop"), type_="check")
        batch_op.alter_column("author_id", existing_type=sa.Integer(), nullable=False)
