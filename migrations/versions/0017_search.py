"""The search index: one document per proposal, commitment, organisation and workshop,
with each database's full-text index on its stems, built for the rows already there.

Revision ID: 0017_search
Revises: 0016_list_indexes
"""

import sqlalchemy as sa
from alembic import op

from arena.core.types import UTCDateTime

revision = "0017_search"
down_revision = "0016_list_indexes"
branch_labels = None
depends_on = None


def upgrade():
    from arena.search.indexing import reindex_all
    from arena.search.models import SQLITE_CREATE

    # As shipped: 0020_search_vector replaces this index by a stored column's.
    postgresql_create = [
        "CREATE INDEX ix_search_documents_terms ON search_documents "
        "USING gin (to_tsvector('simple', terms))"
    ]

    op.create_table(
        "search_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("arena_id", sa.Integer(), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("theme_keys", sa.String(length=400), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("is_hidden", sa.Boolean(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("title_terms", sa.Text(), nullable=False),
        sa.Column("terms", sa.Text(), nullable=False),
        sa.Column("indexed_at", UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_documents")),
        sa.UniqueConstraint("kind", "item_id", name=op.f("uq_search_documents_kind_item_id")),
    )
    op.create_index("ix_search_documents_arena", "search_documents", ["arena_id", "year", "kind"])
    connection = op.get_bind()
    for statement in SQLITE_CREATE if connection.dialect.name == "sqlite" else postgresql_create:
        op.execute(statement)
    # The rows already there get their documents now (nothing to run afterwards).
    reindex_all(connection)


def downgrade():
    from arena.search.models import FTS_TABLE

    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    op.drop_index("ix_search_documents_arena", table_name="search_documents")
    op.drop_table("search_documents")
