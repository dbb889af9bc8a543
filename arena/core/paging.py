"""One page of a list whose total is known: what the pagination macro
(templates/macros/proposals.html `pagination_nav`) reads, whatever found the items.

Flask-SQLAlchemy's `db.paginate` counts over a subquery of the whole query and reads
every earlier row through OFFSET; lists that must stay cheap at any size find their
page through an index instead (proposals/queries.py) and hand the result to `Page`.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import BindParameter, Integer, bindparam, literal


def inline_bound(number: int) -> BindParameter[int]:
    """A LIMIT or OFFSET written into the SQL instead of sent as a parameter.

    PostgreSQL plans a prepared statement anew on every run while a parameter sits in
    its LIMIT: the one plan it could keep must guess the limit, so it looks dearer than
    planning for the number given. Planning a page's statement cost more than running
    it (0.5 ms against 0.15 for a list page); written in, the pages people open most
    (the first ones) keep their plan on each connection. SQLAlchemy's cache still
    holds one compiled statement, the number added at each run."""
    return literal(number, Integer, literal_execute=True)


def inline_bound_parameter(name: str) -> BindParameter[int]:
    """inline_bound for a statement built once: the number is given at each run, by
    `name`, and written into the SQL then, for the same reason."""
    return bindparam(name, type_=Integer, literal_execute=True)


@dataclass(frozen=True)
class Page:
    page: int  # 1 for the first page
    per_page: int
    total: int
    items: Sequence[Any]

    @property
    def offset(self) -> int:
        return offset_of(self.page, self.per_page)

    @property
    def pages(self) -> int:
        return math.ceil(self.total / self.per_page) if self.total else 0

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def prev_num(self) -> int | None:
        return self.page - 1 if self.has_prev else None

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def next_num(self) -> int | None:
        return self.page + 1 if self.has_next else None

    def iter_pages(
        self,
        *,
        left_edge: int = 2,
        left_current: int = 2,
        right_current: int = 4,
        right_edge: int = 2,
    ) -> Iterator[int | None]:
        """Page numbers to link to, None where a gap is (as Flask-SQLAlchemy's)."""
        pages_end = self.pages + 1
        if pages_end == 1:
            return
        left_end = min(1 + left_edge, pages_end)
        yield from range(1, left_end)
        if left_end == pages_end:
            return
        mid_start = max(left_end, self.page - left_current)
        mid_end = min(self.page + right_current + 1, pages_end)
        if mid_start - left_end > 0:
            yield None
        yield from range(mid_start, mid_end)
        if mid_end == pages_end:
            return
        right_start = max(mid_end, pages_end - right_edge)
        if right_start - mid_end > 0:
            yield None
        yield from range(right_start, pages_end)

    def __iter__(self) -> Iterator[Any]:
        return iter(self.items)


def offset_of(page: int, per_page: int) -> int:
    return (page - 1) * per_page


def requested_page() -> int:
    """?page=N of the request, from 1: nonsense gives page 1 and a number too large for
    the database the last possible page (empty), never an error."""
    from flask import request

    from arena.core.database import MAX_INTEGER

    return min(max(request.args.get("page", 1, type=int), 1), MAX_INTEGER)
