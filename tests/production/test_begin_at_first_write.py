"""On PostgreSQL a GET reads outside a transaction and begins one at its first write
(arena/core/transactions.py): a page that only reads sends neither BEGIN nor ROLLBACK,
what a GET writes is still all kept or all undone, and every other request runs in a
transaction from its first statement as before."""

from __future__ import annotations

import contextlib

import pytest
from psycopg import pq
from sqlalchemy import event, func, select, text

from arena.arenas.models import CoBenefit
from arena.core import transactions
from arena.extensions import db
from tests.conftest import BACKENDS, make_test_app

pytestmark = pytest.mark.skipif("postgresql" not in BACKENDS, reason="PostgreSQL does not answer")

IN_TRANSACTION = pq.TransactionStatus.INTRANS


class Refused(Exception):
    pass


def _write(key: str, *, fail: bool = False) -> str:
    db.session.scalar(select(func.count(CoBenefit.id)))  # a read first
    db.session.add(CoBenefit(key=key))
    db.session.flush()
    db.session.add(CoBenefit(key=key + "_second"))
    db.session.flush()
    if fail:
        raise Refused(key)
    db.session.commit()
    return "saved"


def _routes(app) -> None:
    app.add_url_rule("/_test/write/<key>", "test_write", _write, methods=["GET", "POST"])
    app.add_url_rule(
        "/_test/write-then-fail/<key>", "test_fail", lambda key: _write(key, fail=True)
    )
    app.add_url_rule(
        "/_test/lock",
        "test_lock",
        lambda: str(db.session.scalars(select(CoBenefit.id).with_for_update()).all()),
    )

    def vacuum():  # what asks for autocommit itself gets nothing sent before it
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            c.execute(text("VACUUM co_benefits"))
        return "vacuumed"

    app.add_url_rule("/_test/vacuum", "test_vacuum", vacuum)
    app.register_error_handler(Refused, lambda error: ("refused", 409))


@pytest.fixture
def app(database_urls):
    app = make_test_app(database_urls["postgresql"], PROPAGATE_EXCEPTIONS=False)
    _routes(app)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@contextlib.contextmanager
def transaction_states(app):
    """For each statement `app` sends inside the block: was a transaction open?"""
    with app.app_context():
        engine = db.engine
    seen: list[tuple[bool, str]] = []

    def record(_conn, cursor, statement, *_):
        status = cursor.connection.info.transaction_status
        seen.append((status == IN_TRANSACTION, statement.split()[0].upper()))

    event.listen(engine, "after_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "after_cursor_execute", record)


def _keys(app) -> set[str]:
    with app.app_context():
        return set(db.session.scalars(select(CoBenefit.key)))


def test_a_page_that_only_reads_opens_no_transaction(app):
    client = app.test_client()
    with transaction_states(app) as seen:
        assert client.get("/search?q=cykel").status_code == 200
    assert seen and all(statement == "SELECT" for _, statement in seen)
    assert not any(open_ for open_, _ in seen)


def test_what_a_get_writes_is_committed_together_in_one_transaction(app):
    with transaction_states(app) as seen:
        response = app.test_client().get("/_test/write/walking")
    assert response.status_code == 200
    assert {"walking", "walking_second"} <= _keys(app)
    assert seen == [(False, "SELECT"), (True, "INSERT"), (True, "INSERT")]


def test_a_get_that_fails_after_writing_leaves_nothing(app):
    response = app.test_client().get("/_test/write-then-fail/cycling")
    assert response.status_code == 409
    assert not {"cycling", "cycling_second"} & _keys(app)


def test_a_locking_read_in_a_get_runs_in_a_transaction(app):
    with transaction_states(app) as seen:
        assert app.test_client().get("/_test/lock").status_code == 200
    assert seen == [(True, "SELECT")]


def test_a_connection_asked_to_autocommit_gets_no_begin(app):
    response = app.test_client().get("/_test/vacuum")  # VACUUM refuses a transaction
    assert response.status_code == 200, response.get_data(as_text=True)


def test_a_post_runs_in_a_transaction_from_its_first_statement(app):
    client = app.test_client()
    assert client.get("/search?q=cykel").status_code == 200
    # Back to the pool, as at the end of every request outside tests (here the requests
    # share the session of the test's own context): lent to the POST next.
    db.session.remove()
    with transaction_states(app) as seen:
        assert client.post("/_test/write/buses").status_code == 200
    assert seen == [(True, "SELECT"), (True, "INSERT"), (True, "INSERT")]


@pytest.mark.parametrize(
    ("statement", "read"),
    [
        ("SELECT proposals.id FROM proposals WHERE proposals.platform = %(p)s", True),
        ("  select 1", True),
        ("SELECT id FROM proposals FOR UPDATE", False),
        ("select id from proposals\nfor no key update skip locked", False),
        ("SELECT id FROM proposals FOR KEY SHARE", False),
        (
            "WITH moved AS (UPDATE proposals SET status = 'x' RETURNING id) SELECT id FROM moved",
            False,
        ),
        ("INSERT INTO co_benefits (key) VALUES (%(key)s)", False),
        ("SAVEPOINT sa_savepoint_1", False),
    ],
)
def test_only_a_select_without_a_locking_clause_is_read_outside_a_transaction(statement, read):
    assert transactions.is_plain_read(statement) is read
