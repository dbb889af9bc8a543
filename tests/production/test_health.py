"""/healthz says the process answers; /readyz that the database (and Redis, where it is
configured) answer too, and 503 with the reason when one does not. Neither sets a
cookie, needs a sign-in or is rate limited."""

import pytest

from arena.core.health import redis_urls
from tests.conftest import make_test_app
from tests.limits.conftest import REDIS_URL

# Nothing listens here: a Redis that does not answer.
DEAD_REDIS = "redis://127.0.0.1:1/0"


def test_alive_answers_without_a_session(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}
    assert "Set-Cookie" not in response.headers
    assert "Cookie" not in response.headers.get("Vary", "")
    assert response.headers["Cache-Control"] == "no-store"


def test_ready_when_the_database_answers(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "checks": {"database": "ok"}}
    assert "Set-Cookie" not in response.headers


def test_not_ready_without_a_database(database_urls):
    broken = make_test_app("postgresql+psycopg://nobody@127.0.0.1:1/none")
    response = broken.test_client().get("/readyz")
    assert response.status_code == 503
    body = response.get_json()
    assert body["status"] == "unavailable"
    assert body["failed"] == ["database"]
    assert body["checks"]["database"].startswith("error: ")
    assert "127.0.0.1" not in response.get_data(as_text=True)  # no address from the settings
    # Alive all the same: a restart would not bring the database back.
    assert broken.test_client().get("/healthz").status_code == 200


def test_not_ready_when_the_limits_redis_does_not_answer(database_urls):
    app = make_test_app(
        database_urls["sqlite"], RATELIMIT_STORAGE_URI=DEAD_REDIS.replace("/0", "/0?x=secret")
    )
    response = app.test_client().get("/readyz")
    assert response.status_code == 503
    body = response.get_json()
    assert body["failed"] == ["redis_limits"]
    assert body["checks"]["database"] == "ok"
    assert "secret" not in response.get_data(as_text=True)


def test_ready_with_a_redis_that_answers(database_urls, redis_prefix):
    app = make_test_app(database_urls["sqlite"], RATELIMIT_STORAGE_URI=REDIS_URL)
    response = app.test_client().get("/readyz")
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["checks"] == {"database": "ok", "redis_limits": "ok"}


def test_the_cache_redis_is_checked_too():
    config = {
        "RATELIMIT_STORAGE_URI": "memory://",
        "CACHE_REDIS_URL": "redis://cache.example:6379/1",
    }
    assert redis_urls(config) == {"redis_cache": "redis://cache.example:6379/1"}
    assert redis_urls({"RATELIMIT_STORAGE_URI": "memory://"}) == {}


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_probes_are_never_rate_limited(database_urls, path):
    app = make_test_app(database_urls["sqlite"], RATELIMIT_ENABLED=True)
    client = app.test_client()
    assert {client.get(path).status_code for _ in range(400)} == {200}
