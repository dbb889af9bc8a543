"""What every list of the API shares: a Resource says how to query, filter and serialise
one kind of item; `fetch_page` pages through it by id (keyset: page 500 costs what page 1
does, and an item added meanwhile never shifts the pages a client is reading)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from flask import g, url_for
from flask_babel import get_locale
from sqlalchemy import Select

from arena.api import schemas
from arena.api.params import Filters
from arena.core.paging import inline_bound
from arena.extensions import db


@dataclass(frozen=True)
class Serialised:
    key: int  # its value of the resource's key: where the next page starts after it
    item: schemas.Schema
    # When what this item shows last changed, as far as its rows tell (None: they don't).
    # Only for the Last-Modified header: whether a copy is fresh is decided by the ETag.
    changed_at: datetime | None


@dataclass(frozen=True)
class Resource:
    name: str  # the URL segment: /api/v1/<name>
    schema: type[schemas.Schema]
    summary: str
    description: str
    query: Callable[[Filters], Select]  # rows ordered and keyed by `key`
    key: object  # the id column
    serialise: Callable[[Sequence], list[Serialised]]  # a whole page at once: no N+1
    filters: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    scalars: bool = True  # the query selects one entity (else rows of columns)
    extra: dict = field(default_factory=dict)


def rows_of(resource: Resource, query: Select) -> list:
    result = db.session.scalars(query) if resource.scalars else db.session.execute(query)
    return list(result)


def fetch_page(resource: Resource, filters: Filters) -> tuple[list[Serialised], int | None]:
    """One page of items and the id to continue after (None on the last page)."""
    query = (
        resource.query(filters)
        .where(resource.key > filters.after)
        .order_by(resource.key)
        .limit(inline_bound(filters.limit + 1))
    )
    rows = rows_of(resource, query)
    more = len(rows) > filters.limit
    items = resource.serialise(rows[: filters.limit])
    return items, (items[-1].key if more and items else None)


def fetch_one(resource: Resource, item_id: int) -> Serialised | None:
    rows = rows_of(resource, resource.query(Filters()).where(resource.key == item_id))
    found = resource.serialise(rows)
    return found[0] if found else None


def page_url(endpoint: str, **values) -> str:
    return url_for(endpoint, _external=True, **values)


def language() -> str:
    return str(get_locale() or "sv")


def now() -> datetime:
    return g.now
