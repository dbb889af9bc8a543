"""The shared page cache: anonymous visitors' pages, kept once for everybody.

Which answers are kept: a GET (HEAD is served from the same copy) for an HTML page
with status 200, from a visitor who sends no session or sign-in cookie, whose page
started no session, carries no CSRF token and sets no cookie, outside /accounts/,
/api/ and /static/, with a query string that is short and plain (see `plain_query`).

The key: the host, the path, the query's parameters sorted, the page's language
(the visitor's `arena_lang` cookie, else their browser's Accept-Language, as
arena.i18n decides) and the encoding the answer is compressed in; all under the
current *generation* (arena/core/freshness.py), which every committed write
renews, so nothing written is missed on any instance. A copy is kept at most
CACHE_SECONDS and never past the next change by the clock (a phase starting, local
midnight), which features register.

Hits are answered by a WSGI middleware before Flask does anything (no routing, no
session, no Babel): two reads from the backend. Every answer it gives says
`X-Cache: hit`; an answer it looked for and did not have says `X-Cache: miss`.

Anonymous pages also carry an ETag (a hash of the body) with `Cache-Control:
no-cache`: browsers and proxies keep them but ask each time, and `If-None-Match`
gets a 304. The ETag differs per language and per encoding, so a copy in the wrong
language is never confirmed as current.
"""

from __future__ import annotations

import functools
import hashlib
import math
from datetime import timedelta
from urllib.parse import parse_qsl, urlencode

from flask import current_app, g, request, session
from werkzeug.datastructures import LanguageAccept
from werkzeug.http import (
    parse_accept_header,
    parse_cookie,
    parse_etags,
    remove_entity_headers,
    unquote_etag,
)

from arena import i18n
from arena.config import PROJECT_ROOT, ConfigError
from arena.core import compression, freshness, time

ENVIRON_KEY = "arena.page_cache.key"
# Set by the app on an answer the middleware may keep (its value: until when, in the
# app's clock, as a POSIX timestamp), and taken off again before the answer leaves.
KEEP_HEADER = "X-Arena-Keep-Until"
SKIP_PREFIXES = ("/accounts/", "/api/", "/static/", "/healthz", "/readyz")
# Query strings kept: at most this many parameters, each name plain and short, each
# value short, none that carries a person's secret or a redirect target.
MAX_PARAMETERS, MAX_VALUE = 8, 100
PERSONAL_PARAMETERS = frozenset({"next", "token", "code", "email"})
# Entries this process has read lately. An entry never changes under its key (the key
# names the generation), so a copy in memory is as good as the backend's; a write
# makes a new generation and so new keys. Emptied when full, at most ~10 MB.
LOCAL_ENTRIES = 400


def plain_query(query_string: str) -> str | None:
    """The query's parameters, sorted and encoded again; None when it is not one to keep
    (too many parameters, long values, odd names): such pages are served uncached."""
    if not query_string:
        return ""
    if len(query_string) > MAX_PARAMETERS * (MAX_VALUE + 24):
        return None
    try:
        pairs = parse_qsl(query_string, keep_blank_values=True, strict_parsing=True)
    except ValueError:
        return None
    if len(pairs) > MAX_PARAMETERS:
        return None
    for name, value in pairs:
        if not (name.isascii() and name.replace("_", "").isalnum() and len(name) <= 24):
            return None
        if name in PERSONAL_PARAMETERS or len(value) > MAX_VALUE:
            return None
    return urlencode(sorted(pairs))


class PageCacheMiddleware:
    """Answers kept pages before the app runs; keeps the pages the app marks."""

    def __init__(self, wsgi_app, store: freshness.PageStore, personal_cookies: tuple[str, ...]):
        self.wsgi_app = wsgi_app
        self.store = store
        self.personal_cookies = personal_cookies
        self.local: dict[str, dict] = {}

    def __call__(self, environ, start_response):
        key = self.key_for(environ)
        if key is None:
            return self.wsgi_app(environ, start_response)
        entry = self.local.get(key)
        if entry is None:
            entry = self.store.get(key)
            if entry is not None:
                self._remember(key, entry)
        # The backend forgets the entry at that time too; asking the app's clock as well
        # keeps a page from outliving a phase by a rounding (and lets tests move time).
        if entry is not None and entry["until"] > time.utcnow().timestamp():
            return _serve(entry, environ, start_response)
        environ[ENVIRON_KEY] = key
        return self._render_and_keep(key, environ, start_response)

    def _remember(self, key: str, entry: dict) -> None:
        if len(self.local) >= LOCAL_ENTRIES:
            self.local.clear()
        self.local[key] = entry

    def key_for(self, environ) -> str | None:
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            return None
        path = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")
        if path.startswith(SKIP_PREFIXES) or environ.get("HTTP_AUTHORIZATION"):
            return None
        header = environ.get("HTTP_COOKIE")
        cookies = parse_cookie(header) if header else {}
        if any(name in cookies for name in self.personal_cookies):
            return None
        query = plain_query(environ.get("QUERY_STRING", ""))
        if query is None:
            return None
        generation = self.store.generation()
        if generation is None:
            return None
        language, chosen = _language(
            cookies.get(i18n.LANGUAGE_COOKIE), environ.get("HTTP_ACCEPT_LANGUAGE", "")
        )
        parts = (
            environ.get("HTTP_HOST", ""),
            environ.get("HTTP_X_FORWARDED_PROTO", environ.get("wsgi.url_scheme", "")),
            path,
            query,
            language,
            "chosen" if chosen else "asked",
            compression.chosen_encoding(environ.get("HTTP_ACCEPT_ENCODING", "")),
        )
        digest = hashlib.sha256("\n".join(parts).encode("utf-8", "surrogateescape")).hexdigest()
        return f"page:{generation}:{digest}"

    def _render_and_keep(self, key, environ, start_response):
        answer = {}

        def start(status, headers, exc_info=None):
            keep = [value for name, value in headers if name == KEEP_HEADER]
            headers = [(name, value) for name, value in headers if name != KEEP_HEADER]
            answer.update(status=status, headers=list(headers), keep=keep)
            return start_response(status, [*headers, ("X-Cache", "miss")], exc_info)

        body = self.wsgi_app(environ, start)
        if not answer.get("keep") or environ["REQUEST_METHOD"] != "GET":
            return body
        try:
            content = b"".join(body)
        finally:
            if hasattr(body, "close"):
                body.close()
        etag = next((v for n, v in answer["headers"] if n.lower() == "etag"), None)
        until = float(answer["keep"][0])
        entry = {
            "status": answer["status"],
            "headers": answer["headers"],
            "body": content,
            "etag": unquote_etag(etag)[0] if etag else None,
            "until": until,
        }
        seconds = math.ceil(until - time.utcnow().timestamp())
        if seconds > 0:
            self.store.set(key, entry, seconds)
            self._remember(key, entry)
        return [content]


@functools.lru_cache(maxsize=256)
def _language(cookie: str | None, accept_language: str) -> tuple[str, bool]:
    accept = parse_accept_header(accept_language, LanguageAccept)
    return i18n.anonymous_language(cookie, accept)


def _serve(entry: dict, environ, start_response):
    headers = [*entry["headers"], ("X-Cache", "hit")]
    etag = entry.get("etag")
    if etag and parse_etags(environ.get("HTTP_IF_NONE_MATCH")).contains_weak(etag):
        from werkzeug.datastructures import Headers

        kept = Headers(headers)
        remove_entity_headers(kept)
        start_response("304 Not Modified", kept.to_wsgi_list())
        return []
    start_response(entry["status"], headers)
    return [] if environ.get("REQUEST_METHOD") == "HEAD" else [entry["body"]]


# --- inside the app: which answers may be kept, ETags, compression --------------------------


def _personal_cookies(app) -> tuple[str, ...]:
    return (
        app.config["SESSION_COOKIE_NAME"],
        app.config.get("REMEMBER_COOKIE_NAME", "remember_token"),
    )


def is_public_page(response) -> bool:
    """An answer that is the same for every anonymous visitor asking in this language."""
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return False
    if response.mimetype != "text/html" or response.is_streamed:
        return False
    if request.path.startswith(SKIP_PREFIXES) or plain_query(request.query_string.decode()) is None:
        return False
    if any(name in request.cookies for name in _personal_cookies(current_app)):
        return False
    if session or session.modified or "Set-Cookie" in response.headers:
        return False
    if current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token") in g:
        return False
    cache_control = response.headers.get("Cache-Control", "")
    return "no-store" not in cache_control and "private" not in cache_control


def _kept_until(app):
    """CACHE_SECONDS from now, or the next change by the clock if that comes first."""
    now = g.get("now") or time.utcnow()
    until = now + timedelta(seconds=app.config["CACHE_SECONDS"])
    change = freshness.next_clock_change(app, now)
    return min(until, change) if change is not None else until


def finish_response(response):
    """The last hook of every answer: ETag and 304 for public pages, compression where
    safe, and the mark that lets the middleware keep the page."""
    public = is_public_page(response)
    if public:
        response.add_etag()
        response.headers.setdefault("Cache-Control", "no-cache")
        response.vary.add("Accept-Language")
        if i18n.LANGUAGE_COOKIE in request.cookies:
            response.vary.add("Cookie")  # the cookie chose the language
    response = compression.compressed(response)
    if public:
        response.make_conditional(request)
        if response.status_code == 200 and ENVIRON_KEY in request.environ:
            response.headers[KEEP_HEADER] = repr(_kept_until(current_app).timestamp())
    return response


def _backend(app):
    """The cache backend CACHE_URL names, through Flask-Caching; None for none://."""
    from flask_caching import Cache

    url = app.config.get("CACHE_URL") or "none://"
    scheme, separator, rest = url.partition("://")
    if not separator:
        scheme = "unknown"
    settings = {
        "CACHE_DEFAULT_TIMEOUT": app.config.get("CACHE_SECONDS", 3600),
        "CACHE_KEY_PREFIX": f"{app.config.get('CACHE_KEY_PREFIX', 'arena')}:",
    }
    if scheme == "none":
        return None
    if scheme in ("redis", "rediss", "unix"):
        settings |= {
            "CACHE_TYPE": "RedisCache",
            "CACHE_REDIS_URL": url,
            # A page must not wait long for a cache that does not answer.
            "CACHE_OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    elif scheme == "file":
        folder = PROJECT_ROOT / rest if rest else PROJECT_ROOT / "instance" / "cache"
        settings |= {"CACHE_TYPE": "FileSystemCache", "CACHE_DIR": str(folder)}
        settings["CACHE_THRESHOLD"] = 20000
    elif scheme == "simple":
        settings |= {"CACHE_TYPE": "SimpleCache", "CACHE_THRESHOLD": 2000}
    else:
        raise ConfigError(f"ARENA_CACHE_URL: redis://, file://, simple:// or none://, not {url!r}")
    cache = Cache()
    cache.init_app(app, config=settings)
    return app.extensions["cache"][cache]


def init_page_cache(app) -> None:
    """The answer hook now (the first registered runs last); the middleware at `wrap`."""
    compression.init_compression(app)
    app.after_request(finish_response)
    backend = _backend(app)
    if backend is not None:
        app.extensions[freshness.STORE] = freshness.PageStore(backend)
        freshness.watch_writes()


def wrap(app) -> None:
    """Put the middleware around the app (inside the request log, which times hits too)."""
    store = app.extensions.get(freshness.STORE)
    if store is not None and app.config.get("PAGE_CACHE", True):
        app.wsgi_app = PageCacheMiddleware(app.wsgi_app, store, _personal_cookies(app))
