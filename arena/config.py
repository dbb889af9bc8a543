"""Every setting with a safe default, read from ARENA_* environment variables.

`load_config(overrides)` returns a plain dict for `app.config`. Production
(`ARENA_ENV=production`) refuses to start without an explicit secret key.
"""

import os
import secrets
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
INSTANCE_DIR = Path(os.environ.get("ARENA_INSTANCE_DIR", PROJECT_ROOT / "instance"))


class ConfigError(RuntimeError):
    """Raised when the environment cannot give a safe configuration."""


def _env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(f"ARENA_{name}")
    return value if value not in (None, "") else default


def _local_secret_key() -> str:
    """A key made once and kept under instance/, so sessions survive restarts."""
    path = INSTANCE_DIR / "secret_key"
    if path.exists():
        return path.read_text().strip()
    INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    path.write_text(key)
    path.chmod(0o600)
    return key


def _int(name: str, default: int) -> int:
    raw = _env(name)
    try:
        return int(raw) if raw is not None else default
    except ValueError as exc:
        raise ConfigError(f"ARENA_{name} must be a whole number, not {raw!r}") from exc


def _flag(name: str) -> bool | None:
    raw = _env(name)
    return None if raw is None else raw not in ("0", "false", "off", "no")


def _bounded(name: str, default: int, *, minimum: int) -> int:
    value = _int(name, default)
    if value < minimum:
        raise ConfigError(f"ARENA_{name} must be at least {minimum}, not {value}")
    return value


def _limit_settings() -> dict:
    return {
        # Limits on guessing (arena/limits): counted in memory in the embedded default;
        # in production point every app instance at one Redis (redis://127.0.0.1:6379/0)
        # so that they share the counts. The prefix keeps two sites on one Redis apart.
        "RATELIMIT_ENABLED": _env("RATELIMIT_ENABLED", "1") != "0",
        "RATELIMIT_STORAGE_URI": _env("RATELIMIT_STORAGE_URL", "memory://"),
        "RATELIMIT_KEY_PREFIX": _env("RATELIMIT_KEY_PREFIX", "arena"),
        # At most N in *any* such stretch of time, not per clock-aligned window.
        "RATELIMIT_STRATEGY": "moving-window",
        # Redis down: each instance counts in its own memory until it answers again.
        "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
        # Behind a reverse proxy the client's address is in X-Forwarded-For: set this to
        # the number of proxies in front of the app (werkzeug's ProxyFix trusts that
        # many hops). 0, the default, trusts no header: the limits then count the
        # proxy's address for everybody.
        "PROXY_COUNT": _int("PROXY_COUNT", 0),
    }


def _cache_settings() -> dict:
    return {
        # The shared page cache for anonymous visitors (arena/core/pagecache.py):
        # redis://… in production (every instance shares it), file://PATH in the embedded
        # default (safe with several gunicorn workers on one machine), simple:// in one
        # process's memory, none:// off.
        "CACHE_URL": _env("CACHE_URL", f"file://{INSTANCE_DIR / 'cache'}"),
        "CACHE_KEY_PREFIX": _env("CACHE_KEY_PREFIX", "arena"),
        # "0": keep no page (each is rendered), while the backend still carries the
        # tokens for what processes keep in memory (arena/arenas/reference.py).
        "PAGE_CACHE": _flag("PAGE_CACHE") is not False,
        # The longest a cached page is kept, in seconds; writes and the clock (a phase
        # starting, midnight) end it sooner.
        "CACHE_SECONDS": _bounded("CACHE_SECONDS", 3600, minimum=1),
    }


def _engine_options(database_url: str) -> dict:
    """SQLAlchemy's connection pool, per app process (each gunicorn worker has one).

    A PostgreSQL connection is tested before lending it when it has been idle
    (database.ping_after_idle), so a restarted database costs a retry, not an error
    page. PostgreSQL's pool is sized here: at most
    POOL_SIZE + MAX_OVERFLOW connections per process, so N instances × W workers ×
    that number must stay under the server's max_connections. pool_recycle replaces
    connections older than that many seconds, before a firewall or PgBouncer drops
    them unseen. SQLite keeps SQLAlchemy's own pool: it has no server to share.
    """
    if database_url.startswith("sqlite"):
        return {}
    return {
        "pool_size": _bounded("DB_POOL_SIZE", 5, minimum=1),
        "max_overflow": _bounded("DB_MAX_OVERFLOW", 5, minimum=0),
        "pool_recycle": _bounded("DB_POOL_RECYCLE", 1800, minimum=-1),  # -1: never
        "pool_timeout": _bounded("DB_POOL_TIMEOUT", 10, minimum=1),
    }


def load_config(overrides: dict | None = None) -> dict:
    overrides = dict(overrides or {})
    env = overrides.pop("ENV", None) or _env("ENV", "development")
    is_production = env == "production"

    secret_key = overrides.get("SECRET_KEY") or _env("SECRET_KEY")
    if not secret_key:
        if is_production:
            raise ConfigError("ARENA_SECRET_KEY must be set when ARENA_ENV=production")
        secret_key = _local_secret_key()

    database_url = _env("DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'arena.db'}")

    config = {
        "ARENA_ENV": env,
        "SECRET_KEY": secret_key,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SQLALCHEMY_ENGINE_OPTIONS": _engine_options(
            overrides.get("SQLALCHEMY_DATABASE_URI") or database_url
        ),
        "BABEL_DEFAULT_LOCALE": "sv",
        "BABEL_DEFAULT_TIMEZONE": _env("TIMEZONE", "Europe/Stockholm"),
        "BABEL_TRANSLATION_DIRECTORIES": str(PROJECT_ROOT / "translations"),
        # Only the strictly necessary session cookie, never readable by scripts.
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": is_production,
        "SESSION_COOKIE_NAME": "arena_session",
        "REMEMBER_COOKIE_DURATION": 0,
        "WTF_CSRF_TIME_LIMIT": None,  # tied to the session instead of a clock
        "PROPOSALS_PER_PAGE": _int("PROPOSALS_PER_PAGE", 10),
        "DEFAULT_SUPPORT_BUDGET": _int("DEFAULT_SUPPORT_BUDGET", 5),
        # How long the author of a comment may still correct it.
        "COMMENT_EDIT_MINUTES": _int("COMMENT_EDIT_MINUTES", 15),
        # Reports from this many different people hide an item until a facilitator
        # decides; 0 switches automatic hiding off.
        "AUTO_HIDE_REPORTS": _int("AUTO_HIDE_REPORTS", 3),
        "MAX_CONTENT_LENGTH": 1024 * 1024,
        # Named on the accessibility statement and privacy notice; set them in production.
        "ORGANISATION_NAME": _env("ORGANISATION_NAME", "Stockholms stad, miljöförvaltningen"),
        "CONTACT_EMAIL": _env("CONTACT_EMAIL", "arena@example.org"),
        "DATA_PROTECTION_EMAIL": _env("DATA_PROTECTION_EMAIL", "dataskydd@example.org"),
        # Links in mail point here. The sender of mail, and the SMTP server
        # (smtp://user:pass@host:587?starttls=1); without one, mail stays in the outbox
        # and is printed on the console, so the embedded default works offline.
        "BASE_URL": _env("BASE_URL", "http://127.0.0.1:5000"),
        "MAIL_URL": _env("MAIL_URL"),
        "MAIL_FROM": _env("MAIL_FROM", "arena@example.org"),
        # The licence of the open data (/open-data): an SPDX id such as CC0-1.0 or
        # CC-BY-4.0. ORGANISATION_NAME above is named as its publisher.
        "OPEN_DATA_LICENSE": _env("OPEN_DATA_LICENSE", "CC0-1.0"),
        # One log line per request (arena/core/request_log.py) on standard error:
        # "1" on, "0" off, unset: on except under TESTING. LOG_FORMAT: text or json.
        "REQUEST_LOG": _flag("REQUEST_LOG"),
        "LOG_FORMAT": _env("LOG_FORMAT", "text"),
    }
    config.update(_limit_settings())
    config.update(_cache_settings())
    config.update(overrides)
    return config
