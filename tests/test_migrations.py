"""`flask db upgrade` on an empty database gives exactly the models, on SQLite and
PostgreSQL, and `downgrade base` takes everything away again."""

import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, select

from arena.extensions import db
from arena.proposals.models import Proposal
from arena.search.models import FTS_TABLE, GIN_INDEX, INDEX_NAMES, SEARCH_VECTOR, include_object
from tests.conftest import BACKENDS, POSTGRES_ADMIN_URL, _admin_execute, make_test_app


@pytest.fixture(params=BACKENDS)
def empty_database_url(request, tmp_path):
    """A brand-new empty database of our own (never the suite's shared one)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'migrations.db'}"
        return
    name = f"arena_migrations_{uuid.uuid4().hex[:10]}"
    _admin_execute(f'CREATE DATABASE "{name}"')
    try:
        yield POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        _admin_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def schema_differences() -> list:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_object": include_object}
        )
        return compare_metadata(context, db.metadata)


def table_names() -> set[str]:
    # Less the full-text index's own tables (SQLite's FTS5 table and its shadow tables).
    return set(inspect(db.engine).get_table_names()) - INDEX_NAMES


def full_text_index() -> set[str]:
    """The full-text index's tables, columns and indexes there are (the comparison with
    the models leaves them out, so a migration that forgot one would not show)."""
    inspector = inspect(db.engine)
    found = set(inspector.get_table_names())
    if "search_documents" in found:
        found |= {c["name"] for c in inspector.get_columns("search_documents")}
        found |= {i["name"] for i in inspector.get_indexes("search_documents")}
    return found & INDEX_NAMES


def expected_full_text_index() -> set[str]:
    if db.engine.dialect.name == "postgresql":
        return {SEARCH_VECTOR, GIN_INDEX}
    # An external content table (content='search_documents'): no _content table of its own.
    return {name for name in INDEX_NAMES if name.startswith(FTS_TABLE)} - {f"{FTS_TABLE}_content"}


def test_upgrade_gives_exactly_the_models_and_downgrade_removes_them(empty_database_url):
    app = make_test_app(empty_database_url)
    with app.app_context():
        try:
            assert table_names() == set()
            upgrade()
            assert table_names() == {t.name for t in db.metadata.sorted_tables} | {
                "alembic_version"
            }
            assert schema_differences() == []
            assert full_text_index() == expected_full_text_index()

            downgrade(revision="base")
            assert table_names() == {"alembic_version"}
            assert full_text_index() == set()

            # And up again: the downgrade left nothing behind that blocks a new upgrade.
            upgrade()
            assert schema_differences() == []
            assert full_text_index() == expected_full_text_index()
        finally:
            db.engine.dispose()


def _row_counts(tables) -> dict[str, int]:
    with db.engine.connect() as connection:
        return {t: connection.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar() for t in tables}


def test_a_database_with_data_goes_down_and_up_again_keeping_its_rows(empty_database_url):
    """A city's database is never empty: migrations that rebuild a table on SQLite (batch
    mode) must work while other tables' rows point at it (foreign keys enforced)."""
    from arena.core.time import utcnow
    from arena.demo.base import seed_demo

    app = make_test_app(empty_database_url)
    with app.app_context():
        try:
            upgrade()
            seed_demo(utcnow())
            db.session.commit()
            # The tables the later migrations rebuild or extend, and rows pointing at them.
            kept = ("indicators", "indicator_values", "commitments", "check_ins", "proposals")
            first = db.session.execute(
                select(Proposal.id, Proposal.title).order_by(Proposal.id).limit(1)
            ).one()
            before = _row_counts(kept)
            assert all(before.values()), before
            db.session.remove()
            downgrade(revision="0016_list_indexes")
            upgrade()
            assert _row_counts(kept) == before
            assert schema_differences() == []
            assert full_text_index() == expected_full_text_index()
            # The documents the migrations built are found through the index.
            found = app.test_client().get(f"/search?q={first.title.split()[-1]}")
            assert f'href="/proposals/{first.id}"' in found.get_data(as_text=True)
            if db.engine.dialect.name == "sqlite":
                with db.engine.connect() as connection:
                    assert connection.exec_driver_sql("PRAGMA foreign_key_check").all() == []
                    assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        finally:
            db.session.remove()
            db.engine.dispose()
