"""Compressed answers (brotli or gzip, through Flask-Compress), where it is safe.

Compression next to a secret lets an attacker who can put text into a page (a search
term echoed from the URL) guess the secret from the compressed size (BREACH). So
nothing a signed-in person sees is compressed (their pages carry their name and
their forms' tokens), nor any page with a CSRF token, nor anything under /accounts/.
Everything else is: the anonymous pages (the same for everybody, so nothing secret
is on them), the API's JSON, open-data CSV, the CSS and the script.
"""

from __future__ import annotations

from flask import current_app, g, request
from flask_compress import Compress
from flask_compress.flask_compress import _choose_algorithm

from arena.core.security import is_personal_response

ALGORITHMS = ("br", "gzip")
MIMETYPES = [
    "text/html",
    "text/css",
    "text/javascript",
    "application/javascript",
    "application/json",
    "application/problem+json",
    "application/ld+json",
    "application/geo+json",
    "text/csv",
    "text/plain",
    "text/turtle",
    "text/calendar",
    "image/svg+xml",
]

compress = Compress()


def chosen_encoding(accept_encoding: str) -> str:
    """The encoding an answer to this Accept-Encoding gets ("identity": none), the
    same choice Flask-Compress makes (the page cache keys on it)."""
    return _choose_algorithm(ALGORITHMS, accept_encoding or "") or "identity"


def may_compress() -> bool:
    field = current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")
    return field not in g and not is_personal_response()


def compressed(response):
    """The response compressed when the client asks and nothing secret is on it."""
    if not may_compress():
        return response
    if request.endpoint == "static" and response.status_code == 200:
        # Our static files are a few KB: compressed whole rather than as a stream (whose
        # generator would hold the request context open past the answer).
        file = response.response
        try:
            data = b"".join(file)
        finally:
            if hasattr(file, "close"):
                file.close()
        response.direct_passthrough = False
        response.set_data(data)
    response = compress.after_request(response)
    if request.method in ("GET", "HEAD") and not response.is_streamed:
        # The ETag now names the encoding too ("…:br"): answer If-None-Match with it.
        response.make_conditional(request)
    return response


def init_compression(app) -> None:
    app.config.setdefault("COMPRESS_ALGORITHM", list(ALGORITHMS))
    app.config.setdefault("COMPRESS_ALGORITHM_STREAMING", list(ALGORITHMS))
    app.config.setdefault("COMPRESS_MIMETYPES", MIMETYPES)
    app.config.setdefault("COMPRESS_BR_LEVEL", 5)
    # A 256 KB window (brotli's default is 4 MB): pages are far smaller, so they come out
    # the same size, and a long streamed export no longer holds tens of MB of window and
    # hash tables in the worker (measured: 62 MB against 23 MB for a 10 MB body).
    app.config.setdefault("COMPRESS_BR_WINDOW", 18)
    # Our own hook decides when (see `compressed`) and answers If-None-Match itself.
    app.config["COMPRESS_REGISTER"] = False
    app.config.setdefault("COMPRESS_EVALUATE_CONDITIONAL_REQUEST", False)
    compress.init_app(app)
