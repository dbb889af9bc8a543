"""Finding documents: the same match and the same ranking on SQLite and PostgreSQL.

Matching goes through each database's full-text index on the stored stems (FTS5's
MATCH, PostgreSQL's GIN index with @@). Ranking is computed here, in Python, from the
stored stems the database returns (how often each query stem occurs, four times as
much in the title), then the newest item first: the same on both databases by
construction. ts_rank and FTS5's bm25 are different formulas and would order the same
matches differently; the same count in SQL (replace() on every candidate) cost more
than reading the stems.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from flask_babel import get_locale
from markupsafe import Markup
from sqlalchemy import (
    and_,
    column,
    exists,
    false,
    func,
    literal,
    literal_column,
    or_,
    select,
    table,
)

from arena.accounts.models import FacilitatorRole
from arena.arenas.models import Arena, Cycle
from arena.core.paging import Page, offset_of
from arena.core.permissions import is_signed_in, is_staff
from arena.extensions import db
from arena.organisations.models import organisation_arenas
from arena.proposals.models import Proposal
from arena.proposals.queries import is_listed
from arena.search.models import FTS_TABLE, SEARCH_VECTOR, SearchDocument
from arena.search.text import (
    STOP_WORDS,
    highlight,
    query_groups,
    query_languages,
    snippet,
    stem,
    words,
)

# The proposals someone can still support or compare with: not withdrawn, not merged.
OPEN_PROPOSAL_STATUSES = ("published", "selected", "not_selected")
SIMILAR_WORDS = 6  # telling words of a text compared (two of them must be shared)
CANDIDATES = 500  # matches ranked, the newest first (queries.search)
SIMILAR_CANDIDATES = 100


@dataclass(frozen=True)
class Filters:
    arena_id: int | None = None
    theme: str | None = None
    year: int | None = None
    status: str | None = None
    kind: str | None = None


@dataclass(frozen=True)
class Result:
    document: SearchDocument
    arena_slug: str | None
    arena_name: str | None
    title: Markup
    snippet: Markup


def _fts_group(group: tuple[str, ...]) -> str:
    # Stems are letters and digits only (text.WORD), so quoting cannot be broken out of.
    return "(" + " OR ".join(f'"{s}"' for s in group) + ")"


def _ts_group(group: tuple[str, ...]) -> str:
    return "(" + " | ".join(group) + ")"


def _expression(clauses, group, both: str, either: str) -> str:
    return f" {either} ".join(
        "(" + f" {both} ".join(group(g) for g in clause) + ")" for clause in clauses
    )


def candidates(clauses: list[list[tuple[str, ...]]], where: list, limit: int, *columns):
    """`columns` of the newest `limit` documents (by document id) that hold every group
    of any clause and meet `where`; through the full-text index on both databases,
    which stops early once it has found enough."""
    if db.engine.dialect.name == "postgresql":
        query = _expression(clauses, _ts_group, "&", "|")
        vector = literal_column(f"{SearchDocument.__tablename__}.{SEARCH_VECTOR}")
        matched = vector.op("@@")(
            func.to_tsquery(literal_column("'simple'::regconfig"), literal(query))
        )
        return (
            select(*columns).where(matched, *where).order_by(SearchDocument.id.desc()).limit(limit)
        )
    fts = table(FTS_TABLE, column("rowid"))
    query = _expression(clauses, _fts_group, "AND", "OR")
    return (
        select(*columns)
        .select_from(fts)
        .join(SearchDocument, SearchDocument.id == fts.c.rowid)
        .where(literal_column(FTS_TABLE).op("MATCH")(literal(query)), *where)
        .order_by(fts.c.rowid.desc())
        .limit(limit)
    )


def occurrences(stems_: Iterable[str], stored: str) -> int:
    """How often the stems occur in stored terms (text.stored_terms: each between
    spaces, so a stem is never found inside another)."""
    return sum(stored.count(f" {s} ") for s in stems_)


def _score(needles: list[str], title_terms: str, terms: str) -> int:
    # occurrences() of each stem " s ", inlined: this runs for 500 candidates a page.
    return sum(4 * title_terms.count(n) + terms.count(n) for n in needles)


def visible_to(user):
    """Hidden documents only for staff, admins and the facilitators of their arena."""
    if is_staff(user):
        return None
    if not is_signed_in(user):
        return SearchDocument.is_hidden == false()
    facilitated = select(FacilitatorRole.arena_id).where(FacilitatorRole.user_id == user.id)
    return or_(SearchDocument.is_hidden == false(), SearchDocument.arena_id.in_(facilitated))


def _filtered(filters: Filters) -> list:
    where = []
    if filters.arena_id is not None:
        in_arena = SearchDocument.arena_id == filters.arena_id
        if filters.kind in (None, "organisation"):
            # An organisation has no arena of its own: it is in the arenas it works in.
            works_in = exists().where(
                organisation_arenas.c.organisation_id == SearchDocument.item_id,
                organisation_arenas.c.arena_id == filters.arena_id,
            )
            in_arena = or_(in_arena, and_(SearchDocument.kind == "organisation", works_in))
        where.append(in_arena)
    if filters.theme:
        where.append(SearchDocument.theme_keys.contains(f" {filters.theme} ", autoescape=True))
    if filters.year is not None:
        where.append(SearchDocument.year == filters.year)
    if filters.status:
        where.append(SearchDocument.status == filters.status)
    if filters.kind:
        where.append(SearchDocument.kind == filters.kind)
    return where


def search(groups, filters: Filters, user, *, page: int, per_page: int) -> Page:
    """One page of the documents matching every group of stems, best first.

    A word found in half the city would cost a ranking of thousands of rows: the
    ranking covers the newest CANDIDATES matches, and the page says when there are more
    (add a word or a filter). Two statements: the candidates with their stems (one
    more than ranked, to know there are more), then the page's documents."""
    where = _filtered(filters)
    visible = visible_to(user)
    if visible is not None:
        where.append(visible)
    d = SearchDocument
    found = db.session.execute(
        candidates([groups], where, CANDIDATES + 1, d.id, d.kind, d.item_id, d.title_terms, d.terms)
    ).all()
    stems_ = list(dict.fromkeys(s for group in groups for s in group))
    needles = [f" {s} " for s in stems_]
    ranked = sorted(
        found[:CANDIDATES],
        key=lambda r: (-_score(needles, r.title_terms, r.terms), r.kind, -r.item_id),
    )
    start = offset_of(page, per_page)
    ids = [r.id for r in ranked[start : start + per_page]]
    items = []
    if ids:
        rows = db.session.execute(
            select(SearchDocument, Arena.slug, Arena.name)
            .outerjoin(Arena, Arena.id == SearchDocument.arena_id)
            .where(SearchDocument.id.in_(ids))
        ).all()
        place = {id_: n for n, id_ in enumerate(ids)}
        rows.sort(key=lambda row: place[row[0].id])
        wanted = set(stems_)
        items = [_result(doc, slug, name, wanted) for doc, slug, name in rows]
    return Results(
        page=page,
        per_page=per_page,
        total=min(len(found), CANDIDATES),
        items=items,
        more=len(found) > CANDIDATES,
    )


@dataclass(frozen=True)
class Results(Page):
    more: bool = False  # more matches than CANDIDATES: only the newest are ranked


def _result(doc, slug, name, wanted) -> Result:
    # A word counts as found when its stem in the document's language was asked for.
    return Result(
        document=doc,
        arena_slug=slug,
        arena_name=name,
        title=highlight(doc.title, wanted, doc.language),
        snippet=snippet(doc.body, wanted, doc.language),
    )


def proposal_ids_matching(
    text: str, cycle, user, *, limit: int, status: str | None = None
) -> list[int]:
    """The ids of the cycle's proposals that `text`'s words find, best first (at most
    `limit`): for forms that offer a search among a crowded cycle's proposals."""
    groups = query_groups(text, query_languages(str(get_locale() or "")))
    if not groups:
        return []
    filters = Filters(arena_id=cycle.arena_id, year=cycle.year, kind="proposal", status=status)
    found = search(groups, filters, user, page=1, per_page=limit)
    return [result.document.item_id for result in found.items]


def similarity_stems(text: str, language: str, locale: str | None = None) -> list[tuple[str, ...]]:
    """The telling words of a text (no stop words, no short words), as query groups."""
    languages = tuple(dict.fromkeys([language, *query_languages(locale)]))
    groups = []
    for word in dict.fromkeys(words(text)):
        if len(word) < 3 or word in STOP_WORDS:
            continue
        group = tuple(dict.fromkeys(stem(word, lang) for lang in languages))
        if group not in groups:
            groups.append(group)
        if len(groups) == SIMILAR_WORDS:
            break
    return groups


def similar_proposals(
    arena_id: int, year: int, text: str, language: str, *, limit: int = 5, exclude=()
) -> list[Result]:
    """The open, visible proposals of the arena's year sharing most telling words with
    `text`: at least two of them, a shared word in the title counting three times."""
    groups = similarity_stems(text, language)
    if len(groups) < 2:
        return []
    where = [
        SearchDocument.kind == "proposal",
        SearchDocument.arena_id == arena_id,
        SearchDocument.year == year,
        SearchDocument.is_hidden == false(),
        SearchDocument.status.in_(OPEN_PROPOSAL_STATUSES),
    ]
    if exclude:
        where.append(SearchDocument.item_id.notin_(list(exclude)))
    # Any two of the telling words, through the full-text index.
    pairs = _any_two(groups)
    d = SearchDocument
    found = db.session.execute(
        candidates(pairs, where, SIMILAR_CANDIDATES, d.id, d.item_id, d.title_terms, d.terms)
    ).all()

    def shared(stored: str) -> int:  # the groups with a stem in `stored`
        return sum(1 for g in groups if occurrences(g, stored))

    best = sorted(
        found, key=lambda r: (-(shared(r.terms) + 2 * shared(r.title_terms)), -r.item_id)
    )[:limit]
    if not best:
        return []
    docs = {
        doc.id: doc
        for doc in db.session.scalars(
            select(SearchDocument).where(SearchDocument.id.in_([r.id for r in best]))
        )
    }
    wanted = {s for g in groups for s in g}
    return [_result(docs[r.id], None, None, wanted) for r in best]


def _any_two(groups: list[tuple[str, ...]]) -> list[list[tuple[str, ...]]]:
    """Clauses matching the documents that hold at least two of the groups. Every pair
    for SQLite's FTS5; for PostgreSQL each group with any of the groups after it, the
    same matches with each word's list read fewer times (a third faster on the city
    data there, slower on FTS5)."""
    if db.engine.dialect.name != "postgresql":
        return [[a, b] for i, a in enumerate(groups) for b in groups[i + 1 :]]
    return [
        [group, tuple(s for later in groups[i + 1 :] for s in later)]
        for i, group in enumerate(groups[:-1])
    ]


def list_cycle_years() -> list[int]:
    """Every year some arena has a cycle in, newest first (the year filter's choices)."""
    return list(db.session.scalars(select(Cycle.year).distinct().order_by(Cycle.year.desc())))


def list_newest_proposals(cycle, *, limit: int) -> list[Proposal]:
    """The cycle's newest listed proposals (the ones a facilitator has not seen yet)."""
    return list(
        db.session.scalars(
            select(Proposal)
            .where(Proposal.cycle_id == cycle.id, is_listed())
            .order_by(Proposal.created_at.desc(), Proposal.id.desc())
            .limit(limit)
        )
    )
