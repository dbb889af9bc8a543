"""`next=` targets must stay on this site: anything else is dropped (no open redirects)."""

import pytest

from arena.core.security import safe_next


@pytest.mark.parametrize(
    "target",
    [
        "/",
        "/accounts/me",
        "/arenas/jarva/proposals?theme=energy&page=2",
        "/proposals/12#support-title",
    ],
)
def test_own_paths_are_kept(target):
    assert safe_next(target) == target


@pytest.mark.parametrize(
    "target",
    [
        None,
        "",
        "//evil.example",
        "//evil.example/accounts/me",
        "///evil.example",
        "http://evil.example",
        "https://evil.example/",
        "javascript:alert(1)",
        "evil.example",
        "accounts/me",
        "/\\evil.example",
        "\\\\evil.example",
        "/\\/evil.example",
        "/accounts\\..\\evil",
        "/\t/evil.example",
        "/\n/evil.example",
        "/\r\n/evil.example",
        "/\x00/evil.example",
        "/\x1f",
        " /accounts/me",
    ],
)
def test_other_targets_are_refused(target):
    assert safe_next(target) is None
