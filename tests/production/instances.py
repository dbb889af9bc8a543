"""Real app instances for the two-instance test: gunicorn processes (as deployed, with
deploy/gunicorn.conf.py) on ports of their own, against one PostgreSQL database and
one Redis, and a small HTTP client for them (the standard library's: no cookie jar,
no redirects followed, so each request says exactly what it sends)."""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from arena.config import PROJECT_ROOT

GUNICORN = Path(sys.executable).with_name("gunicorn")
START_SECONDS = 40
CSRF_FIELD = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    text: str

    def cookie(self, name: str) -> str | None:
        jar = SimpleCookie()
        for header in self.headers.get_all("Set-Cookie") or []:
            jar.load(header)
        return jar[name].value if name in jar else None

    def csrf_token(self) -> str:
        found = CSRF_FIELD.search(self.text)
        assert found, f"no CSRF token on the page ({self.status})"
        return found.group(1)


@dataclass
class Instance:
    name: str
    port: int
    log_path: Path
    process: subprocess.Popen | None = None
    extra_env: dict = field(default_factory=dict)

    def request(self, method, path, form=None, cookie=None, headers=None) -> Answer:
        sent = {"Accept-Language": "en", **(headers or {})}
        body = None
        if form is not None:
            body = urlencode(form, doseq=True)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        if cookie:
            sent["Cookie"] = cookie
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            return Answer(response.status, response.headers, text)
        finally:
            connection.close()

    def get(self, path, **kwargs) -> Answer:
        return self.request("GET", path, **kwargs)

    def post(self, path, form, **kwargs) -> Answer:
        return self.request("POST", path, form=form, **kwargs)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


def command(port: int) -> list[str]:
    if GUNICORN.exists():
        config = str(PROJECT_ROOT / "deploy" / "gunicorn.conf.py")
        return [str(GUNICORN), "-c", config, "--bind", f"127.0.0.1:{port}"]
    # Without gunicorn (not installed with dev): werkzeug's threaded server.
    serve = (
        "import sys; from werkzeug.serving import run_simple; from wsgi import app; "
        "run_simple('127.0.0.1', int(sys.argv[1]), app, threaded=True)"
    )
    return [sys.executable, "-c", serve, str(port)]


def start(instances: list[Instance], env: dict) -> None:
    for instance in instances:
        with instance.log_path.open("wb") as log:
            instance.process = subprocess.Popen(
                command(instance.port),
                cwd=PROJECT_ROOT,
                env={**os.environ, **env, **instance.extra_env},
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
    deadline = time.monotonic() + START_SECONDS
    for instance in instances:
        _wait_until_ready(instance, deadline)


def _wait_until_ready(instance: Instance, deadline: float) -> None:
    while time.monotonic() < deadline:
        if instance.process.poll() is not None:
            raise RuntimeError(f"{instance.name} stopped at start:\n{instance.log()[-3000:]}")
        try:
            if instance.get("/readyz").status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{instance.name} not ready in {START_SECONDS} s:\n{instance.log()[-3000:]}")


def stop(instances: list[Instance]) -> None:
    """Ask each server to stop, then end what is left of its process group (gunicorn's
    master can take seconds to reap gthread workers; the test has no time for that)."""
    for instance in instances:
        if instance.process is not None and instance.process.poll() is None:
            instance.process.send_signal(signal.SIGINT)  # gunicorn's quick stop
    deadline = time.monotonic() + 1.5
    for instance in instances:
        if instance.process is None:
            continue
        with contextlib.suppress(subprocess.TimeoutExpired):
            instance.process.wait(timeout=max(0.0, deadline - time.monotonic()))
        # The group this test started (start_new_session): the server and its workers.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(instance.process.pid, signal.SIGKILL)
        instance.process.wait(timeout=5)
