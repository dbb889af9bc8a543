"""Indexes that serve the proposal list in each order, merged proposals and threads

The public list asks for one cycle's listed proposals (published or decided on, not
hidden), newest first or most supported first, with or without a theme. Each of
those four orders gets an index that walks the cycle's proposals in that order and
ends with the columns that decide whether a proposal is listed, so a page's ids and
the list's count are read from the index alone, at any size, without a sort. The
single-column index on `cycle_id` is the first column of each and goes.

A proposal's page finds the duplicates merged into it (`merged_into_id` had no
index: the page scanned the table) and its whole comment thread, oldest first, in
one index walk each; the thread's index replaces the one on `comments.proposal_id`.

Revision ID: 0016_list_indexes
Revises: 0015_decidim
Create Date: 2026-12-14 09:00:00

"""

from alembic import op


# revision identifiers, used by Alembic.
revision = "0016_list_indexes"
down_revision = "0015_decidim"
branch_labels = None
depends_on = None

LISTED_BY = ["status", "hidden_at"]
PROPOSAL_INDEXES = {
    "ix_proposals_listed_newest": ["cycle_id", "created_at", "id", *LISTED_BY],
    "ix_proposals_listed_supported": ["cycle_id", "support_count", "created_at", "id", *LISTED_BY],
    "ix_proposals_listed_theme_newest": ["cycle_id", "theme_id", "created_at", "id", *LISTED_BY],
    "ix_proposals_listed_theme_supported": [
        "cycle_id",
        "theme_id",
        "support_count",
        "created_at",
        "id",
        *LISTED_BY,
    ],
    "ix_proposals_merged_into": ["merged_into_id", "created_at", "id"],
}


def upgrade():
    for name, columns in PROPOSAL_INDEXES.items():
        op.create_index(name, "proposals", columns, unique=False)
    op.drop_index("ix_proposals_cycle_id", table_name="proposals")
    op.create_index("ix_comments_thread", "comments", ["proposal_id", "created_at", "id"])
    op.drop_index("ix_comments_proposal_id", table_name="comments")


def downgrade():
    op.create_index("ix_comments_proposal_id", "comments", ["proposal_id"], unique=False)
    op.drop_index("ix_comments_thread", table_name="comments")
    op.create_index("ix_proposals_cycle_id", "proposals", ["cycle_id"], unique=False)
    for name in reversed(PROPOSAL_INDEXES):
        op.drop_index(name, table_name="proposals")
