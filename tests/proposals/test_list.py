"""The proposal list: filters, sorting, pagination, and what it never shows.

Malformed query parameters fall back to the defaults: a person following an old
or mistyped link gets a page, never an error.
"""

import re
from datetime import timedelta
from html import unescape

import pytest

from arena.core.time import utcnow
from arena.proposals.models import ProposalStatus
from tests.helpers import page_text


def titles(response) -> list[str]:
    html = response.get_data(as_text=True)
    found = re.findall(r'class="card-title"><a href="/proposals/\d+"[^>]*>(.*?)</a>', html)
    return [unescape(title) for title in found]


def page_links(response) -> list[str]:
    html = response.get_data(as_text=True)
    return [
        unescape(href)
        for href in re.findall(r'<nav class="pagination".*?</nav>', html, re.S)
        for href in re.findall(r'href="([^"]+)"', href)
    ]


def listing(make, phase="voting", count=3, **cycle_values):
    """An arena whose cycle has `count` proposals, "P1" the oldest."""
    with make.batch():
        arena = make.arena("Järva")
        cycle = make.cycle(arena, phase=phase, **cycle_values)
        start = utcnow() - timedelta(days=5)
        proposals = [
            make.proposal(cycle, title=f"P{n}", created_at=start + timedelta(hours=n))
            for n in range(1, count + 1)
        ]
    return arena, cycle, proposals


@pytest.fixture
def anonymous(client_for):
    return client_for(None, accept_language="en")


def test_newest_first_by_default(anonymous, make):
    arena, _, _ = listing(make)
    response = anonymous.get(f"/arenas/{arena.slug}/proposals")
    assert response.status_code == 200
    assert titles(response) == ["P3", "P2", "P1"]
    assert "3 proposals" in page_text(response)


def test_theme_filter(anonymous, make):
    arena = make.arena()
    cycle = make.cycle(arena, phase="proposing")
    energy = make.theme("energy")
    make.proposal(cycle, title="Bikes", theme=make.theme("transport"))
    make.proposal(cycle, title="Solar roofs", theme=energy)
    make.proposal(cycle, title="Heat pumps", theme=energy)
    response = anonymous.get(f"/arenas/{arena.slug}/proposals?theme=energy")
    assert sorted(titles(response)) == ["Heat pumps", "Solar roofs"]
    # An unknown theme shows every proposal rather than an error or an empty page.
    for junk in ("flying_cars", "", "%00", "energy%27--"):
        response = anonymous.get(f"/arenas/{arena.slug}/proposals?theme={junk}")
        assert response.status_code == 200
        assert len(titles(response)) == 3


def with_counts(make, phase):
    arena, _, (p1, p2, p3) = listing(make, phase=phase)
    for proposal, supports in ((p1, 7), (p2, 2), (p3, 4)):
        proposal.support_count = supports
    make._save(p1)
    return arena


def test_ranking_by_supports_waits_until_voting_closes(anonymous, make):
    arena = with_counts(make, "voting")
    response = anonymous.get(f"/arenas/{arena.slug}/proposals?sort=supported")
    # While people vote, neither the ranking nor the counts are published.
    assert titles(response) == ["P3", "P2", "P1"]
    assert 'name="sort"' not in response.get_data(as_text=True)
    assert "7 supports" not in page_text(response)


@pytest.mark.parametrize("phase", ["selection", "testing", "closed"])
def test_ranking_by_supports_after_voting(anonymous, make, phase):
    arena = with_counts(make, phase)
    response = anonymous.get(f"/arenas/{arena.slug}/proposals?sort=supported")
    assert titles(response) == ["P1", "P3", "P2"]
    assert 'name="sort"' in response.get_data(as_text=True)
    assert "7 supports" in page_text(response)
    # Once the result is public it is the default order; newest stays available.
    assert titles(anonymous.get(f"/arenas/{arena.slug}/proposals")) == ["P1", "P3", "P2"]
    assert titles(anonymous.get(f"/arenas/{arena.slug}/proposals?sort=bogus")) == ["P1", "P3", "P2"]
    newest = anonymous.get(f"/arenas/{arena.slug}/proposals?sort=newest")
    assert titles(newest) == ["P3", "P2", "P1"]


def test_pagination_ten_a_page(anonymous, make):
    arena, _, _ = listing(make, count=13)
    first = anonymous.get(f"/arenas/{arena.slug}/proposals")
    assert titles(first) == [f"P{n}" for n in range(13, 3, -1)]
    (next_page,) = [link for link in page_links(first) if "page=2" in link][:1]
    second = anonymous.get(next_page)
    assert titles(second) == ["P3", "P2", "P1"]


@pytest.mark.parametrize("number", ["abc", "-1", "0", "1.5", "", "%00", "99999999999999999999999"])
def test_malformed_page_numbers_show_the_first_page(anonymous, make, number):
    arena, _, _ = listing(make, count=12)
    response = anonymous.get(f"/arenas/{arena.slug}/proposals?page={number}")
    if number == "99999999999999999999999":
        # Far past the end: an empty page that links back, not a database error.
        assert response.status_code == 200
        assert titles(response) == []
        assert "There are no proposals on this page." in page_text(response)
    else:
        assert response.status_code == 200
        assert titles(response)[0] == "P12"


def test_a_page_past_the_end_is_empty_not_an_error(anonymous, make):
    arena, _, _ = listing(make, count=3)
    response = anonymous.get(f"/arenas/{arena.slug}/proposals?page=99999")
    assert response.status_code == 200
    assert titles(response) == []
    assert "There are no proposals on this page." in page_text(response)


def test_hidden_merged_and_withdrawn_proposals_are_not_listed(anonymous, make):
    arena, cycle, (p1, p2, p3) = listing(make)
    make.proposal(cycle, title="Hidden", hidden_at=utcnow(), hidden_reason="Spam")
    make.proposal(cycle, title="Merged", status=ProposalStatus.MERGED, merged_into=p1)
    make.proposal(cycle, title="Withdrawn", status=ProposalStatus.WITHDRAWN)
    make.proposal(cycle, title="Chosen", status=ProposalStatus.SELECTED)
    response = anonymous.get(f"/arenas/{arena.slug}/proposals")
    assert titles(response) == ["Chosen", "P3", "P2", "P1"]
    assert "4 proposals" in page_text(response)


def test_year_shows_an_older_cycle(anonymous, make):
    arena, current, _ = listing(make, phase="proposing")
    old = make.cycle(arena, phase="closed", year=current.year - 1)
    make.proposal(old, title="Last year's idea")
    response = anonymous.get(f"/arenas/{arena.slug}/proposals?year={old.year}")
    assert response.status_code == 200
    assert titles(response) == ["Last year's idea"]
    assert f"Cycle {old.year}" in page_text(response)
    # Unknown or malformed years show the current cycle.
    for year in ("1999", "abc", "-5", "99999999999999999999"):
        response = anonymous.get(f"/arenas/{arena.slug}/proposals?year={year}")
        assert response.status_code == 200
        assert titles(response) == ["P3", "P2", "P1"]


def test_an_older_cycle_pages_within_itself(anonymous, make):
    arena, current, _ = listing(make, phase="proposing")
    old = make.cycle(arena, phase="closed", year=current.year - 1)
    with make.batch():
        for n in range(12):
            make.proposal(old, title=f"Old {n}", created_at=utcnow() - timedelta(days=400, hours=n))
    first = anonymous.get(f"/arenas/{arena.slug}/proposals?year={old.year}")
    (next_page,) = [link for link in page_links(first) if "page=2" in link][:1]
    assert f"year={old.year}" in next_page
    second = anonymous.get(next_page)
    assert titles(second) == ["Old 10", "Old 11"]


def test_a_hidden_proposal_keeps_its_page(anonymous, make):
    _, cycle, _ = listing(make, count=0)
    hidden = make.proposal(cycle, title="Hidden", hidden_at=utcnow(), hidden_reason="Spam")
    assert anonymous.get(f"/proposals/{hidden.id}").status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/arenas/no-such-arena",
        "/arenas/no-such-arena/proposals",
        "/proposals/987654",
        "/proposals/0",
        "/proposals/2147483648",
        "/proposals/99999999999999999999999",
        "/proposals/abc",
        "/arenas/a%00b",
        "/arenas/a%00b/proposals",
        "/arenas/%01",
    ],
)
def test_unknown_arenas_and_proposals_get_the_404_page(anonymous, make, path):
    make.arena()
    response = anonymous.get(path)
    assert response.status_code == 404
    assert "Page not found" in page_text(response)


def test_an_arena_without_any_cycle_has_no_proposal_list(anonymous, make):
    arena = make.arena()
    assert anonymous.get(f"/arenas/{arena.slug}").status_code == 200
    assert anonymous.get(f"/arenas/{arena.slug}/proposals").status_code == 404
