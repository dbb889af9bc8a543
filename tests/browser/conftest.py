"""A live server of the demo site for Debian's Chromium, driven by Playwright.

The app runs in a thread of the test process, on a fresh SQLite file seeded
with the demo data, with CSRF protection on: the browser fills in real forms.
These tests fail (never skip) when Chromium is missing: `make browser-deps`
installs it from Debian's packages (never `playwright install`).
"""

import re
import shutil
import threading
from pathlib import Path

import pytest
from flask_babel import force_locale, gettext, ngettext
from werkzeug.serving import make_server

from arena.core.time import utcnow
from arena.demo import seed_demo
from arena.extensions import db
from tests.conftest import make_test_app

PROJECT_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = PROJECT_ROOT / "test-artifacts"

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]

# The demo accounts (arena/demo.py), by role.
DEMO_ACCOUNTS = {
    "resident": ("resident@example.org", "demo-resident-2026"),
    "facilitator": ("facilitator@example.org", "demo-facilitator-2026"),
    "staff": ("staff@example.org", "demo-staff-2026"),
    "admin": ("admin@example.org", "demo-admin-2026"),
}


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.fail(
            "Chromium is not installed: run `make browser-deps` (apt-get install chromium). "
            "Never `playwright install`: it downloads from outside the package registries."
        )
    return {**browser_type_launch_args, "executable_path": chromium, "args": CHROMIUM_FLAGS}


@pytest.fixture(scope="session")
def live_app(tmp_path_factory):
    """The app on its own SQLite file with the demo data, CSRF protection on."""
    url = f"sqlite:///{tmp_path_factory.mktemp('browser-db') / 'arena.db'}"
    app = make_test_app(url, WTF_CSRF_ENABLED=True)
    with app.app_context():
        db.create_all()
        seed_demo(utcnow())
        db.session.commit()
        db.session.remove()
    yield app
    with app.app_context():
        db.engine.dispose()


class _WholeFiles:
    """Static files read whole and closed at once, before a byte is sent.

    Werkzeug's development server leaves a streamed file open when the browser hangs
    up half-way (it does, leaving a page while its icon loads): a ResourceWarning,
    which the suite's `filterwarnings = error` turns into a failing test.
    """

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        environ["wsgi.file_wrapper"] = self.read_whole
        return self.app(environ, start_response)

    @staticmethod
    def read_whole(file, buffer_size=8192):
        with file:
            return [file.read()]


@pytest.fixture(scope="session")
def base_url(live_app):
    """Our own fixture: pytest-playwright's built-in one warns under pytest 9."""
    server = make_server("127.0.0.1", 0, _WholeFiles(live_app), threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)
    server.server_close()


@pytest.fixture(scope="session")
def browser_context_args(base_url):
    # Only the base URL: each test passes its own viewport, locale and device.
    return {"base_url": base_url}


@pytest.fixture(scope="session")
def translate(live_app):
    """The text the running app shows for a message in a language, from its own catalog.

    Locators for the Swedish journeys come from here, so they follow the Swedish
    catalog (translations/sv) as it is written; a message still untranslated
    shows, and is looked for, in English.
    """

    def text(
        language: str, message: str, plural: str | None = None, num: int | None = None, **values
    ):
        with live_app.test_request_context(), force_locale(language):
            if plural is not None:
                return ngettext(message, plural, num, **values)
            return gettext(message, **values)

    return text


def exact(text: str) -> re.Pattern:
    """A pattern that matches `text` as the whole accessible name, ignoring surrounding space."""
    return re.compile(rf"^\s*{re.escape(text)}\s*$")


def sign_in(page, email: str, password: str, t=None) -> None:
    """Sign in through the real form, as a person would."""
    t = t or (lambda message, **values: message % values if values else message)
    page.goto("/accounts/sign-in")
    page.get_by_label(t("E-mail address")).fill(email)
    page.get_by_label(t("Password"), exact=True).fill(password)
    page.get_by_role("main").get_by_role("button", name=t("Sign in")).click()
    page.wait_for_url("**/accounts/me")


_CRAWL_SUMMARY: list[str] = []


@pytest.fixture(scope="session")
def crawl_summary() -> list[str]:
    """Lines printed at the end of the run: how many pages each role's crawl checked."""
    return _CRAWL_SUMMARY


def pytest_terminal_summary(terminalreporter):
    if _CRAWL_SUMMARY:
        terminalreporter.section("browser crawl")
        for line in _CRAWL_SUMMARY:
            terminalreporter.write_line(line)
