"""`flask outbox send --loop` keeps sending until SIGTERM, then stops cleanly."""

import os
import signal
import subprocess
import sys
import time

from flask_babel import lazy_gettext as _l

from arena.extensions import db
from arena.mail.outbox import queue


def wait_for(condition, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_the_loop_sends_what_arrives_and_stops_on_sigterm(app, smtp_server, tmp_path):
    env = {
        **os.environ,
        "ARENA_DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "ARENA_MAIL_URL": smtp_server.url,
        "ARENA_SECRET_KEY": "test",
        "ARENA_INSTANCE_DIR": str(tmp_path),
    }
    command = [sys.executable, "-m", "flask", "--app", "arena", "outbox", "send", "--loop"]
    worker = subprocess.Popen(
        [*command, "--interval", "0.2"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        queue("ada@example.org", "test_message", language="sv", subject=_l("Test message"))
        db.session.commit()
        assert wait_for(lambda: len(smtp_server.messages) == 1)
        queue("bo@example.org", "test_message", language="en", subject=_l("Test message"))
        db.session.commit()
        assert wait_for(lambda: len(smtp_server.messages) == 2)
        worker.send_signal(signal.SIGTERM)
        output, _ = worker.communicate(timeout=20)
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.communicate()
    assert worker.returncode == 0, output
    # One round or two, depending on timing.
    assert "Sent: " in output and output.rstrip().endswith("Stopped.")
    assert [m["To"] for m in smtp_server.messages] == ["ada@example.org", "bo@example.org"]
