"""Writing the search documents: from the rows as the database holds them.

Everything here reads the source tables with Core statements on the connection it is
given, so the same code serves the flush listener (inside the change's own
transaction), `flask search reindex`, the migration and the bulk city data set.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from sqlalchemy import delete, insert, select

from arena.arenas.models import Cycle, Theme
from arena.commitments.models import Commitment, commitment_themes
from arena.core.time import utcnow
from arena.organisations.models import Organisation
from arena.proposals.models import Proposal
from arena.search.models import SearchDocument
from arena.search.text import stored_terms
from arena.workshops.models import Workshop

BATCH = 2000
DEFAULT_LANGUAGE = "sv"


def _join(*parts: str | None) -> str:
    # Each part once: an organisation's activities often repeat its description.
    return "\n".join(dict.fromkeys(p.strip() for p in parts if p and p.strip()))


def _document(kind, item_id, *, title, body, language, **fields) -> dict:
    language = language or DEFAULT_LANGUAGE
    return {
        "kind": kind,
        "item_id": item_id,
        "title": (title or "")[:200],
        "body": body,
        "language": language[:8],
        "title_terms": stored_terms(title, language),
        "terms": stored_terms(f"{title}\n{body}", language),
        "arena_id": fields.get("arena_id"),
        "year": fields.get("year"),
        "theme_keys": fields.get("theme_keys", ""),
        "status": fields.get("status", ""),
        "is_hidden": fields.get("is_hidden", False),
        "indexed_at": utcnow(),
    }


def _columns(source, names: str) -> list:
    # Named columns, never the whole table: the migration that builds the index runs
    # this on a database that may not have columns later models add.
    return [source.c[name] for name in names.split()]


def _proposals(connection, ids) -> Iterator[dict]:
    p = Proposal.__table__
    rows = connection.execute(
        select(
            *_columns(p, "id title summary body climate_effect language status hidden_at"),
            Cycle.arena_id,
            Cycle.year,
            Theme.key.label("theme_key"),
        )
        .join(Cycle, Cycle.id == p.c.cycle_id)
        .join(Theme, Theme.id == p.c.theme_id)
        .where(p.c.id.in_(ids))
    )
    for row in rows:
        yield _document(
            "proposal",
            row.id,
            title=row.title,
            body=_join(row.summary, row.body, row.climate_effect),
            language=row.language,
            arena_id=row.arena_id,
            year=row.year,
            theme_keys=f" {row.theme_key} ",
            status=row.status,
            is_hidden=row.hidden_at is not None,
        )


def _commitments(connection, ids) -> Iterator[dict]:
    c = Commitment.__table__
    themes = defaultdict(list)
    for commitment_id, key in connection.execute(
        select(commitment_themes.c.commitment_id, Theme.key)
        .join(Theme, Theme.id == commitment_themes.c.theme_id)
        .where(commitment_themes.c.commitment_id.in_(ids))
        .order_by(Theme.sort_order)
    ):
        themes[commitment_id].append(key)
    rows = connection.execute(
        select(
            *_columns(c, "id title description location climate_effect changes language"),
            *_columns(c, "status arena_id"),
            Cycle.year,
        )
        .join(Cycle, Cycle.id == c.c.cycle_id)
        .where(c.c.id.in_(ids))
    )
    for row in rows:
        keys = themes.get(row.id, [])
        yield _document(
            "commitment",
            row.id,
            title=row.title,
            body=_join(row.description, row.location, row.climate_effect, row.changes),
            language=row.language,
            arena_id=row.arena_id,
            year=row.year,
            theme_keys=f" {' '.join(keys)} " if keys else "",
            status=row.status,
        )


def _organisations(connection, ids) -> Iterator[dict]:
    o = Organisation.__table__
    for row in connection.execute(
        select(*_columns(o, "id name description activities is_verified")).where(o.c.id.in_(ids))
    ):
        yield _document(
            "organisation",
            row.id,
            title=row.name,
            body=_join(row.description, row.activities),
            language=DEFAULT_LANGUAGE,
            status="verified" if row.is_verified else "",
        )


def _workshops(connection, ids) -> Iterator[dict]:
    w = Workshop.__table__
    rows = connection.execute(
        select(*_columns(w, "id place notes language"), Cycle.arena_id, Cycle.year)
        .join(Cycle, Cycle.id == w.c.cycle_id)
        .where(w.c.id.in_(ids))
    )
    for row in rows:
        yield _document(
            "workshop",
            row.id,
            title=row.place,
            body=row.notes or "",
            language=row.language,
            arena_id=row.arena_id,
            year=row.year,
        )


BUILDERS = {
    "proposal": (Proposal, _proposals),
    "commitment": (Commitment, _commitments),
    "organisation": (Organisation, _organisations),
    "workshop": (Workshop, _workshops),
}


def index_items(connection, kind: str, ids: Iterable[int]) -> int:
    """Replace the documents of these items by fresh ones (an item gone loses its own)."""
    ids = sorted(set(ids))
    written = 0
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        documents = list(BUILDERS[kind][1](connection, chunk))
        connection.execute(
            delete(SearchDocument).where(
                SearchDocument.kind == kind, SearchDocument.item_id.in_(chunk)
            )
        )
        if documents:
            connection.execute(insert(SearchDocument), documents)
        written += len(documents)
    return written


def reindex_all(connection) -> dict[str, int]:
    """Build every document again from the source tables; returns the count per kind."""
    counts = {}
    for kind, (model, _builder) in BUILDERS.items():
        ids = list(connection.scalars(select(model.__table__.c.id)))
        connection.execute(delete(SearchDocument).where(SearchDocument.kind == kind))
        counts[kind] = index_items(connection, kind, ids)
    return counts
