"""Search at scale: the full-text index does the matching on both databases (EXPLAIN),
and the page runs as many statements with ten times the documents."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import text

from arena.accounts.models import User
from arena.extensions import db
from arena.search.indexing import reindex_all
from arena.search.models import GIN_INDEX, SEARCH_VECTOR
from tests.conftest import (
    BACKENDS,
    POSTGRES_ADMIN_URL,
    _admin_execute,
    _sqlite_directory,
    make_test_app,
)
from tests.factories import Factories
from tests.scale import bulk
from tests.scale.plans import capturing, explain, is_query

PROPOSALS = 2000
SEARCHES = [
    "/search?q=zeppelinare",  # a rare word
    "/search?q=zeppelinare+förslag&kind=proposal",
    "/search?q=förslag",  # in every proposal: the newest 500 are ranked
    "/search?q=förslag&page=20",
]


@pytest.fixture(scope="module", params=BACKENDS)
def indexed(request, tmp_path_factory):
    """A database of its own (ANALYZE's statistics stay out of the suite's)."""
    pg_name = None
    if request.param == "sqlite":
        url = f"sqlite:///{_sqlite_directory(tmp_path_factory) / 'search_plans.db'}"
    else:
        pg_name = f"arena_search_plans_{uuid.uuid4().hex[:10]}"
        _admin_execute(f'CREATE DATABASE "{pg_name}"')
        url = POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{pg_name}"
    app = make_test_app(url)
    try:
        with app.app_context():
            db.create_all()
            make = Factories()
            scene = bulk.build(make, phase="voting", proposals=PROPOSALS, users=100)
            for n in range(10):
                make.proposal(scene.cycle, title=f"Zeppelinare nummer {n}")
            reindex_all(db.session.connection())
            db.session.commit()
            if request.param == "sqlite":
                db.session.execute(text("ANALYZE"))
                db.session.commit()
            else:
                with db.engine.connect().execution_options(
                    isolation_level="AUTOCOMMIT"
                ) as connection:
                    connection.exec_driver_sql("VACUUM ANALYZE")
            yield app, request.param
            db.session.remove()
            db.engine.dispose()
    finally:
        if pg_name:
            _admin_execute(f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)')


def _plans(app, path):
    client = app.test_client()
    with capturing() as statements:
        assert client.get(path).status_code == 200
    return [(s.sql, explain(s)) for s in statements if is_query(s) and "search_documents" in s.sql]


def test_the_full_text_index_finds_the_matches(indexed):
    """The matching statement goes through the full-text index (on PostgreSQL the
    stored vector's GIN index: no tsvector computed per row), the page's documents
    come by primary key, and no statement reads the documents whole."""
    app, backend = indexed
    for path in SEARCHES:
        found = _plans(app, path)
        matching = [(sql, plan) for sql, plan in found if "MATCH" in sql or SEARCH_VECTOR in sql]
        assert len(matching) == 1, (path, found)
        for sql, plan in found:
            steps = "\n".join(plan)
            assert "to_tsvector" not in sql, (path, sql)
            if backend == "sqlite":
                assert "SCAN search_documents" not in steps, (path, sql, steps)
                if (sql, plan) in matching:
                    assert "VIRTUAL TABLE INDEX" in steps, (path, sql, steps)
                else:
                    assert "USING INTEGER PRIMARY KEY" in steps, (path, sql, steps)
                continue
            if (sql, plan) in matching and path.startswith("/search?q=zeppelinare"):
                assert GIN_INDEX in steps, (path, sql, steps)  # a rare word: the index
            else:
                # The page's documents by id; and a word in every document is found by
                # walking the newest first until 501 match: the primary key either way.
                assert "pk_search_documents" in steps, (path, sql, steps)
            assert "Seq Scan on search_documents" not in steps, (path, sql, steps)


def test_a_common_word_says_there_are_more(indexed):
    app, _backend = indexed
    html = app.test_client().get("/search?q=förslag").get_data(as_text=True)
    assert "Fler än 500 träffar" in html


def _count(client, path) -> int:
    client.get(path)  # the arenas, cycles and themes are kept from the first view on
    db.session.expire_all()
    with capturing() as statements:
        assert client.get(path).status_code == 200
    return len(statements)


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "facilitator"])
def test_the_search_page_runs_as_many_statements_with_ten_times_the_data(
    make, client_for, signed_in
):
    scene = bulk.build(make, phase="voting", proposals=0, users=10)
    visitor = make.facilitator(scene.arena) if signed_in else None
    counts = {}
    for size in (30, 300):
        bulk.grow(scene, size - len(scene.proposals))
        reindex_all(db.session.connection())
        db.session.commit()
        if visitor is not None:
            visitor = db.session.get(User, visitor.id)
        client = client_for(visitor)
        counts[size] = [
            _count(client, "/search?q=förslag"),
            _count(client, "/search?q=förslag&kind=proposal&page=2"),
            _count(client, f"/search/similar/{scene.arena.slug}?title=Förslag+sammanfattning+text"),
        ]
    assert counts[30] == counts[300]
