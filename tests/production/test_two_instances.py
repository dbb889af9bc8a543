"""Two app instances, real gunicorn processes on two ports, sharing only one PostgreSQL
database and one Redis, as N instances on N machines do in production:

- supports racing across both (the same people, the same proposals, at the same
  moment) stay exact: every count equals its rows, nobody goes over the budget, and
  every support acknowledged to someone is stored (and nothing else);
- a rate limit counted on one holds on the other;
- a page cached by one (the shared page cache in the same Redis: the second view is
  a hit) is fresh on it after a write made through the other.

Sign-in goes through the real form (CSRF protection is on in these instances); the
many people of the race start with a session cookie signed with the instances'
secret key, as a browser that signed in earlier has. Needs PostgreSQL and Redis:
skipped where they do not answer, failed where CI says they must
(ARENA_REQUIRE_POSTGRESQL / ARENA_REQUIRE_REDIS).
"""

from __future__ import annotations

import random
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pytest
from sqlalchemy import func, select

from arena.accounts.models import User
from arena.extensions import db
from arena.proposals.models import Participation, Proposal, Support
from tests import factories
from tests.conftest import (
    POSTGRES_ADMIN_URL,
    POSTGRES_AVAILABLE,
    POSTGRES_REQUIRED,
    _admin_execute,
    make_test_app,
)
from tests.limits.conftest import REDIS_REQUIRED, REDIS_URL, redis_answers
from tests.production import instances as servers

SECRET_KEY = "two-instances-" + uuid.uuid4().hex
SESSION_COOKIE = "arena_session"
PEOPLE, PROPOSALS, BUDGET = 10, 5, 3
PROPOSER_EMAIL, LIMITED_EMAIL = "proposer@example.org", "limited@example.org"


def _require_services() -> None:
    missing = []
    if not (POSTGRES_AVAILABLE or POSTGRES_REQUIRED):
        missing.append("PostgreSQL at 127.0.0.1:5432")
    if not redis_answers():
        missing.append(f"Redis at {REDIS_URL}")
    if missing and (POSTGRES_REQUIRED or REDIS_REQUIRED):
        pytest.fail(f"Required but not answering: {', '.join(missing)}")
    if missing:
        pytest.skip(f"Not answering: {', '.join(missing)}")


@dataclass
class Cluster:
    a: servers.Instance
    b: servers.Instance
    app: object  # an app of the test's own on the same database, for reading it
    people: dict  # user id → a signed session cookie value
    proposal_ids: list
    voting_slug: str
    proposing_slug: str

    def both(self):
        return (self.a, self.b)


def _seed(make) -> tuple[list[User], list[int]]:
    voting = make.cycle(make.arena(name="Järva", slug="jarva"), support_budget=BUDGET)
    proposing = make.cycle(make.arena(name="Skärholmen", slug="skarholmen"), phase="proposing")
    make.theme("transport")
    author = make.user(connected_to=voting.arena)
    proposals = [make.proposal(voting, author=author) for _ in range(PROPOSALS)]
    make.proposal(proposing, title="Cykelbana längs Skärholmsvägen")
    people = [make.user(connected_to=voting.arena) for _ in range(PEOPLE)]
    make.user(connected_to=proposing.arena, email=PROPOSER_EMAIL)
    make.user(connected_to=voting.arena, email=LIMITED_EMAIL)
    db.session.commit()
    return people, [p.id for p in proposals]


def _session_cookie(app, user: User) -> str:
    serializer = app.session_interface.get_signing_serializer(app)
    return serializer.dumps({"_user_id": user.get_id(), "_fresh": True})


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    _require_services()
    name = f"arena_two_{uuid.uuid4().hex[:10]}"
    url = POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    prefix = f"arena-test-{uuid.uuid4().hex[:12]}"
    _admin_execute(f'CREATE DATABASE "{name}"')
    app = make_test_app(url, SECRET_KEY=SECRET_KEY, SESSION_COOKIE_NAME=SESSION_COOKIE)
    with app.app_context():
        db.create_all()
        people, proposal_ids = _seed(factories.Factories())
        cookies = {user.id: f"{SESSION_COOKIE}={_session_cookie(app, user)}" for user in people}
    folder = tmp_path_factory.mktemp("instances")
    env = {
        "ARENA_ENV": "development",
        "ARENA_SECRET_KEY": SECRET_KEY,
        "ARENA_DATABASE_URL": url,
        "ARENA_INSTANCE_DIR": str(folder),
        "ARENA_RATELIMIT_ENABLED": "1",
        "ARENA_RATELIMIT_STORAGE_URL": REDIS_URL,
        "ARENA_RATELIMIT_KEY_PREFIX": prefix,
        # The shared page cache: the same Redis, the same prefix.
        "ARENA_CACHE_URL": REDIS_URL,
        "ARENA_CACHE_KEY_PREFIX": prefix,
        "ARENA_REQUEST_LOG": "1",
        "ARENA_DB_POOL_SIZE": "4",
        "GUNICORN_WORKERS": "2",
        "GUNICORN_THREADS": "4",
    }
    pair = [servers.Instance(name, servers.free_port(), folder / f"{name}.log") for name in "ab"]
    try:
        servers.start(pair, env)
        yield Cluster(pair[0], pair[1], app, cookies, proposal_ids, "jarva", "skarholmen")
    finally:
        servers.stop(pair)
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
        _admin_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        _delete_redis_keys(prefix)


def _delete_redis_keys(prefix: str) -> None:
    import redis

    connection = redis.Redis.from_url(REDIS_URL)
    keys = list(connection.scan_iter(match=f"*{prefix}*"))
    if keys:
        connection.delete(*keys)


def _flashes(cluster: Cluster, answer: servers.Answer) -> list[tuple[str, str]]:
    """The messages the answer put in the session cookie for the next page."""
    value = answer.cookie(SESSION_COOKIE)
    if value is None:
        return []
    serializer = cluster.app.session_interface.get_signing_serializer(cluster.app)
    return [tuple(flash) for flash in serializer.loads(value).get("_flashes", [])]


def _sign_in(instance: servers.Instance, email: str, password: str) -> servers.Answer:
    form_page = instance.get("/accounts/sign-in")
    cookie = f"{SESSION_COOKIE}={form_page.cookie(SESSION_COOKIE)}"
    answer = instance.post(
        "/accounts/sign-in",
        {"csrf_token": form_page.csrf_token(), "email": email, "password": password},
        cookie=cookie,
    )
    return answer


# --- (a) supports racing across both instances ---------------------------------------------


def _ready_to_support(cluster: Cluster, cookie: str) -> tuple[str, str]:
    """(cookie, CSRF token) of a signed-in person, from a proposal page on instance A."""
    page = cluster.a.get(f"/proposals/{cluster.proposal_ids[0]}", cookie=cookie)
    assert page.status == 200
    return f"{SESSION_COOKIE}={page.cookie(SESSION_COOKIE)}", page.csrf_token()


def test_supports_racing_across_both_instances_stay_exact(cluster):
    with ThreadPoolExecutor(max_workers=8) as pool:
        sessions = pool.map(
            lambda cookie: _ready_to_support(cluster, cookie), cluster.people.values()
        )
        ready = dict(zip(cluster.people, sessions, strict=True))
    # Every person supports every proposal twice, once through each instance: more
    # than the budget allows, and every pair sent twice at once.
    attempts = [
        (instance, user_id, proposal_id)
        for user_id in ready
        for proposal_id in cluster.proposal_ids
        for instance in cluster.both()
    ]
    random.Random(13).shuffle(attempts)

    # What each answer said, by round ("race", then "again"), for the failure's report.
    told = []  # a list: extend is one step for the 16 threads, a Counter's update is not

    def attempt(job, round_="race"):
        instance, user_id, proposal_id = job
        cookie, token = ready[user_id]
        answer = instance.post(
            f"/proposals/{proposal_id}/support", {"csrf_token": token}, cookie=cookie
        )
        shown = _flashes(cluster, answer)
        told.extend((round_, category, text[:40]) for category, text in shown or [("", "")])
        return job, answer.status, "success" in {category for category, _ in shown}

    with ThreadPoolExecutor(max_workers=16) as pool:
        results = list(pool.map(attempt, attempts))

    assert {status for _, status, _ in results} == {303}
    # Then once more, one at a time: a support refused in the crush for a passing reason
    # (a lock wait on a loaded machine) may go in now, but only if the budget truly has
    # room: a unit of budget used without a support stored would show as a person left
    # short of the budget below.
    first = cluster.both()[0]
    results += [
        attempt((first, uid, pid), "again") for uid in ready for pid in cluster.proposal_ids
    ]
    acknowledged = [(user_id, pid) for (_, user_id, pid), _, ok in results if ok]
    assert len(acknowledged) == len(set(acknowledged))  # never the same support twice
    with cluster.app.app_context():
        stored = set(db.session.execute(select(Support.user_id, Support.proposal_id)).all())
        counts = dict(db.session.execute(select(Proposal.id, Proposal.support_count)).all())
        rows = dict(
            db.session.execute(
                select(Support.proposal_id, func.count()).group_by(Support.proposal_id)
            ).all()
        )
        used = dict(
            db.session.execute(select(Participation.user_id, Participation.supports_used)).all()
        )
        db.session.remove()
    assert set(acknowledged) == stored  # every acknowledged support is stored, no other
    assert {pid: counts[pid] for pid in cluster.proposal_ids} == {
        pid: rows.get(pid, 0) for pid in cluster.proposal_ids
    }
    per_person = {uid: sum(1 for u, _ in stored if u == uid) for uid in ready}
    # Budget used stands for supports stored, person by person; then the whole budget,
    # never more. The report tells a leaked unit of budget (used ahead of stored) from a
    # refusal while the budget had room (both equal, short of it).
    # A string: pytest shortens a dict in the message, and every person counts here.
    report = (
        f"used {sorted(used.items())}; stored {sorted(per_person.items())}; "
        f"told {sorted(Counter(told).items())}"
    )
    assert used == per_person, report
    assert per_person == {uid: BUDGET for uid in ready}, report
    # Both instances took part.
    assert {instance.name for (instance, _, _), _, ok in results if ok} == {"a", "b"}


# --- (b) a rate limit counted on one instance holds on the other ---------------------------


def test_a_sign_in_limit_counted_on_one_instance_holds_on_the_other(cluster):
    form_page = cluster.a.get("/accounts/sign-in")
    cookie = f"{SESSION_COOKIE}={form_page.cookie(SESSION_COOKIE)}"
    token = form_page.csrf_token()

    def try_password(instance, password):
        form = {"csrf_token": token, "email": LIMITED_EMAIL, "password": password}
        return instance.post("/accounts/sign-in", form, cookie=cookie).status

    # Wrong passwords, to A and B in turn: 10 per account in any 15 minutes, counted
    # over both. Each instance alone has seen only 5 when the 11th is refused.
    answers = [try_password(cluster.both()[n % 2], "wrong password") for n in range(14)]
    assert answers == [200] * 10 + [429] * 4
    # The right password is refused as well now, on either.
    assert {try_password(i, factories.PASSWORD) for i in cluster.both()} == {429}


# --- (c) a page viewed on one is fresh on the other after a write ---------------------------


def test_a_page_cached_by_one_instance_is_fresh_there_after_a_write_on_the_other(cluster):
    listing = f"/arenas/{cluster.proposing_slug}/proposals"
    title = f"Solceller på skolans tak {uuid.uuid4().hex[:6]}"
    for _ in range(2):  # seen twice: the shared cache now holds it
        before = cluster.a.get(listing)
        assert before.status == 200
        assert "Cykelbana längs Skärholmsvägen" in before.text
        assert title not in before.text
    assert before.headers["X-Cache"] == "hit"
    # Kept for everybody: B answers from the same copy when asked for the same site (the
    # host is part of the key; behind the proxy both see the public one).
    site = {"Host": f"127.0.0.1:{cluster.a.port}"}
    assert cluster.b.get(listing, headers=site).headers["X-Cache"] == "hit"

    signed_in = _sign_in(cluster.b, PROPOSER_EMAIL, factories.PASSWORD)
    assert signed_in.status == 303, signed_in.text[:500]
    cookie = f"{SESSION_COOKIE}={signed_in.cookie(SESSION_COOKIE)}"
    form_page = cluster.b.get(f"{listing}/new", cookie=cookie)
    assert form_page.status == 200
    # Signing in started a new session: the form's token is in the cookie sent with it.
    cookie = f"{SESSION_COOKIE}={form_page.cookie(SESSION_COOKIE) or cookie.split('=', 1)[1]}"
    sent = cluster.b.post(
        f"{listing}/new",
        {
            "csrf_token": form_page.csrf_token(),
            "title": title,
            "summary": "Skolans tak har plats för solceller.",
            "theme": "transport",
            "language": "sv",
            "organisation": "",
        },
        cookie=cookie,
    )
    assert sent.status == 303, sent.text[:2000]

    after = cluster.a.get(listing)
    assert after.status == 200
    assert after.headers["X-Cache"] == "miss"
    assert title in after.text
    assert title in cluster.b.get(listing).text
    assert cluster.a.get(listing).headers["X-Cache"] == "hit"  # and kept again


# --- and the instances as operated ------------------------------------------------------------


def test_each_instance_is_ready_and_logs_each_request_with_its_id(cluster):
    for instance in cluster.both():
        ready = instance.get("/readyz")
        assert ready.status == 200
        assert '"redis_limits":"ok"' in ready.text.replace(" ", "")
        assert '"redis_cache":"ok"' in ready.text.replace(" ", "")
        request_id = f"probe-{instance.name}-{uuid.uuid4().hex}"
        home = instance.get("/", headers={"X-Request-Id": request_id})
        assert home.status == 200
        assert home.headers["X-Request-Id"] == request_id
    for instance in cluster.both():
        # The line is written once the last byte has gone: give the worker a moment.
        deadline = time.monotonic() + 10
        while True:
            lines = [line for line in instance.log().splitlines() if "request_id=probe-" in line]
            found = any(
                line.startswith("method=GET path=/ status=200 ")
                and f"request_id=probe-{instance.name}-" in line
                for line in lines
            )
            if found or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        assert found, instance.log()[-2000:]
