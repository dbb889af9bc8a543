"""Wrong access codes are counted on the server, per address, for the redeem and the
code sign-in pages together: a resent old cookie or a fresh browser starts no new count."""

import types

import limits.storage.memory
import pytest

from arena.core.time import utcnow
from arena.extensions import db
from arena.workshops import access_codes
from tests.helpers import page_text
from tests.workshops.helpers import build_scene, snapshot

PAGES = ("/workshops/redeem", "/workshops/sign-in-with-code")
FAILURES_ALLOWED = 20


@pytest.fixture
def code(app):
    arena, *_, facilitator = build_scene("proposing", "facilitator")
    made, _ = access_codes.generate_codes(facilitator, arena, now=utcnow(), count=2, days=30)
    db.session.commit()
    return made


def _try(client, path, code, name="Fatima"):
    return client.post(path, data={"code": code, "display_name": name})


def _fail_until_blocked(client):
    for n in range(FAILURES_ALLOWED):
        wrong = _try(client, PAGES[n % 2], f"ABCDE-FGH{n % 8 + 2}K")
        assert wrong.status_code == 200 and "wait" not in page_text(wrong)


def test_a_resent_cookie_or_a_new_browser_does_not_reset_the_count(limited_app, client_from, code):
    client = client_from(address="192.0.2.20")
    client.get(PAGES[0])
    old_cookie = client.get_cookie("arena_session").value
    _fail_until_blocked(client)
    before = snapshot()
    for path in PAGES:
        blocked = _try(client, path, code)
        assert blocked.status_code == 429
        assert "Too many codes were tried from this network. Please wait 15 minutes" in (
            page_text(blocked)
        )
        assert 14 * 60 < int(blocked.headers["Retry-After"]) <= 15 * 60
    # The cookie from before the first wrong code, sent again: still blocked.
    replay = client_from(address="192.0.2.20")
    replay.set_cookie("arena_session", old_cookie)
    assert _try(replay, PAGES[0], code).status_code == 429
    # No cookie at all, from the same address: still blocked.
    assert _try(client_from(address="192.0.2.20"), PAGES[1], code).status_code == 429
    assert snapshot() == before  # the right code was not used while blocked
    # Another address is not held by this count.
    assert _try(client_from(address="203.0.113.20"), PAGES[0], code).status_code == 303


def test_only_wrong_codes_count_and_the_count_ends(limited_app, client_from, code, monkeypatch):
    client = client_from(address="192.0.2.21")
    # Forms that are not filled in are not guesses.
    for _ in range(FAILURES_ALLOWED + 5):
        assert client.post(PAGES[0], data={"code": "", "display_name": ""}).status_code == 200
    _fail_until_blocked(client)
    assert _try(client, PAGES[0], code).status_code == 429
    # Sixteen minutes on, the same address may try again.
    real_time = limits.storage.memory.time.time
    later = types.SimpleNamespace(time=lambda: real_time() + 16 * 60)
    monkeypatch.setattr(limits.storage.memory, "time", later)
    assert _try(client, PAGES[0], code).status_code == 303
