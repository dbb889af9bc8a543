"""Who may export what, bad addresses, the page itself, and an empty cycle."""

import pytest

from tests.exports.builders import add_empty_cycle, build_year
from tests.exports.files import csv_rows, download, unzip
from tests.helpers import page_text


def test_anonymous_is_sent_to_sign_in(make, client_for):
    build_year(make)
    for path in ("/exports", "/exports/download?year=2026&format=bundle"):
        response = client_for(None).get(path)
        assert response.status_code == 302 and "/sign-in" in response.headers["Location"]


@pytest.mark.parametrize("path", ["/exports", "/exports/download"])
def test_resident_gets_403(make, client_for, path):
    year = build_year(make)
    query = {"arena": "skarholmen", "year": year.cycle.year, "format": "bundle"}
    assert client_for(year.anna).get(path, query_string=query).status_code == 403


def test_facilitators_export_only_their_own_arena_without_the_audit_log(make, client_for):
    year = build_year(make)
    other = make.facilitator(make.arena("Järva", slug="jarva"))
    number = year.cycle.year
    assert download(client_for(other), year=number, arena="skarholmen").status_code == 403
    assert client_for(other).get("/exports?arena=skarholmen").status_code == 403
    # Nor the whole city.
    assert download(client_for(year.facilitator), year=number).status_code == 403
    own = download(client_for(year.facilitator), year=number, arena="skarholmen")
    assert own.status_code == 200
    files = unzip(own.data)
    assert "data/proposals.csv" in files and "data/audit_log.csv" not in files
    audit = download(
        client_for(year.facilitator),
        year=number,
        arena="skarholmen",
        format="csv",
        table="audit_log",
    )
    assert audit.status_code == 404


def test_staff_export_the_city(make, client_for):
    year = build_year(make)
    add_empty_cycle(make)
    staff = make.user(is_staff=True)
    response = download(client_for(staff), year=year.cycle.year)
    assert response.status_code == 200
    assert "stockholm-" in response.headers["Content-Disposition"]
    arenas = {r["slug"] for r in csv_rows(unzip(response.data)["data/arenas.csv"])}
    assert arenas == {"skarholmen", "tom"}
    admin = make.user(is_admin=True)
    assert download(client_for(admin), year=year.cycle.year).status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        {"arena": "no-such-arena", "year": "2026"},
        {"arena": "skarholmen", "year": "1999"},
        {"arena": "skarholmen", "year": "abc"},
        {"arena": "skarholmen", "year": "99999999999999999999"},
        {"arena": "skarholmen", "format": "pdf"},
        {"arena": "skarholmen", "format": "csv"},
        {"arena": "skarholmen", "format": "csv", "table": "users"},
        {"arena": "", "year": "2099"},
    ],
)
def test_unknown_arena_year_format_or_table_is_404(make, client_for, query):
    year = build_year(make)
    query = {"year": year.cycle.year, "format": "bundle", **query}
    staff = client_for(make.user(is_staff=True))
    assert staff.get("/exports/download", query_string=query).status_code == 404
    if "format" not in query or query["format"] == "bundle":
        page = {k: v for k, v in query.items() if k in ("arena", "year")}
        assert staff.get("/exports", query_string=page).status_code == 404


def test_empty_cycle_gives_headers_only(make, client_for):
    cycle = add_empty_cycle(make)
    response = download(client_for(make.user(is_staff=True)), year=cycle.year, arena="tom")
    files = unzip(response.data)
    assert files["data/proposals.csv"].decode().startswith("id,arena,year,theme,title")
    assert csv_rows(files["data/proposals.csv"]) == []
    assert files["excel/commitments.csv"].startswith(b"\xef\xbb\xbfid;arena;year;title")
    assert len(csv_rows(files["data/cycles.csv"])) == 1


def test_page_offers_every_table_and_format(make, client_for):
    year = build_year(make)
    staff = make.user(is_staff=True)
    response = client_for(staff, accept_language="en").get("/exports")
    assert response.status_code == 200
    text = page_text(response)
    assert "The whole city" in text and "Audit log (people as pseudonyms)" in text
    html = response.get_data(as_text=True)
    assert f"year={year.cycle.year}" in html and "format=excel-csv" in html
    swedish = client_for(staff, accept_language="sv").get("/exports?arena=skarholmen")
    assert "Förslag" in page_text(swedish) and "Hela staden" in page_text(swedish)
    facilitator = client_for(year.facilitator).get("/exports")
    assert facilitator.status_code == 200
    assert "audit_log" not in facilitator.get_data(as_text=True)


def test_downloads_stream(make, client_for):
    """The response is a stream: its first bytes leave before the file is complete."""
    year = build_year(make)
    client = client_for(make.user(is_staff=True))
    for format_ in ("bundle", "xlsx", "json"):
        response = download(client, year=year.cycle.year, arena="skarholmen", format=format_)
        assert response.is_streamed, format_
        assert response.headers["Cache-Control"] == "no-store"
        assert "attachment;" in response.headers["Content-Disposition"]
        assert response.data  # read it to the end, which also ends its request context
        response.close()
