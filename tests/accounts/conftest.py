"""Fixtures for the accounts tests: moving the clock of signed links."""

import time

import pytest
from itsdangerous import TimestampSigner


@pytest.fixture
def later(monkeypatch):
    """`later(seconds)`: from now on, signed links read as if `seconds` had passed."""

    def move(seconds: float) -> None:
        monkeypatch.setattr(
            TimestampSigner, "get_timestamp", lambda self: int(time.time() + seconds)
        )

    return move
