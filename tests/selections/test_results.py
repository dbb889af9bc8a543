"""The result page: online supports and workshop votes side by side, ranked by
their total, with where each number comes from; published only once voting closes."""

import re
from html import unescape

import pytest

from arena.core.time import utcnow
from arena.extensions import db
from arena.workshops.models import Workshop, WorkshopTally
from tests.helpers import page_text


def table_rows(response) -> list[list[str]]:
    """The result table's body as text cells."""
    html = response.get_data(as_text=True)
    body = re.search(r"<tbody>(.*?)</tbody>", html, re.S).group(1)
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)
        rows.append(
            [re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", c))).strip() for c in cells]
        )
    return rows


def add_workshop(cycle, facilitator, tallies: dict) -> Workshop:
    workshop = Workshop(
        cycle_id=cycle.id,
        held_at=utcnow(),
        place="Medborgarhuset",
        language="sv",
        created_by_id=facilitator.id,
    )
    db.session.add(workshop)
    db.session.flush()
    for proposal, votes in tallies.items():
        db.session.add(WorkshopTally(workshop_id=workshop.id, proposal_id=proposal.id, votes=votes))
    db.session.commit()
    return workshop


@pytest.fixture
def result_setting(make):
    arena = make.arena("Innerstaden", slug="innerstaden")
    cycle = make.cycle(arena, phase="selection")
    facilitator = make.facilitator(arena)
    p = {
        "karta": make.proposal(cycle, title="Second hand-karta", support_count=6),
        "gata": make.proposal(cycle, title="Sommargågata", support_count=2),
        "muggar": make.proposal(cycle, title="Muggar", support_count=5),
        "energi": make.proposal(cycle, title="Energiråd", support_count=1),
        "dubblett": make.proposal(cycle, title="Karta igen", support_count=0),
        "dold": make.proposal(cycle, title="Dold titel", support_count=9),
        "tillbaka": make.proposal(cycle, title="Tillbakadragen", support_count=3),
    }
    p["dubblett"].status, p["dubblett"].merged_into = "merged", p["karta"]
    p["dold"].hidden_at, p["dold"].hidden_reason = utcnow(), "Innehöll personuppgifter."
    p["tillbaka"].status = "withdrawn"
    p["energi"].status, p["energi"].decision_note = "not_selected", "Finns redan."
    db.session.commit()
    add_workshop(cycle, facilitator, {p["gata"]: 3, p["muggar"]: 0, p["dold"]: 4})
    add_workshop(cycle, facilitator, {p["gata"]: 1})
    return arena, cycle, facilitator, p


def test_ranking_adds_workshop_votes_to_online_supports_and_shows_both(result_setting, client_for):
    arena, cycle, facilitator, p = result_setting
    response = client_for(None, accept_language="en").get(
        f"/arenas/innerstaden/results?year={cycle.year}"
    )
    assert response.status_code == 200
    rows = table_rows(response)
    assert [row[:5] for row in rows] == [
        ["1", "Second hand-karta", "6", "0", "6"],
        ["1", "Sommargågata", "2", "4 (2 workshops)", "6"],  # equal totals share a rank
        ["3", "Muggar", "5", "0 (1 workshop)", "5"],
        ["4", "Energiråd", "1", "0", "1"],
    ]
    assert rows[3][5] == "Not selected Finns redan."
    assert rows[0][5] == "Not decided yet"
    text = page_text(response)
    assert (
        "Online supports: given on this site by signed-in participants connected to Innerstaden"
        in text
    )
    assert "Workshop votes: dot votes counted at 2 in-person workshops" in text
    # Merged proposals are listed with the one they joined; hidden ones only with their reason.
    assert "Karta igen Merged into Second hand-karta" in text
    assert "A hidden proposal: Innehöll personuppgifter." in text
    assert "Dold titel" not in text and "Tillbakadragen" not in text
    html = response.get_data(as_text=True)
    assert "<caption" in html and '<th scope="col">Workshop votes</th>' in html
    assert f'<th scope="row"><a href="/proposals/{p["karta"].id}"' in html


def test_facilitators_get_links_to_decide_during_selection(result_setting, client_for):
    arena, cycle, facilitator, p = result_setting
    html = (
        client_for(facilitator, accept_language="en")
        .get("/arenas/innerstaden/results")
        .get_data(as_text=True)
    )
    assert f'href="/commitments/decide/{p["karta"].id}"' in html
    assert f'href="/commitments/decide/{p["energi"].id}"' in html  # to change or undo it
    assert f'href="/commitments/decide/{p["dold"].id}"' not in html


@pytest.mark.parametrize("role", ["anonymous", "facilitator"])
def test_before_voting_closes_nobody_sees_counts(make, client_for, role):
    arena = make.arena("Järva", slug="jarva")
    cycle = make.cycle(arena, phase="voting")
    make.proposal(cycle, title="Lånecyklar", support_count=4)
    actor = make.facilitator(arena) if role == "facilitator" else None
    response = client_for(actor, accept_language="en").get("/arenas/jarva/results")
    text = page_text(response)
    assert response.status_code == 200
    assert "The result is published when voting closes on" in text
    assert "Lånecyklar" not in text and "<table" not in response.get_data(as_text=True)


def test_default_year_is_the_newest_published_result(make, client_for):
    arena = make.arena("Järva", slug="jarva")
    last_year = make.cycle(arena, phase="testing", year=2025)
    make.cycle(arena, phase="proposing", year=2026)
    make.proposal(last_year, title="Förra årets förslag")
    response = client_for(None, accept_language="en").get("/arenas/jarva/results")
    assert "Result of cycle 2025 in Järva" in page_text(response)
    assert "Förra årets förslag" in page_text(response)
    other = client_for(None, accept_language="en").get("/arenas/jarva/results?year=2026")
    assert "Result of cycle 2026 in Järva" in page_text(other)


@pytest.mark.parametrize("year", ["1999", "abc", "", "99999999999999999999"])
def test_unknown_year_is_not_found(make, client_for, year):
    arena = make.arena("Järva", slug="jarva")
    make.cycle(arena, phase="selection")
    assert client_for(None).get(f"/arenas/jarva/results?year={year}").status_code == 404


def test_arena_without_cycles_has_no_results(make, client_for):
    make.arena("Tom", slug="tom")
    assert client_for(None).get("/arenas/tom/results").status_code == 404


def test_the_result_comes_a_page_at_a_time_with_ranks_counted_over_the_cycle(
    result_setting, client_for, monkeypatch
):
    """A cycle of thousands of proposals shows its ranking fifty rows a page; a page
    reads only its rows, and its ranks are the cycle's (a tie across two pages shares
    its rank). The merged and hidden proposals are listed with the first page."""
    from arena.selections import results

    monkeypatch.setattr(results, "RESULTS_PER_PAGE", 1)
    arena, cycle, facilitator, p = result_setting
    browser = client_for(None, accept_language="en")
    path = f"/arenas/innerstaden/results?year={cycle.year}"

    first = browser.get(path)
    assert [row[:2] for row in table_rows(first)] == [["1", "Second hand-karta"]]
    text = page_text(first)
    assert "Proposals 1–1 of 4, the highest total first." in text
    assert "Karta igen Merged into Second hand-karta" in text
    assert "A hidden proposal: Innehöll personuppgifter." in text
    html = first.get_data(as_text=True)
    assert f'href="/arenas/innerstaden/results?year={cycle.year}&amp;page=2" rel="next"' in html

    second = browser.get(path + "&page=2")
    assert [row[:5] for row in table_rows(second)] == [
        ["1", "Sommargågata", "2", "4 (2 workshops)", "6"]  # tied with page 1's
    ]
    assert "Proposals 2–2 of 4" in page_text(second)
    assert "Karta igen" not in page_text(second) and "A hidden proposal" not in page_text(second)
    assert [row[:2] for row in table_rows(browser.get(path + "&page=4"))] == [["4", "Energiråd"]]

    beyond = page_text(browser.get(path + "&page=5"))
    assert "There are no results on this page." in beyond and "Go to the first page" in beyond
    assert "There were no proposals" not in beyond
    for nonsense in ("0", "-3", "x", "99999999999999999999"):
        assert browser.get(path + f"&page={nonsense}").status_code == 200


def test_within_a_tie_more_online_supports_then_the_older_proposal_come_first(make, client_for):
    cycle = make.cycle(make.arena(slug="jarva"), phase="selection")
    newer_first = [
        make.proposal(cycle, title=f"Förslag {n}", support_count=supports)
        for n, supports in enumerate([3, 3, 5, 1, 3])
    ]
    facilitator = make.facilitator(cycle.arena)
    add_workshop(cycle, facilitator, {newer_first[3]: 2})  # 1 + 2: tied with the threes
    rows = table_rows(client_for(None).get("/arenas/jarva/results"))
    assert [row[:2] for row in rows] == [
        ["1", "Förslag 2"],
        ["2", "Förslag 0"],  # three online supports, the oldest of them
        ["2", "Förslag 1"],
        ["2", "Förslag 4"],
        ["2", "Förslag 3"],  # one online support and two workshop votes: last in the tie
    ]
