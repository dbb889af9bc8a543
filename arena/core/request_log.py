"""One log line per request: method, path, status, duration, bytes sent, request id.

    method=GET path=/arenas/jarva/proposals status=200 duration_ms=6.1 bytes=9214 request_id=…

A WSGI middleware around the whole app, so the line is written when the last byte of
the body has gone (a streamed export is timed to its end and its bytes are counted)
and whatever answered: a view, an error page, a refusal before any view ran.

The request id is the `X-Request-Id` the reverse proxy sent (nginx's `$request_id`,
so its access log and ours can be joined), or a new one; it is sent back in the
answer's `X-Request-Id` and is what an error report should quote.

No client address and no query string are logged (addresses are personal data; a
query may hold what someone searched for), and the secret part of a link that is one
(`/accounts/reset-password/…`) is written as the argument's name, `<token>`.

Logger `arena.request`, INFO; the health probes (`/healthz`, `/readyz`, asked every
few seconds by a load balancer) at DEBUG. ARENA_REQUEST_LOG=0 switches the lines off
(the request id stays); under TESTING they are off unless REQUEST_LOG is True.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
import uuid

from flask import request

log = logging.getLogger("arena.request")

HEADER = "X-Request-Id"
ENVIRON_ID = "HTTP_X_REQUEST_ID"
# Where a view may leave a path fit for the log (see `redact_secret_path`).
ENVIRON_PATH = "arena.log_path"
# An id from outside is kept only when it is short and plain: it goes into our logs.
_PLAIN_ID = re.compile(r"^[A-Za-z0-9._:-]{8,128}$")
# URL arguments that are secrets: the log names them instead of showing them.
SECRET_ARGUMENTS = ("token",)
QUIET_PATHS = frozenset({"/healthz", "/readyz"})
_HANDLER_MARK = "_arena_request_log"


def request_id_from(environ) -> str:
    given = environ.get(ENVIRON_ID, "")
    return given if _PLAIN_ID.match(given) else uuid.uuid4().hex


def format_line(fields: dict, style: str) -> str:
    if style == "json":
        return json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
    return " ".join(f"{key}={_logfmt(value)}" for key, value in fields.items())


def _logfmt(value) -> str:
    text = str(value)
    if text and not any(ch in text for ch in ' "=\\') and text.isprintable():
        return text
    return json.dumps(text, ensure_ascii=False)


class RequestLog:
    """WSGI middleware: give the request an id, time it, log one line at the end."""

    def __init__(self, wsgi_app, *, enabled: bool, style: str = "text"):
        self.wsgi_app = wsgi_app
        self.enabled = enabled
        self.style = style

    def __call__(self, environ, start_response):
        started = time.perf_counter()
        request_id = request_id_from(environ)
        environ[ENVIRON_ID] = request_id
        answer = {"status": 0}

        def start(status, headers, exc_info=None):
            answer["status"] = int(status.split(" ", 1)[0])
            headers = [(k, v) for k, v in headers if k.lower() != HEADER.lower()]
            headers.append((HEADER, request_id))
            return start_response(status, headers, exc_info)

        body = self.wsgi_app(environ, start)
        if not self.enabled:
            return body

        def done(sent: int) -> None:
            self._write(environ, answer["status"], started, sent, request_id)

        return _CountedBody(body, done)

    def _write(self, environ, status, started, sent, request_id) -> None:
        path = environ.get(ENVIRON_PATH) or (
            environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")
        )
        level = logging.DEBUG if path in QUIET_PATHS else logging.INFO
        if not log.isEnabledFor(level):
            return
        fields = {
            "method": environ.get("REQUEST_METHOD", ""),
            "path": path,
            "status": status,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            "bytes": sent,
            "request_id": request_id,
        }
        log.log(level, format_line(fields, self.style))


class _CountedBody:
    """The answer's body as the server reads it, counting bytes; `done` runs once, at
    the last byte or when the server closes the body (the client may have gone)."""

    def __init__(self, body, done):
        self.body = body
        self.done = done
        self.sent = 0
        self.finished = False

    def __iter__(self):
        for chunk in self.body:
            self.sent += len(chunk)
            yield chunk
        self._finish()

    def close(self):
        try:
            if hasattr(self.body, "close"):
                self.body.close()
        finally:
            self._finish()

    def _finish(self):
        if not self.finished:
            self.finished = True
            self.done(self.sent)


def redact_secret_path(response):
    """after_request: the path with its secret arguments' values replaced by their
    names (`/accounts/reset-password/<token>`), for the log line."""
    arguments = request.view_args or {}
    secrets = {name: arguments[name] for name in SECRET_ARGUMENTS if arguments.get(name)}
    if secrets:
        path = request.path
        for name, value in secrets.items():
            path = path.replace(str(value), f"<{name}>")
        request.environ[ENVIRON_PATH] = path
    return response


def is_enabled(config, testing: bool) -> bool:
    wanted = config.get("REQUEST_LOG")
    return (not testing) if wanted is None else bool(wanted)


def init_request_log(app) -> None:
    """Wrap the app (outermost, so the time covers everything) and set up the logger."""
    enabled = is_enabled(app.config, app.testing)
    style = "json" if app.config.get("LOG_FORMAT") == "json" else "text"
    app.wsgi_app = RequestLog(app.wsgi_app, enabled=enabled, style=style)
    app.after_request(redact_secret_path)
    if enabled:
        _ensure_handler()


def _ensure_handler() -> None:
    """One handler on standard error (gunicorn and systemd collect it), once per
    process however many apps it builds; not passed on to the root logger, whose
    handlers (if the host set any) would print each line twice."""
    if log.level == logging.NOTSET:
        log.setLevel(logging.INFO)
    if any(getattr(h, _HANDLER_MARK, False) for h in log.handlers):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    setattr(handler, _HANDLER_MARK, True)
    log.addHandler(handler)
    log.propagate = False
