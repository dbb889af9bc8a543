"""Health probes for a load balancer, systemd or Kubernetes, answered in JSON.

- `GET /healthz`: the process is alive and answers requests. Touches nothing else,
  so a database outage does not get every instance restarted.
- `GET /readyz`: this instance can serve pages: the database answers `SELECT 1`
  and, where Redis is configured (the limits' counts, the page cache), Redis
  answers PING. 200 when all do; 503 otherwise, naming what failed (the kind of
  error only: never an address or a password from the settings).

Both answer everybody: no session is read or saved (no cookie is set), no sign-in,
no rate limit (arena/limits limits only the endpoints of its table), never cached.
"""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify
from sqlalchemy import text

from arena.core.stateless import answer_without_session
from arena.extensions import db

bp = Blueprint("health", __name__)

# Settings that may hold a Redis address, and what the answer calls each.
REDIS_SETTINGS = (
    ("RATELIMIT_STORAGE_URI", "redis_limits"),
    ("CACHE_REDIS_URL", "redis_cache"),
    ("CACHE_URL", "redis_cache"),
)
REDIS_SCHEMES = ("redis://", "rediss://", "unix://", "redis+unix://")
# A probe must answer quickly, whatever it waits for.
REDIS_TIMEOUT_SECONDS = 2


def _answer(body: dict, status: int):
    response = jsonify(body)
    response.status_code = status
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/healthz")
def alive():
    return _answer({"status": "ok"}, 200)


@bp.get("/readyz")
def ready():
    checks = {"database": _check_database()}
    for name, url in redis_urls(current_app.config).items():
        checks[name] = _check_redis(url)
    failed = {name: state for name, state in checks.items() if state != "ok"}
    if failed:
        return _answer({"status": "unavailable", "checks": checks, "failed": sorted(failed)}, 503)
    return _answer({"status": "ok", "checks": checks}, 200)


def redis_urls(config) -> dict[str, str]:
    """The Redis servers this app depends on, by the name the answer gives them."""
    found = {}
    for setting, name in REDIS_SETTINGS:
        url = config.get(setting)
        if isinstance(url, str) and url.startswith(REDIS_SCHEMES):
            found.setdefault(name, url)
    return found


def _failure(exc: Exception) -> str:
    return f"error: {type(exc).__name__}"


def _check_database() -> str:
    try:
        with db.engine.connect() as connection:
            connection.execute(text("SELECT 1")).scalar_one()
    except Exception as exc:
        current_app.logger.warning("Readiness: the database does not answer (%s)", exc)
        return _failure(exc)
    return "ok"


def _check_redis(url: str) -> str:
    import redis

    url = url.replace("redis+unix://", "unix://", 1)
    try:
        client = redis.Redis.from_url(
            url,
            socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
            socket_timeout=REDIS_TIMEOUT_SECONDS,
        )
        try:
            client.ping()
        finally:
            client.close()
    except Exception as exc:
        current_app.logger.warning("Readiness: Redis does not answer (%s)", type(exc).__name__)
        return _failure(exc)
    return "ok"


def init_health(app) -> None:
    app.register_blueprint(bp)
    for path in ("/healthz", "/readyz"):
        answer_without_session(app, path)
