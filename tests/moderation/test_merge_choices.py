"""The merge form's list of proposals stays short in a cycle of thousands: every
candidate while there are few, else the likeliest duplicates, the one a link named and
what a search by words finds; a merge into any of them works as before."""

import re

import pytest

from arena.moderation import merge_choices
from tests.helpers import page_text


def options(response) -> list[str]:
    html = response.get_data(as_text=True)
    select = re.search(r'<select[^>]*name="merge-into"[^>]*>(.*?)</select>', html, re.S)
    return [
        re.sub(r"\s+", " ", t).strip() for t in re.findall(r">([^<]*)</option>", select.group(1))
    ]


@pytest.fixture
def crowded(make, monkeypatch):
    """A cycle with more candidates than the form lists (MERGE_CHOICES made 3)."""
    monkeypatch.setattr(merge_choices, "MERGE_CHOICES", 3)
    arena = make.arena("Järva", slug="jarva")
    cycle = make.cycle(arena, phase="voting")
    facilitator = make.facilitator(arena)
    source = make.proposal(cycle, title="Lånecyklar i Tensta", summary="Cyklar att låna")
    proposals = {
        "like": make.proposal(cycle, title="Cyklar att låna i Tensta", summary="Lånecyklar"),
        "compost": make.proposal(cycle, title="Kompost på gården", summary="Matavfall blir jord"),
        "roof": make.proposal(cycle, title="Gröna tak", summary="Sedum på taken"),
        "sun": make.proposal(cycle, title="Solpaneler", summary="El från taken"),
        "hidden": make.proposal(cycle, title="Kompost i parken", summary="Dold"),
    }
    proposals["hidden"].hidden_at = proposals["hidden"].created_at
    return facilitator, source, proposals


def test_a_cycle_of_few_lists_every_candidate(make, client_for):
    cycle = make.cycle(make.arena(), phase="voting")
    source = make.proposal(cycle, title="Källa")
    titles = ["Bytesdag", "Cykelpool", "Delningsförråd"]
    for title in titles:
        make.proposal(cycle, title=title)
    facilitator = make.facilitator(cycle.arena)
    page = client_for(facilitator, accept_language="en").get(f"/moderation/proposals/{source.id}")
    assert options(page) == ["Choose a proposal", *titles]
    assert 'name="merge_q"' not in page.get_data(as_text=True)


def test_a_crowded_cycle_offers_the_likeliest_and_a_search(crowded, client_for):
    facilitator, source, p = crowded
    client = client_for(facilitator, accept_language="en")
    path = f"/moderation/proposals/{source.id}"

    page = client.get(path)
    assert options(page) == ["Choose a proposal", "Cyklar att låna i Tensta"]
    text = page_text(page)
    assert "The cycle has 4 published proposals this one could be merged into" in text
    assert 'name="merge_q"' in page.get_data(as_text=True)

    found = client.get(path + "?merge_q=kompost")
    assert options(found) == ["Choose a proposal", "Kompost på gården"]  # not the hidden one
    assert "1 proposal matches “kompost”." in page_text(found)
    assert 'value="kompost"' in found.get_data(as_text=True)

    named = client.get(path + f"?into={p['sun'].id}")
    assert "Solpaneler" in options(named)
    assert f'<option selected value="{p["sun"].id}">' in named.get_data(as_text=True)

    nothing = client.get(path + "?merge_q=zzzqqq")
    assert options(nothing) == ["Choose a proposal"]
    assert "No published proposal of this cycle matches “zzzqqq”." in page_text(nothing)
    for query in ("", "   ", "x" * 5000, "<script>", "\"'&"):
        assert client.get(path, query_string={"merge_q": query}).status_code == 200


def test_a_proposal_found_by_search_can_be_merged_into(crowded, client_for):
    facilitator, source, p = crowded
    client = client_for(facilitator, accept_language="en")
    data = {"merge-into": str(p["roof"].id), "merge-reason": "", "confirmed": "yes"}
    done = client.post(f"/moderation/proposals/{source.id}/merge", data=data)
    assert done.status_code == 303
    assert source.status == "merged" and source.merged_into_id == p["roof"].id
