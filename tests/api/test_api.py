"""The public API through HTTP: what it shows and hides, its filters and pages, its
caching headers, its errors and its OpenAPI document."""

import re
from datetime import timedelta

from openapi_spec_validator import validate

from arena.core.time import utcnow
from arena.extensions import db
from tests.reviews.review_helpers import add_indicator, make_commitment, measure


def get(client, url, **headers):
    response = client.get(url, headers=headers)
    return response, (response.get_json() if response.data else None)


def test_proposals_page_by_id_and_the_next_link_leads_on(make, client_for):
    cycle = make.cycle(phase="voting")
    made = [make.proposal(cycle, title=f"Förslag {n}") for n in range(3)]
    client = client_for(None)
    response, first = get(client, "/api/v1/proposals?limit=2")
    assert response.status_code == 200
    assert [p["id"] for p in first["items"]] == [made[0].id, made[1].id]
    assert first["next"].endswith(f"after={made[1].id}&limit=2")
    _, second = get(client, first["next"].replace("http://localhost", ""))
    assert [p["id"] for p in second["items"]] == [made[2].id]
    assert second["next"] is None
    assert first["items"][0]["url"] == f"http://localhost/proposals/{made[0].id}"


def test_counts_appear_only_once_voting_has_closed(make, client_for):
    voting = make.proposal(make.cycle(phase="voting"), support_count=3)
    closed = make.proposal(make.cycle(phase="selection"), support_count=4)
    client = client_for(None)
    assert get(client, f"/api/v1/proposals/{voting.id}")[1]["counts"] is None
    assert get(client, f"/api/v1/proposals/{closed.id}")[1]["counts"] == {
        "online_supports": 4,
        "workshop_votes": 0,
        "total": 4,
        "external_supports": None,
        "external_endorsements": None,
    }
    # Results only for the closed cycle.
    _, results = get(client, "/api/v1/results")
    assert [r["cycle"] for r in results["items"]] == [closed.cycle_id]


def test_a_hidden_proposal_is_its_placeholder(make, client_for):
    proposal = make.proposal(
        title="Namn och telefonnummer",
        body="Ring 070-123",
        hidden_at=utcnow(),
        hidden_reason="Personuppgifter",
        decision_note="Hemlig",
    )
    _, shown = get(client_for(None), f"/api/v1/proposals/{proposal.id}")
    assert shown["is_hidden"] is True and shown["hidden_reason"] == "Personuppgifter"
    assert shown["title"] is None and shown["body"] is None and shown["author"] is None
    assert "070-123" not in str(shown) and "Hemlig" not in str(shown)


def test_filters_narrow_the_list_and_bad_ones_say_why_in_json(make, client_for):
    here, there = make.cycle(phase="voting"), make.cycle(phase="voting")
    bike = make.proposal(here, theme=make.theme("transport"))
    make.proposal(here, theme=make.theme("energy"))
    make.proposal(there)
    client = client_for(None, accept_language="en")
    url = f"/api/v1/proposals?arena={here.arena.slug}&year={here.year}&theme=transport"
    assert [p["id"] for p in get(client, url)[1]["items"]] == [bike.id]
    later = (utcnow() + timedelta(days=1)).isoformat()
    assert get(client, f"/api/v1/proposals?updated_since={later}")[1]["items"] == []

    response, problem = get(client, "/api/v1/proposals?year=twenty&arena=nowhere&colour=red")
    assert response.status_code == 400 and response.mimetype == "application/problem+json"
    assert problem["errors"]["year"] == "A year is four digits, such as 2026."
    assert problem["errors"]["colour"].startswith("Unknown parameter.")
    assert problem["errors"]["arena"].startswith("No arena has this slug. The arenas are: ")
    assert here.arena.slug in problem["errors"]["arena"]
    _, swedish = get(client, "/api/v1/proposals?status=maybe&lang=sv")
    assert swedish["errors"]["status"].startswith("Välj ett av: published")
    for bad in ("limit=0", "limit=101", "after=-1", "updated_since=yesterday", "lang=xx"):
        assert client.get(f"/api/v1/proposals?{bad}").status_code == 400, bad


def test_unknown_addresses_and_items_are_json_404s(make, client_for):
    client = client_for(None)
    for url in ("/api/v1/nothing", "/api/v1/proposals/123456", "/api/v1/proposals/99999999999"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.mimetype == "application/problem+json"
        assert response.get_json()["status"] == 404


def test_an_unchanged_list_is_a_304_and_a_change_makes_it_fresh(make, client_for):
    proposal = make.proposal(make.cycle(phase="voting"))
    client = client_for(None)
    first = client.get("/api/v1/proposals")
    etag = first.headers["ETag"]
    again = client.get("/api/v1/proposals", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    assert first.headers["Last-Modified"]
    proposal.title = "Ny rubrik"
    db.session.commit()
    changed = client.get("/api/v1/proposals", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag
    assert changed.get_json()["items"][0]["title"] == "Ny rubrik"


def test_any_origin_may_read_and_no_session_is_started(make, client_for):
    make.arena("Järva")
    response = client_for(None).get("/api/v1/arenas")
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "Set-Cookie" not in response.headers
    assert "Cookie" not in response.headers.get("Vary", "")


def test_the_language_comes_from_lang_or_accept_language(make, client_for):
    make.theme("transport")
    client = client_for(None, accept_language="en")
    english = client.get("/api/v1/themes")
    assert english.headers["Content-Language"] == "en"
    assert english.get_json()["items"][0]["label"] == "Transport"
    finnish = client.get("/api/v1/themes?lang=fi").get_json()
    assert finnish["language"] == "fi" and finnish["items"][0]["label"] == "Liikenne"


def test_commitments_carry_owners_indicators_versions_and_check_ins(make, client_for):
    cycle = make.cycle(phase="testing")
    owner = make.organisation(name="Hyresgästföreningen")
    resident = make.user(display_name="Amina", email="amina@example.org")
    commitment = make_commitment(cycle, title="Mindre plast")
    commitment.owner_organisations.append(owner)
    commitment.owner_users.append(resident)
    indicator = add_indicator(commitment)
    measure(indicator, 80, utcnow().date(), resident)
    measure(indicator, 70, utcnow().date(), resident, hidden=True)
    version = make_commitment(
        make.cycle(cycle.arena, phase="proposing", year=cycle.year + 1),
        title="Mindre plast 2",
        previous_id=commitment.id,
    )
    db.session.commit()
    client = client_for(None)
    _, shown = get(client, f"/api/v1/commitments/{commitment.id}")
    assert shown["owners"] == [
        {"kind": "organisation", "name": "Hyresgästföreningen", "organisation": owner.id},
        {"kind": "resident", "name": "Amina", "organisation": None},
    ]
    [measured] = shown["indicators"]
    assert (measured["baseline_value"], measured["target_value"], measured["latest_value"]) == (
        100,
        60,
        80,
    )
    assert get(client, f"/api/v1/commitments/{version.id}")[1]["previous_version"] == commitment.id
    _, check_ins = get(client, f"/api/v1/check-ins?commitment={commitment.id}")
    visible, hidden = check_ins["items"]
    assert visible["values"] == [{"indicator": indicator.id, "value": 80.0}]
    assert hidden["is_hidden"] is True and hidden["values"] == [] and hidden["author"] is None
    assert "amina@example.org" not in client.get("/api/v1/check-ins").get_data(as_text=True)


def test_the_document_is_valid_openapi_3_1_and_names_every_list(client_for, make):
    jarva = make.arena("Järva")
    document = client_for(None).get("/api/v1/openapi.json").get_json()
    validate(document)
    assert document["openapi"] == "3.1.0"
    paths = set(document["paths"])
    for name in (
        "arenas",
        "themes",
        "cycles",
        "proposals",
        "results",
        "commitments",
        "check-ins",
        "reviews",
        "adoptions",
        "organisations",
        "workshops",
        "statistics",
    ):
        assert f"/{name}" in paths and f"/{name}/{{item_id}}" in paths
    arena = next(
        p for p in document["paths"]["/proposals"]["get"]["parameters"] if p["name"] == "arena"
    )
    assert arena["schema"]["enum"] == [jarva.slug]


EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


def test_no_answer_about_the_demo_carries_an_e_mail_address(demo_app):
    """Every list, page after page, and every item of the demo."""
    client = demo_app.test_client()
    with demo_app.app_context():
        names = client.get("/api/v1/").get_json()["resources"]
        seen = 0
        for name in names:
            url = f"/api/v1/{name}?limit=100"
            while url:
                response = client.get(url)
                assert response.status_code == 200, url
                text = response.get_data(as_text=True)
                assert EMAIL.findall(text) == [], url
                assert "password" not in text and "code_hash" not in text
                page = response.get_json()
                seen += len(page["items"])
                url = page["next"] and page["next"].replace("http://localhost", "")
            for item in client.get(f"/api/v1/{name}?limit=100").get_json()["items"]:
                key = item.get("id", item.get("cycle", item.get("commitment")))
                assert (
                    EMAIL.findall(client.get(f"/api/v1/{name}/{key}").get_data(as_text=True)) == []
                )
        assert seen > 100  # the demo's arenas, proposals, commitments, check-ins…


def test_a_proposal_from_decidim_keeps_its_source_and_its_supports_apart(make, client_for):
    proposal = make.proposal(
        make.cycle(phase="selection"),
        support_count=2,
        external_source="decidim",
        external_id="17",
        external_url="https://decidim.example.org/proposals/17",
        external_supports=40,
        external_endorsements=3,
    )
    _, shown = get(client_for(None), f"/api/v1/proposals/{proposal.id}")
    assert shown["source"] == "decidim"
    assert shown["external_url"] == "https://decidim.example.org/proposals/17"
    assert shown["counts"] == {
        "online_supports": 2,
        "workshop_votes": 0,
        "total": 2,
        "external_supports": 40,
        "external_endorsements": 3,
    }
