"""The year's report, for the city and for one arena: who may read it, which years
exist, and what each section says for a built scenario."""

import re

import pytest
from sqlalchemy import select

from arena.extensions import db
from arena.staff.sources import Workshop
from tests.helpers import page_text
from tests.staff.scale_builders import scaled_up_scenario


@pytest.fixture
def scenario(make):
    data = scaled_up_scenario(make)
    cycle = data["cycle_2025"]
    workshop = db.session.scalars(select(Workshop)).one()
    with make.batch():
        make.proposal(cycle, theme=make.theme("plastics"), status="selected", support_count=7)
        make.proposal(cycle, theme=make.theme("energy"), support_count=2)
        make.proposal(cycle, theme=make.theme("plastics"), workshop_id=workshop.id)
        make.proposal(cycle, theme=make.theme("energy"), status="withdrawn")
    return data


def staff(make, client_for):
    return client_for(make.user(is_staff=True), accept_language="en")


def test_permissions(scenario, make, client_for):
    for url in ("/staff/report?year=2025", "/staff/report/jarva?year=2025"):
        response = client_for(None).get(url)
        assert response.status_code == 302 and "/sign-in" in response.headers["Location"]
        for person in (
            make.user(connected_to=scenario["jarva"]),
            make.facilitator(scenario["jarva"]),
        ):
            assert client_for(person).get(url).status_code == 403
        for person in (make.user(is_staff=True), make.user(is_admin=True)):
            assert client_for(person).get(url).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/staff/report/no-such-arena?year=2025",
        "/staff/report/jarva?year=2026",  # Järva has no cycle in 2026
        "/staff/report?year=2031",
        "/staff/report?year=abc",
        "/staff/report?year=99999999999999999999",
        "/staff/report/skarholmen?year=-1",
        "/staff/report/" + "x" * 500,
    ],
)
def test_unknown_arena_or_year_is_404(scenario, make, client_for, url):
    assert staff(make, client_for).get(url).status_code == 404


def test_arena_report_sections_and_numbers(scenario, make, client_for):
    response = staff(make, client_for).get("/staff/report/jarva?year=2025")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    text = page_text(response)
    headings = re.findall(r"<h2[^>]*>(.*?)</h2>", html)
    assert headings == [
        "The year in short",
        "1. What was proposed",
        "2. What was chosen",
        "3. What was tested",
        "4. What was measured",
        "5. What was decided",
        "6. Who took part",
    ]
    assert re.findall(r"<h1>(.*?)</h1>", html) == ["The year 2025 in Järva"]
    # Proposed: two online, one from the workshop; the withdrawn one is not counted.
    assert "2 proposals were made online, 1 at the workshops." in text
    assert "1 workshop was held, with 14 participants." in text
    assert "Plastics 1 1 2" in text and "Energy 1 0 1" in text and "Total 2 1 3" in text
    assert "people gave 9 supports" in text
    # Chosen: the selected proposal.
    assert "1 chosen proposal in Järva" in text
    # Tested: both commitments with their pledges.
    assert "2 commitments in Järva" in text
    assert "Sortera plasten rätt i Tensta" in text and "1 person, 0 organisations" in text
    # Measured: a chart per indicator and the table with baseline, latest, target, progress.
    assert html.count('<svg class="chart"') == 1
    plastics_url = f"http://localhost/commitments/{scenario['plastics'].id}"
    assert f"Every check-in and chart: {plastics_url}" in text  # printed, not on screen
    assert "Plastavfall i restavfallet (kg) 4.2 (August 1, 2025) 3.4" in text and "67%" in text
    # Decided: each review with its reason.
    assert "Scaled up Plasten minskade med en femtedel." in text
    assert "Stopped För få deltog." in text
    assert "2 commitments were reviewed: scaled up 1, stopped 1." in text
    # Who took part: nobody answered the profile questions and no reference is imported.
    assert "Participation balance Not enough data" in text
    assert "use your browser's Print command" in text
    assert 'href="/staff/report?year=2025"' in html  # the city's report of the year


def test_city_report_adds_up_the_arenas(scenario, make, client_for):
    client = staff(make, client_for)
    text = page_text(client.get("/staff/report?year=2026"))
    assert "The year 2026 in Stockholm's arenas" in text
    assert "Skärholmen" in text and "(taken up from Järva)" in text
    assert "0 proposals were made online, 0 at the workshops." in text
    # Skärholmen's adoption: 3.94 of 4.5 → 3.8 is 80 % of the way.
    assert "80%" in text
    assert "No commitment in Skärholmen has been reviewed yet." in text
    city_2025 = page_text(client.get("/staff/report?year=2025"))
    assert "Järva" in city_2025 and "Total 2 1 3" in city_2025


def test_default_year_and_empty_state(make, client_for):
    client = staff(make, client_for)
    assert client.get("/staff/report").status_code == 200  # no cycles at all: an empty report
    empty = page_text(client.get("/staff/report"))
    assert "No cycle has been held yet, so there is nothing to report." in empty
    assert "No proposals." in empty
    arena = make.arena("Järva", slug="jarva")
    make.cycle(arena, phase="review", year=2025)
    text = page_text(client.get("/staff/report/jarva"))
    assert "The year 2025 in Järva" in text  # the latest year with a cycle
    assert "No proposal was chosen." in text and "No commitment this year." in text
    assert "No commitment has indicators yet." in text
    assert "No commitment has been reviewed yet." in text


def test_swedish_report(scenario, make, client_for):
    client = client_for(make.user(is_staff=True), accept_language="sv")
    text = page_text(client.get("/staff/report/jarva?year=2025"))
    assert "Året 2025 i Järva" in text


def test_the_export_bundle_carries_the_report_as_a_document(scenario, make, client_for):
    from tests.exports.files import EMAIL, download, unzip

    files = unzip(download(staff(make, client_for), year=2025, arena="jarva").data)
    document = files["report.html"].decode()
    assert document.startswith("<!doctype html>")
    assert "<title>The year 2025 in Järva</title>" in document
    for heading in ("1. What was proposed", "4. What was measured", "6. Who took part"):
        assert heading in document
    assert "Plasten minskade med en femtedel." in document
    assert "<style>" in document and "href=" not in document  # whole, with no links to follow
    assert not EMAIL.search(files["report.html"])
