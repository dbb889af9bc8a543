"""`flask db upgrade` on an empty database gives exactly the models, on SQLite and
PostgreSQL, and `downgrade base` takes everything away again."""

import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from arena.extensions import db
from arena.search.models import INDEX_NAMES, include_object
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

            downgrade(revision="base")
            assert table_names() == {"alembic_version"}

            # And up again: the downgrade left nothing behind that blocks a new upgrade.
            upgrade()
            assert schema_differences() == []
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
            before = _row_counts(kept)
            assert all(before.values()), before
            db.session.remove()
            downgrade(revision="0016_list_indexes")
            upgrade()
            assert _row_counts(kept) == before
            assert schema_differences() == []
            if db.engine.dialect.name == "sqlite":
                with db.engine.connect() as connection:
                    assert connection.exec_driver_sql("PRAGMA foreign_key_check").all() == []
                    assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        finally:
            db.session.remove()
            db.engine.dispose()
