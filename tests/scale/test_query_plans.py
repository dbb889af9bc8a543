"""The public pages whose cost could grow with the city are served by indexes, on SQLite
and PostgreSQL: every statement the proposal list (each sort, each filter, a far page),
the proposal page and the arena page run is EXPLAINed over a few thousand proposals, and
none may read a growing table whole or sort one.

The data is built once per database, in a database of its own (ANALYZE's statistics
must not leak into the suite's shared one), with Core inserts."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import text

from arena.accounts.models import User
from arena.extensions import db
from tests.conftest import (
    BACKENDS,
    POSTGRES_ADMIN_URL,
    _admin_execute,
    _sqlite_directory,
    make_test_app,
)
from tests.factories import Factories
from tests.scale import bulk
from tests.scale.plans import capturing, explain, is_query, problems

PROPOSALS = 2000  # in the cycle under test, and as many in each of two other cycles


def _database_url(backend: str, tmp_path_factory) -> tuple[str, str | None]:
    if backend == "sqlite":
        return f"sqlite:///{_sqlite_directory(tmp_path_factory) / 'plans.db'}", None
    name = f"arena_plans_{uuid.uuid4().hex[:10]}"
    _admin_execute(f'CREATE DATABASE "{name}"')
    return POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}", name


def _analyse(backend: str) -> None:
    """Fresh statistics (and, on PostgreSQL, the visibility map index-only scans use)."""
    if backend == "sqlite":
        db.session.execute(text("ANALYZE"))
        db.session.commit()
        return
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("VACUUM ANALYZE")


@pytest.fixture(scope="module", params=BACKENDS)
def city(request, tmp_path_factory):
    url, pg_name = _database_url(request.param, tmp_path_factory)
    app = make_test_app(url)
    try:
        with app.app_context():
            db.create_all()
            make = Factories()
            scene = bulk.build(
                make, phase="selection", proposals=PROPOSALS, other_cycles=2, users=2000
            )
            # Duplicates merged into thirty proposals, three each; the busiest has many comments.
            for n in range(30):
                duplicates = scene.proposals[1000 + 3 * n : 1003 + 3 * n]
                bulk.merge(duplicates, into=scene.proposals[100 + n])
            busiest = scene.proposals[100]
            bulk.add_comments([busiest], scene.users, 40)
            staff = bulk.staff_facilitator(scene)
            bulk.add_reports(scene, scene.proposals[:300])
            db.session.commit()
            _analyse(request.param)
            yield app, scene, busiest, staff
            db.session.remove()
            db.engine.dispose()
    finally:
        if pg_name:
            _admin_execute(f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)')


def plans_of(app, path: str, user=None) -> list[tuple[str, list[str], list[str]]]:
    """(statement, plan, problems) for each query the page at `path` runs."""
    client = app.test_client()
    if user is not None:
        with client.session_transaction() as session:
            session["_user_id"] = user.get_id()
            session["_fresh"] = True
    db.session.expire_all()
    with capturing() as statements:
        response = client.get(path)
    assert response.status_code == 200, path
    found = []
    for statement in filter(is_query, statements):
        plan = explain(statement)
        found.append((statement.sql, plan, problems(statement, plan)))
    return found


def report(found) -> str:
    return "\n\n".join(f"{sql}\n  " + "\n  ".join(plan) for sql, plan, _ in found)


def pages(scene, busiest) -> list[str]:
    slug = scene.arena.slug
    far = PROPOSALS // 10 - 5  # one of the last pages
    return [
        f"/arenas/{slug}/proposals",  # most supported first (voting has closed)
        f"/arenas/{slug}/proposals?sort=newest",
        f"/arenas/{slug}/proposals?theme=energy",
        f"/arenas/{slug}/proposals?theme=energy&sort=newest",
        f"/arenas/{slug}/proposals?page={far}",
        f"/arenas/{slug}/proposals?page={far}&sort=newest",
        f"/arenas/{slug}/proposals?page={PROPOSALS // 20}",  # the middle: the longest walk
        f"/arenas/{slug}/proposals?page={far // 5}&theme=food",
        f"/proposals/{busiest}",
        f"/proposals/{busiest}?page=2",  # the discussion's second page
        f"/arenas/{slug}",
        f"/arenas/{slug}/commitments",
        # The API's lists page by id (keyset): each page is a walk of the primary key.
        "/api/v1/proposals",
        f"/api/v1/proposals?after={scene.proposals[PROPOSALS // 2]}",
        f"/api/v1/proposals?arena={slug}",
    ]


def staff_pages(scene) -> list[str]:
    """The staff's lists. (The side-by-side page and the year's report count distinct
    participants over every support and comment of a cycle: aggregates whose cost is
    the data's by nature, left out here.)"""
    slug = scene.arena.slug
    return [
        f"/moderation/{slug}/reports",  # the reports queue
        f"/moderation/{slug}/audit",
        f"/staff/commitments/{slug}",
        "/staff/scale",
    ]


def test_every_statement_of_the_list_detail_and_arena_pages_uses_an_index(city):
    app, scene, busiest, staff = city
    failures = []
    visits = [(path, None) for path in pages(scene, busiest)]
    visits += [(path, staff) for path in staff_pages(scene)]
    for path, user in visits:
        found = plans_of(app, path, user)
        if any(bad for _, _, bad in found):
            failures.append(f"== {path}\n{report(found)}")
    assert not failures, "\n\n".join(failures)


def test_lists_read_only_what_a_card_shows(city):
    """Not the body, the climate effect or the decision note: a page of the list carries
    ten short rows, whatever the proposals say."""
    app, scene, _, _ = city
    for path in (f"/arenas/{scene.arena.slug}/proposals", f"/arenas/{scene.arena.slug}"):
        client = app.test_client()
        db.session.expire_all()
        with capturing() as statements:
            assert client.get(path).status_code == 200
        reading_proposals = [s.sql for s in statements if "FROM proposals" in s.sql]
        assert reading_proposals, path
        for sql in reading_proposals:
            for column in ("proposals.body", "proposals.climate_effect", "proposals.decision_note"):
                assert column not in sql, (path, sql)


def test_a_signed_in_residents_pages_use_indexes_too(city):
    """What the page asks about its viewer (their supports, budget, follows, notices)
    is looked up by the person, never by listing everyone involved: the follow button
    on a busy proposal asks whether this person is among its supporters, and SQLite
    would list every supporter first if it were asked as one UNION."""
    app, scene, busiest, _ = city
    resident = db.session.get(User, scene.users[7])
    failures = []
    for path in pages(scene, busiest):
        found = plans_of(app, path, resident)
        unions = [
            step
            for sql, plan, _ in found
            if "follows" in sql
            for step in plan
            if "COMPOUND QUERY" in step or step.strip().startswith("Append")
        ]
        if unions or any(bad for _, _, bad in found):
            failures.append(f"== {path}\n{report(found)}")
    assert not failures, "\n\n".join(failures)
