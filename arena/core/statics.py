"""Static files under content-hashed names, so browsers may keep them for a year.

`static_url("arena.css")` (a template global) gives `/static/arena.<12 hex>.css`, the
hex being the start of the file's SHA-256: a new version of the file has a new name,
so the old one may be kept forever (`Cache-Control: public, max-age=31536000,
immutable`). The plain name still answers, kept only a short while, for anything that
asks by it. A hashed name whose hash is no longer the file's (a page from before a
release) gets today's file, kept briefly too. nginx serves the same names from disk
(deploy/nginx/arena.conf).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from flask import current_app, send_from_directory, url_for

HASHED_NAME = re.compile(r"^(?P<stem>.+)\.(?P<hash>[0-9a-f]{12})(?P<suffix>\.[A-Za-z0-9]+)$")
YEAR_SECONDS = 31536000
# Plain names (and stale hashes): a browser asks again after an hour.
SHORT_SECONDS = 3600
IMMUTABLE = f"public, max-age={YEAR_SECONDS}, immutable"


def _hashes(app) -> dict:
    return app.extensions.setdefault("arena.static_hashes", {})


def content_hash(filename: str) -> str | None:
    """The first 12 hex digits of the file's SHA-256 (None: no such file), remembered
    while the file's modification time stays the same."""
    app = current_app
    path = Path(app.static_folder) / filename
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return None
    known = _hashes(app).get(filename)
    if known and known[0] == stamp:
        return known[1]
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    _hashes(app)[filename] = (stamp, digest)
    return digest


def static_url(filename: str) -> str:
    digest = content_hash(filename)
    if digest is None:
        return url_for("static", filename=filename)
    stem, dot, suffix = filename.rpartition(".")
    hashed = f"{stem}.{digest}.{suffix}" if dot else f"{filename}.{digest}"
    return url_for("static", filename=hashed)


def serve_static(filename: str):
    """The static view: a hashed name is the file itself, kept a year."""
    folder = current_app.static_folder
    found = HASHED_NAME.match(filename)
    if found and content_hash(plain := found["stem"] + found["suffix"]) is not None:
        fresh = content_hash(plain) == found["hash"]
        response = send_from_directory(
            folder, plain, max_age=YEAR_SECONDS if fresh else SHORT_SECONDS
        )
        if fresh:
            response.headers["Cache-Control"] = IMMUTABLE
        return response
    return send_from_directory(folder, filename, max_age=SHORT_SECONDS)


def init_statics(app) -> None:
    app.view_functions["static"] = serve_static
    app.add_template_global(static_url, "static_url")
