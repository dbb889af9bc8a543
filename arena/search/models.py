"""One row per findable thing (proposal, commitment, organisation, workshop).

The row holds what the results page shows and filters on, and the Snowball stems of
its text (arena.search.text). The stems are indexed by each database's own full-text
index, both created beside the table (not mapped, so kept out of the models):
- SQLite: an FTS5 table over `terms`, kept in step by triggers;
- PostgreSQL: a GIN index on to_tsvector('simple', terms).
'simple' on stems made in Python matches exactly what FTS5 matches on the same stems.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DDL, Index, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column

from arena.core.time import utcnow
from arena.extensions import db


class DocumentKind:
    PROPOSAL = "proposal"
    COMMITMENT = "commitment"
    ORGANISATION = "organisation"
    WORKSHOP = "workshop"


KINDS = ("proposal", "commitment", "organisation", "workshop")


class SearchDocument(db.Model):
    __tablename__ = "search_documents"
    __table_args__ = (
        UniqueConstraint("kind", "item_id"),
        # The proposals of one arena's year, for "similar proposals".
        Index("ix_search_documents_arena", "arena_id", "year", "kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    item_id: Mapped[int]
    # None for organisations: they can belong to several arenas (organisation_arenas).
    arena_id: Mapped[int | None]
    year: Mapped[int | None]
    # The theme keys between spaces (" energy transport "): a commitment has several.
    theme_keys: Mapped[str] = mapped_column(String(400), default="")
    status: Mapped[str] = mapped_column(String(20), default="")
    language: Mapped[str] = mapped_column(String(8), default="sv")
    is_hidden: Mapped[bool] = mapped_column(default=False)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    # Stems (text.stored_terms) of the title alone, and of the title and body.
    title_terms: Mapped[str] = mapped_column(Text, default="")
    terms: Mapped[str] = mapped_column(Text, default="")
    indexed_at: Mapped[datetime] = mapped_column(default=utcnow)


FTS_TABLE = "search_fts"
GIN_INDEX = "ix_search_documents_terms"

SQLITE_CREATE = [
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(terms, content='search_documents', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 0')",
    f"CREATE TRIGGER search_documents_ai AFTER INSERT ON search_documents BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, terms) VALUES (new.id, new.terms); END",
    f"CREATE TRIGGER search_documents_ad AFTER DELETE ON search_documents BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, terms) VALUES ('delete', old.id, old.terms); END",
    f"CREATE TRIGGER search_documents_au AFTER UPDATE ON search_documents BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, terms) VALUES ('delete', old.id, old.terms); "
    f"INSERT INTO {FTS_TABLE}(rowid, terms) VALUES (new.id, new.terms); END",
]
SQLITE_DROP = [f"DROP TABLE IF EXISTS {FTS_TABLE}"]  # its triggers go with search_documents
POSTGRESQL_CREATE = [
    f"CREATE INDEX {GIN_INDEX} ON search_documents USING gin (to_tsvector('simple', terms))"
]

# Names the full-text index adds to the database beside the models: migrations/env.py
# and tests/test_migrations.py leave them out when comparing the schema with the models.
INDEX_NAMES = {FTS_TABLE, GIN_INDEX} | {
    f"{FTS_TABLE}_{suffix}" for suffix in ("data", "idx", "content", "docsize", "config")
}


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Alembic's filter: the full-text index is not a model, so never a difference."""
    return name not in INDEX_NAMES


for _statement in SQLITE_CREATE:
    event.listen(
        SearchDocument.__table__, "after_create", DDL(_statement).execute_if(dialect="sqlite")
    )
for _statement in SQLITE_DROP:
    event.listen(
        SearchDocument.__table__, "before_drop", DDL(_statement).execute_if(dialect="sqlite")
    )
for _statement in POSTGRESQL_CREATE:
    event.listen(
        SearchDocument.__table__,
        "after_create",
        DDL(_statement).execute_if(dialect="postgresql"),
    )
