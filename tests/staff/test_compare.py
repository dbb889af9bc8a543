"""The arenas side by side: who may see it, the figures of a built year, sorting, links,
and a query count that does not grow with the number of arenas."""

import re
from dataclasses import dataclass
from datetime import timedelta
from html import unescape

import pytest
from sqlalchemy import event, select

from arena.commitments.models import (
    CheckIn,
    Commitment,
    CommitmentStatus,
    Indicator,
    IndicatorValue,
    Pledge,
)
from arena.core.time import utcnow
from arena.extensions import db
from arena.proposals.models import Comment, Support
from arena.workshops.models import Workshop, WorkshopTally
from tests.helpers import page_text

YEAR = 2026
URL = f"/staff/compare?year={YEAR}"


@dataclass
class Scenario:
    jarva: object
    skarholmen: object
    jarva_commitment: object


def _workshop(cycle, facilitator, people, place):
    workshop = Workshop(
        cycle=cycle,
        created_by=facilitator,
        held_at=cycle.proposing_opens_at + timedelta(days=2),
        place=place,
        language="sv",
        participant_count=people,
    )
    db.session.add(workshop)
    db.session.flush()
    return workshop


def _indicator(commitment, name, baseline_days=300, target_days=100):
    today = utcnow().date()
    indicator = Indicator(
        commitment=commitment,
        name=name,
        unit="turer",
        direction="up",
        baseline_value=10.0,
        baseline_on=today - timedelta(days=baseline_days),
        target_value=20.0,
        target_on=today + timedelta(days=target_days),
    )
    db.session.add(indicator)
    return indicator


def _check_in(commitment, author, days_ago, values=()):
    check_in = CheckIn(
        commitment=commitment,
        author=author,
        reported_on=utcnow().date() - timedelta(days=days_ago),
        values=[IndicatorValue(indicator=i, value=v) for i, v in values],
    )
    db.session.add(check_in)
    return check_in


def _build_jarva(make):
    """Selection phase: 3 online proposals (one more hidden), 1 from a workshop;
    people online: alice, bob, carl, dana, eve; 20 at two workshops; 2 supports, 10 dots."""
    arena = make.arena("Järva", slug="jarva", sort_order=1)
    cycle = make.cycle(arena, phase="selection", year=YEAR)
    facilitator = make.facilitator(arena)
    alice, bob, carl, dana, eve = (make.user(connected_to=arena) for _ in range(5))
    p1 = make.proposal(cycle, author=alice)
    make.proposal(cycle, author=alice)
    p3 = make.proposal(cycle, author=bob)
    make.proposal(cycle, author=alice, hidden_at=utcnow(), hidden_reason="Spam")
    first = _workshop(cycle, facilitator, 14, "Rinkeby bibliotek")
    second = _workshop(cycle, facilitator, 6, "Tensta träff")
    paper = make.proposal(cycle, author=facilitator, workshop_id=first.id)
    commitment = Commitment(arena=arena, cycle=cycle, title="Cykelkök", status="planned")
    db.session.add_all(
        [
            Support(proposal_id=p1.id, user_id=carl.id),
            Support(proposal_id=p3.id, user_id=alice.id),
            Comment(proposal_id=p1.id, author_id=dana.id, body="Bra!", language="sv"),
            WorkshopTally(workshop_id=first.id, proposal_id=paper.id, votes=7),
            WorkshopTally(workshop_id=second.id, proposal_id=p1.id, votes=3),
            commitment,
        ]
    )
    db.session.flush()
    db.session.add(Pledge(commitment_id=commitment.id, user_id=eve.id))
    _indicator(commitment, "Besökare")
    db.session.commit()
    return arena, commitment


def _build_skarholmen(make, jarva_commitment):
    """Testing phase: 1 proposal by frank, supported by gina; two commitments being tested,
    one adopted from Järva and never checked in (overdue), one with an indicator on track
    and one off track, checked in 10 and 200 days ago."""
    arena = make.arena("Skärholmen", slug="skarholmen", sort_order=2)
    cycle = make.cycle(arena, phase="testing", year=YEAR)
    facilitator = make.facilitator(arena)
    frank, gina = make.user(connected_to=arena), make.user(connected_to=arena)
    proposal = make.proposal(cycle, author=frank)
    db.session.add(Support(proposal_id=proposal.id, user_id=gina.id))
    tested = Commitment(arena=arena, cycle=cycle, title="Odla", status=CommitmentStatus.ACTIVE)
    adopted = Commitment(
        arena=arena,
        cycle=cycle,
        title="Cykelkök",
        status=CommitmentStatus.ACTIVE,
        origin_id=jarva_commitment.id,
    )
    db.session.add_all([tested, adopted])
    on_track, off_track = _indicator(tested, "Odlare"), _indicator(tested, "Skördar")
    db.session.flush()
    _check_in(tested, facilitator, 200, [(on_track, 12.0)])
    _check_in(tested, facilitator, 10, [(on_track, 18.0), (off_track, 11.0)])
    db.session.commit()
    return arena


def build(make) -> Scenario:
    jarva, commitment = _build_jarva(make)
    skarholmen = _build_skarholmen(make, commitment)
    make.arena("Innerstaden", slug="innerstaden", sort_order=3)  # no cycle this year
    return Scenario(jarva, skarholmen, commitment)


def _rows(html):
    """{slug: [cell texts]} of the table body, in order."""
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        slug = re.search(r'href="/arenas/([^"/]+)"', row).group(1)
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        rows[slug] = [_text(c) for c in cells]
    return rows


def _text(fragment):
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


def _totals(html):
    foot = html[html.index("<tfoot>") : html.index("</tfoot>")]
    return [_text(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", foot, re.S)]


@pytest.fixture
def staff_client(make, client_for):
    return client_for(make.user(is_staff=True), accept_language="en")


def test_who_may_compare(make, client_for):
    arena = make.arena("Järva", slug="jarva")
    make.cycle(arena, phase="voting", year=YEAR)
    anonymous = client_for(None).get(URL)
    assert anonymous.status_code == 302 and "/sign-in" in anonymous.headers["Location"]
    for person in (make.user(connected_to=arena), make.facilitator(arena)):
        assert client_for(person).get(URL).status_code == 403
    for person in (make.user(is_staff=True), make.user(is_admin=True)):
        client = client_for(person, accept_language="en")
        assert client.get(URL).status_code == 200
        assert 'href="/staff/compare"' in client.get("/staff/").get_data(as_text=True)


def test_the_figures_of_a_built_year(make, staff_client):
    build(make)
    response = staff_client.get(URL)
    assert response.status_code == 200
    rows = _rows(response.get_data(as_text=True))
    assert list(rows) == ["innerstaden", "jarva", "skarholmen"]  # by name, A to Z
    # phase, online, at workshops, workshops, proposals, supports, dot votes, commitments,
    # on track, off track, without data, check-ins (90 days), overdue, adopted in, out
    assert rows["jarva"] == [
        "Selection",
        "5",
        "20",
        "2",
        "4",
        "2",
        "10",
        "1 Planned: 1",
        "0",
        "0",
        "1",
        "0",
        "0",
        "0",
        "1",
    ]
    assert rows["skarholmen"] == [
        "Testing",
        "2",
        "0",
        "0",
        "1",
        "1",
        "0",
        "2 Being tested: 2",
        "1",
        "1",
        "0",
        "1",
        "1",
        "1",
        "0",
    ]
    assert rows["innerstaden"] == ["No cycle"]


def test_totals_row_adds_each_column_apart(make, staff_client):
    build(make)
    html = staff_client.get(URL).get_data(as_text=True)
    assert "The city" in html
    assert _totals(html) == [
        "",
        "7",
        "20",
        "2",
        "5",
        "3",
        "10",
        "3 Planned: 1 Being tested: 2",
        "1",
        "1",
        "1",
        "1",
        "1",
        "1",
        "1",
    ]


def test_supports_stay_hidden_while_voting(make, staff_client):
    arena = make.arena("Järva", slug="jarva")
    cycle = make.cycle(arena, phase="voting", year=YEAR)
    proposal = make.proposal(cycle)
    db.session.add(Support(proposal_id=proposal.id, user_id=make.user().id))
    db.session.commit()
    response = staff_client.get(URL)
    cells = _rows(response.get_data(as_text=True))["jarva"]
    assert cells[1] == "2"  # participants are shown: the author and the supporter
    assert cells[5] == cells[6] == "– shown once voting has closed"
    assert "leave out 1 arena whose voting has not closed" in page_text(response)


def test_each_number_links_to_its_list(make, staff_client):
    build(make)
    html = staff_client.get(URL).get_data(as_text=True)
    for link in (
        f"/arenas/jarva/proposals?year={YEAR}",
        "/workshops/jarva",
        f"/arenas/jarva/results?year={YEAR}",
        f"/staff/commitments/jarva?year={YEAR}",
        f"/staff/commitments/skarholmen?year={YEAR}",
    ):
        assert f'href="{link}"' in html
    assert f'<a href="/arenas/jarva/proposals?year={YEAR}">4</a>' in html
    assert '<a href="/workshops/jarva">20</a>' in html
    assert f'<a href="/arenas/jarva/results?year={YEAR}">10</a>' in html


@pytest.mark.parametrize(
    ("query", "order", "sorted_header"),
    [
        ("sort=proposals&dir=desc", ["jarva", "skarholmen", "innerstaden"], "proposals"),
        ("sort=proposals&dir=asc", ["skarholmen", "jarva", "innerstaden"], "proposals"),
        ("sort=overdue&dir=desc", ["skarholmen", "jarva", "innerstaden"], "overdue"),
        ("sort=arena&dir=desc", ["skarholmen", "jarva", "innerstaden"], "arena"),
        ("sort=phase&dir=asc", ["jarva", "skarholmen", "innerstaden"], "phase"),
        # Unknown keys and directions fall back to the arena's name, A to Z.
        ("sort=password&dir=sideways", ["innerstaden", "jarva", "skarholmen"], "arena"),
        ("sort=__class__", ["innerstaden", "jarva", "skarholmen"], "arena"),
    ],
)
def test_sorting(make, staff_client, query, order, sorted_header):
    build(make)
    response = staff_client.get(f"{URL}&{query}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert list(_rows(html)) == order
    sorted_headers = re.findall(
        r'<th scope="col" aria-sort="[a-z]+"><a href="[^"]*sort=(\w+)', html
    )
    assert sorted_headers == [sorted_header]


def test_year_defaults_to_this_year_and_bad_years_are_404(make, staff_client):
    arena = make.arena("Järva", slug="jarva")
    make.cycle(arena, phase="voting", year=utcnow().year)
    assert "Järva" in page_text(staff_client.get("/staff/compare"))
    for year in ("abc", "1999", "2101", "-1", "٢٠٢٦", "2026.0", "99999999999999999999"):
        assert staff_client.get(f"/staff/compare?year={year}").status_code == 404
    last = staff_client.get("/staff/compare?year=2100").get_data(as_text=True)
    assert 'href="/staff/compare?year=2099' in last and "year=2101" not in last
    empty = staff_client.get("/staff/compare?year=2040")
    assert empty.status_code == 200
    assert "No arena has a cycle in 2040." in page_text(empty)


def _queries_for(client, app):
    statements = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        assert client.get(URL).status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return len(statements)


def _add_arenas(make, how_many, start):
    for n in range(start, start + how_many):
        arena = make.arena(f"Arena {n}", slug=f"arena-x{n}")
        cycle = make.cycle(arena, phase="testing", year=YEAR)
        proposal = make.proposal(cycle)
        db.session.add(Support(proposal_id=proposal.id, user_id=make.user().id))
        commitment = Commitment(arena=arena, cycle=cycle, title="Test", status="active")
        db.session.add(commitment)
        db.session.flush()
        indicator = _indicator(commitment, "Mått")
        db.session.flush()
        _check_in(commitment, proposal.author, 5, [(indicator, 15.0)])
        _workshop(cycle, proposal.author, 3, "Torget")
    db.session.commit()


def test_query_count_does_not_grow_with_arenas(app, make, staff_client):
    _add_arenas(make, 2, 0)
    staff_client.get(URL)  # warm up whatever is loaded once
    with_two = _queries_for(staff_client, app)
    _add_arenas(make, 3, 2)
    with_five = _queries_for(staff_client, app)
    assert with_five == with_two
    assert with_two <= 16
    assert len(_rows(staff_client.get(URL).get_data(as_text=True))) == 5


def test_chart_and_scroll_region(make, staff_client):
    build(make)
    html = staff_client.get(URL).get_data(as_text=True)
    assert '<svg class="chart chart-bars"' in html
    assert '<title id="participants-chart-title">Participants per arena</title>' in html
    assert (
        '<div class="table-scroll" role="region" aria-labelledby="compare-caption" tabindex="0">'
        in html
    )
    assert "<script" not in html.split("<main", 1)[1].split("</main>", 1)[0]


def test_swedish_page(make, client_for):
    build(make)
    client = client_for(make.user(is_staff=True), accept_language="sv")
    text = page_text(client.get(URL))
    assert "Arenorna sida vid sida" in text
    assert "Deltagare online" in text


def test_overdue_follows_each_commitments_own_check_in_interval(make, staff_client):
    build(make)
    overdue = 12  # the column's place in a row (see test_the_figures_of_a_built_year)
    assert _rows(staff_client.get(URL).get_data(as_text=True))["skarholmen"][overdue] == "1"
    # "Odla" was checked in 10 days ago: late only for a commitment that asks for weekly ones.
    tested = db.session.scalars(select(Commitment).where(Commitment.title == "Odla")).one()
    tested.check_in_interval_days = 7
    db.session.commit()
    assert _rows(staff_client.get(URL).get_data(as_text=True))["skarholmen"][overdue] == "2"


def test_the_commitment_numbers_lead_to_the_list_behind_them(make, staff_client):
    build(make)
    html = staff_client.get(URL).get_data(as_text=True)
    listed = f"/staff/commitments/skarholmen?year={YEAR}"
    assert f'href="{listed}"' in html
    assert f'href="{listed}&amp;overdue=1"' in html
    page = staff_client.get(listed)
    assert page.status_code == 200
    text = page_text(page)
    assert "Odla" in text and "Cykelkök" in text
    overdue = page_text(staff_client.get(f"{listed}&overdue=1"))
    assert "Cykelkök" in overdue and "Odla" not in overdue  # never checked in vs 10 days ago
    planned = page_text(staff_client.get(f"{listed}&status=planned"))
    assert "No commitment matches." in planned
    assert staff_client.get(f"{listed}&status=nonsense").status_code == 200
    assert staff_client.get(f"/staff/commitments/skarholmen?year={YEAR + 1}").status_code == 404
    assert staff_client.get(f"/staff/commitments/nowhere?year={YEAR}").status_code == 404


def test_only_staff_see_the_commitment_list(make, client_for):
    arena = make.arena("Järva", slug="jarva")
    make.cycle(arena, phase="testing", year=YEAR)
    for person in (make.user(connected_to=arena), make.facilitator(arena)):
        response = client_for(person).get(f"/staff/commitments/jarva?year={YEAR}")
        assert response.status_code == 403
