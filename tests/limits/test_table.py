"""The table of limits: every entry names a real endpoint, and each one is held on
POST (and only on POST), counted by what the table says."""

import pytest
from flask import url_for
from limits import parse_many

from arena.limits.table import LIMITS

TABLE_ENDPOINTS = sorted({rule.endpoint for rule in LIMITS})


def test_every_endpoint_in_the_table_exists(limited_app):
    missing = {
        endpoint for endpoint in TABLE_ENDPOINTS if endpoint not in limited_app.view_functions
    }
    assert missing == set(), "the limits table names endpoints that do not exist"
    assert limited_app.extensions["arena.limits.endpoints"] == set(TABLE_ENDPOINTS)


def _url(app, endpoint: str) -> str:
    rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
    values = {name: ("no-such-arena" if name == "slug" else 999999) for name in rule.arguments}
    with app.test_request_context():
        return url_for(endpoint, **values)


def _smallest(rate: str) -> int:
    return min(item.amount for item in parse_many(rate))


def _post_until_refused(make_client, url: str, amount: int, vary: str, fixed: dict):
    """`amount` POSTs pass, the next is refused; only `vary` changes between them."""
    for n in range(amount + 1):
        client = make_client(n)
        email = f"person{n}@example.org" if vary == "email" else "same@example.org"
        response = client.post(url, data={"email": email, **fixed})
        if n < amount:
            assert response.status_code != 429, f"{url}: refused after {n} of {amount}"
        else:
            assert response.status_code == 429, f"{url}: not refused after {amount}"
    return response


@pytest.mark.parametrize("rule", LIMITS, ids=[f"{r.endpoint}-by-{r.by}" for r in LIMITS])
def test_each_limit_holds_on_post_and_counts_by_its_key(limited_app, client_from, make, rule):
    url = _url(limited_app, rule.endpoint)
    person = make.user()
    if rule.by == "email":
        # A new address every time: only the account typed into the form is the same.
        def make_client(n):
            return client_from(address=f"198.51.100.{n % 250}")
    elif rule.by == "address":
        # A new account typed every time (see `vary`), from one address.
        def make_client(n):
            return client_from(address="192.0.2.7")
    else:
        # One person, from a new address every time.
        def make_client(n):
            return client_from(address=f"198.51.100.{n % 250}", user=person)

    refused = _post_until_refused(
        make_client,
        url,
        _smallest(rule.rate),
        vary="email" if rule.by == "address" else "",
        fixed={},
    )
    assert int(refused.headers["Retry-After"]) > 0
    # Looking at the form stays free.
    assert make_client(0).get(url).status_code != 429
    # Someone else (another address, account or person) is not held by this count.
    other = make.user()
    stranger = client_from(address="203.0.113.9", user=other if rule.by == "user" else None)
    assert stranger.post(url, data={"email": "someone.else@example.org"}).status_code != 429
