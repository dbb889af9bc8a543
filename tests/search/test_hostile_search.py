"""Whatever an address holds, the search page and the similar-proposals fragment answer
with a page, never an error: the hostile values of tests/hostile (control characters,
query syntax of either database, huge numbers, long text) in every parameter.

(tests/hostile/targets.py lists POST forms only; these are GET forms, so they are
driven here with the same values.)"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hostile.values import IDS, NUMBERS, PAYLOADS

SEARCH_SYNTAX = [
    '"',
    '""',
    "a AND",
    "OR b",
    "NOT",
    "NEAR(a b, 2)",
    "a*",
    "^a",
    "{terms}: a",
    "terms:a",
    "a & b | !c",
    "a <-> b",
    "'a':*",
    "(",
    ")",
    "a:b:c",
    "ö" * 61,
    "x" * 5000,
]
VALUES = st.sampled_from(PAYLOADS + SEARCH_SYNTAX + NUMBERS + IDS)
PARAMS = ["q", "arena", "theme", "year", "status", "kind", "page"]


@pytest.fixture
def demo_like(make):
    with make.batch():
        arena = make.arena("Järva", slug="jarva")
        cycle = make.cycle(arena, phase="proposing")
        make.proposal(cycle, title="Odlingarna i Tensta", summary="Grönsaker från odlingarna.")
    return arena


def test_hostile_search_addresses_give_a_page(demo_like, client_for):
    client = client_for()

    @settings(
        max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), database=None
    )
    @given(st.lists(st.tuples(st.sampled_from(PARAMS), VALUES), max_size=5))
    def check(pairs):
        response = client.get("/search", query_string=[*pairs, ("q", "odling")])
        assert response.status_code == 200, pairs
        response = client.get("/search", query_string=pairs)
        assert response.status_code == 200, pairs

    check()


@pytest.mark.parametrize("value", PAYLOADS + SEARCH_SYNTAX)
def test_every_hostile_query_alone(demo_like, client_for, value):
    assert client_for().get("/search", query_string={"q": value}).status_code == 200
    similar = client_for().get(
        "/search/similar/jarva", query_string={"title": value, "summary": value, "language": value}
    )
    assert similar.status_code == 200
