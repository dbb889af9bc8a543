"""Programs reading the API are held by one count per address over all its addresses,
with a JSON answer that says when to try again."""

from limits import parse_many

from arena.limits.table import READ_LIMITS


def test_reading_the_api_is_limited_per_address_in_json(limited_app, client_from, monkeypatch):
    [rule] = [r for r in READ_LIMITS if r.blueprint == "api"]
    allowed = min(item.amount for item in parse_many(rule.rate))
    reader = client_from(address="192.0.2.50")
    for n in range(allowed):
        # Different lists, one count.
        url = "/api/v1/themes" if n % 2 else "/api/v1/arenas"
        assert reader.get(url).status_code == 200, f"refused after {n} of {allowed}"
    refused = reader.get("/api/v1/themes")
    assert refused.status_code == 429
    assert refused.mimetype == "application/problem+json"
    assert int(refused.headers["Retry-After"]) > 0
    assert refused.get_json()["status"] == 429
    # Another address is not held by this count; the pages are not counted at all.
    assert client_from(address="203.0.113.9").get("/api/v1/themes").status_code == 200
    assert reader.get("/").status_code == 200
