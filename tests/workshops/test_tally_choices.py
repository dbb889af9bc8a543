"""The tally form in a cycle of thousands: boxes for the proposals this workshop
counted or collected, and for those a search finds; saving replaces the numbers of the
boxes shown and leaves the others."""

import re

import pytest

from arena.extensions import db
from arena.workshops import tally_choices
from tests.helpers import flashes, page_text
from tests.workshops.helpers import add_tallies, build_scene, tallies_of


def boxes(page: str) -> list[str]:
    return re.findall(r'<label class="label" for="votes_\d+">([^<]*)</label>', page)


@pytest.fixture
def crowded(app, monkeypatch):
    monkeypatch.setattr(tally_choices, "TALLY_CHOICES", 3)
    arena, cycle, proposals, workshop, facilitator = build_scene(
        "voting", "facilitator", proposals=5
    )
    titles = ["Kompost på gården", "Kompost i parken", "Gröna tak", "Solpaneler", "Lånecyklar"]
    for proposal, title in zip(proposals, titles, strict=True):
        proposal.title = title
    proposals[4].workshop_id = workshop.id  # collected on paper at this workshop
    db.session.commit()
    return proposals, workshop, facilitator


def test_the_form_has_the_workshops_boxes_and_a_search(client_for, crowded):
    (compost, park, roof, sun, bikes), workshop, facilitator = crowded
    add_tallies(workshop, {roof: 4})
    client = client_for(facilitator, accept_language="en")
    path = f"/workshops/jarva/{workshop.id}"

    page = client.get(path).get_data(as_text=True)
    assert boxes(page) == ["Gröna tak", "Lånecyklar"]  # counted here, collected here
    assert "The cycle has 5 proposals." in page and 'name="tally_q"' in page

    found = client.get(path, query_string={"tally_q": "kompost"})
    assert boxes(found.get_data(as_text=True)) == [
        "Gröna tak",
        "Kompost i parken",
        "Kompost på gården",
        "Lånecyklar",
    ]
    assert "2 proposals found for “kompost”: their boxes are in the form." in page_text(found)
    nothing = client.get(path, query_string={"tally_q": "zzqq"})
    assert "No proposal of this cycle matches “zzqq”." in page_text(nothing)
    for query in ("", "  ", "x" * 5000, "<b>"):
        assert client.get(path, query_string={"tally_q": query}).status_code == 200


def test_saving_replaces_the_boxes_shown_and_keeps_the_others(client_for, crowded):
    (compost, park, roof, sun, bikes), workshop, facilitator = crowded
    add_tallies(workshop, {roof: 4, sun: 2})
    client = client_for(facilitator, accept_language="en")
    # A form from a search for "kompost", made before another facilitator counted
    # "Solpaneler" here: that box was not shown, so its number stays.
    shown = [roof, compost, park, bikes]
    response = client.post(
        f"/workshops/jarva/{workshop.id}/tallies?tally_q=kompost",
        data={
            "shown": ",".join(str(p.id) for p in shown),
            f"votes_{roof.id}": "",
            f"votes_{compost.id}": "6",
            f"votes_{park.id}": "0",
            f"votes_{sun.id}": "99",  # not a box the form showed: ignored
        },
    )
    assert response.status_code == 303
    assert "tally_q=kompost" in response.headers["Location"]
    assert flashes(client.get(response.headers["Location"])) == ["Dot votes saved for 2 proposals."]
    assert tallies_of(workshop) == {compost.id: 6, park.id: 0, sun.id: 2}


def test_a_shown_list_naming_other_cycles_proposals_counts_none_of_them(client_for, crowded, make):
    (compost, *_), workshop, facilitator = crowded
    stranger = make.proposal(make.cycle(make.arena(), phase="voting"), title="Annan")
    client = client_for(facilitator, accept_language="en")
    response = client.post(
        f"/workshops/jarva/{workshop.id}/tallies",
        data={
            "shown": f"{stranger.id},{compost.id},x,99999999999999999999,-1",
            f"votes_{stranger.id}": "5",
            f"votes_{compost.id}": "1",
        },
    )
    assert response.status_code == 303
    assert tallies_of(workshop) == {compost.id: 1}
