"""Servers for the benchmarks: the app, and a bare Flask hello-world, each under
gunicorn with the same settings (`-w 2`, sync workers) on a free loopback port."""

from __future__ import annotations

import contextlib
import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = [sys.executable, "-m", "gunicorn", "--workers", "2", "--log-level", "warning"]


@dataclass
class Server:
    name: str
    port: int
    process: subprocess.Popen

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(
    name: str, app: str, env: dict | None = None, *, chdir: Path = ROOT, preload: bool = False
) -> Server:
    """gunicorn serving `app` ("wsgi:app"); returns once it answers. `preload` builds
    the app in the master and forks it, as deploy/gunicorn.conf.py does."""
    port = free_port()
    process = subprocess.Popen(
        [
            *GUNICORN,
            *(["--preload"] if preload else []),
            "--bind",
            f"127.0.0.1:{port}",
            "--chdir",
            str(chdir),
            app,
        ],  # fmt: skip
        env=os.environ | (env or {}),
        cwd=chdir,
    )
    server = Server(name, port, process)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name}: gunicorn stopped with {process.returncode}")
        with contextlib.suppress(OSError):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/")
            connection.getresponse().read()
            return server
        time.sleep(0.2)
    server.stop()
    raise RuntimeError(f"{name}: no answer on port {port} within a minute")


def start_app(name: str, database_url: str, *, preload: bool = False, **settings: str) -> Server:
    env = {
        "ARENA_DATABASE_URL": database_url,
        "ARENA_SECRET_KEY": "bench",
        "ARENA_ENV": "production",
        **{f"ARENA_{key}": value for key, value in settings.items()},
    }
    return start(name, "wsgi:app", env, preload=preload)


def start_hello() -> Server:
    return start("hello", "hello:app", chdir=ROOT / "bench")
