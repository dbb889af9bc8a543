"""Dot-vote tallies: one form per workshop, saved as a whole, counted apart from
online supports and published when they are."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import event, select

from arena.audit.models import AuditEntry
from arena.core.errors import ActionRefused
from arena.core.time import utcnow
from arena.extensions import db
from arena.proposals.models import Proposal
from arena.workshops import queries, tallies
from tests.helpers import flashes, page_text
from tests.workshops.helpers import add_tallies, add_workshop, build_scene, snapshot, tallies_of


@pytest.fixture
def voting(app):
    arena, cycle, proposals, workshop, facilitator = build_scene(
        "voting", "facilitator", proposals=3
    )
    return cycle, proposals, workshop, facilitator


def test_saving_replaces_the_workshops_tallies(client_for, voting):
    cycle, (first, second, third), workshop, facilitator = voting
    add_tallies(workshop, {first: 3, second: 4})
    client = client_for(facilitator, accept_language="en")
    page = client.get(f"/workshops/jarva/{workshop.id}").get_data(as_text=True)
    # One labelled number box per proposal, filled with what was saved before.
    assert page.count('inputmode="numeric"') == 3
    assert f'<label class="label" for="votes_{first.id}">Förslag 1</label>' in page
    assert re.search(rf'name="votes_{first.id}"[^>]* value="3"', page)

    response = client.post(
        f"/workshops/jarva/{workshop.id}/tallies",
        data={f"votes_{first.id}": " 7 ", f"votes_{second.id}": "", f"votes_{third.id}": "0"},
        follow_redirects=True,
    )
    assert flashes(response) == ["Dot votes saved for 2 proposals."]
    # Empty means "not voted on here"; 0 means "on the wall, no dots".
    assert tallies_of(workshop) == {first.id: 7, third.id: 0}
    # Workshop votes never go into the online support counts.
    db.session.expire_all()
    assert [p.support_count for p in (first, second, third)] == [0, 0, 0]
    entry = db.session.scalar(select(AuditEntry).order_by(AuditEntry.id.desc()))
    assert (entry.action, entry.target_id) == ("workshop.save_tallies", workshop.id)
    assert entry.details == {"proposals": 2, "votes": 7, "votes_before": 7}


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-1", "Enter a number from 0 to 10000."),
        ("10001", "Enter a number from 0 to 10000."),
        ("abc", "Enter a whole number, like 12."),
        ("9" * 5000, "Enter a whole number, like 12."),
        ("4\x00", "Enter a whole number, like 12."),
    ],
)
def test_bad_tallies_save_nothing(client_for, voting, typed, message):
    _, (first, second, _), workshop, facilitator = voting
    add_tallies(workshop, {first: 3})
    before = snapshot()
    response = client_for(facilitator, accept_language="en").post(
        f"/workshops/jarva/{workshop.id}/tallies",
        data={f"votes_{first.id}": "5", f"votes_{second.id}": typed},
    )
    assert response.status_code == 200
    text = page_text(response)
    assert "Please correct the following" in text and f"Förslag 2: {message}" in text
    assert snapshot() == before


def test_a_hidden_proposal_keeps_its_tally(client_for, voting):
    _, (first, second, third), workshop, facilitator = voting
    add_tallies(workshop, {first: 3, second: 2})
    second.hidden_at = utcnow()
    third.hidden_at = utcnow()
    db.session.commit()
    client = client_for(facilitator, accept_language="en")
    page = client.get(f"/workshops/jarva/{workshop.id}").get_data(as_text=True)
    # Tallied before it was hidden: still in the form, so saving cannot drop it unseen.
    assert f'name="votes_{second.id}"' in page and f'name="votes_{third.id}"' not in page
    client.post(
        f"/workshops/jarva/{workshop.id}/tallies",
        data={f"votes_{first.id}": "4", f"votes_{second.id}": "2", f"votes_{third.id}": "9"},
    )
    assert tallies_of(workshop) == {first.id: 4, second.id: 2}


def test_only_proposals_of_the_cycle_get_dots(app, make, voting):
    cycle, (first, *_), workshop, facilitator = voting
    elsewhere = make.proposal(make.cycle(cycle.arena, phase="voting"))
    with pytest.raises(ActionRefused):
        tallies.save_tallies(facilitator, workshop, {elsewhere.id: 3}, now=utcnow())
    db.session.rollback()
    with pytest.raises(ActionRefused):
        tallies.save_tallies(facilitator, workshop, {first.id: 10_001}, now=utcnow())
    db.session.rollback()
    assert tallies_of(workshop) == {}


def test_votes_by_proposal_in_one_query(app, make, voting):
    cycle, (first, second, third), workshop, facilitator = voting
    other = add_workshop(cycle, facilitator, place="Rinkeby bibliotek")
    add_tallies(workshop, {first: 4, second: 0})
    add_tallies(other, {first: 3})
    # Another cycle's workshop does not count.
    next_year = make.cycle(cycle.arena, phase="proposing")
    add_tallies(add_workshop(next_year, facilitator), {make.proposal(next_year): 5})

    db.session.refresh(cycle)  # loaded before counting, as a caller would have it
    statements = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        votes = queries.workshop_votes_by_proposal(cycle)
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    assert votes == {first.id: (7, 2), second.id: (0, 1)}
    assert len(statements) == 1
    assert queries.get_workshop_votes(first) == (7, 2)
    assert queries.get_workshop_votes(third) == (0, 0)


def _support_panel(response) -> str:
    text = page_text(response)
    return text[text.index("Support ") : text.index("Summary")]


def test_proposal_page_shows_both_counts_apart_once_voting_closed(client_for, make):
    arena, cycle, (proposal, quiet), workshop, facilitator = build_scene(
        "selection", None, proposals=2
    )
    proposal.support_count = 12
    db.session.commit()
    add_tallies(workshop, {proposal: 4})
    add_tallies(add_workshop(cycle, workshop.created_by, place="Husby gård"), {proposal: 3})
    client = client_for(None, accept_language="en")
    assert "12 online supports · 7 workshop votes (2 workshops)" in _support_panel(
        client.get(f"/proposals/{proposal.id}")
    )
    assert "workshop" not in _support_panel(client.get(f"/proposals/{quiet.id}"))


def test_workshop_votes_wait_for_the_vote_to_close_like_supports(client_for, voting):
    cycle, (first, *_), workshop, facilitator = voting
    add_tallies(workshop, {first: 4})
    client = client_for(None, accept_language="en")
    proposal_page = page_text(client.get(f"/proposals/{first.id}"))
    assert "workshop vote" not in proposal_page
    assert "Support counts are published when voting closes" in proposal_page
    workshop_page = page_text(client.get(f"/workshops/jarva/{workshop.id}"))
    assert (
        "Dot votes from workshops are published together with the online supports" in workshop_page
    )
    assert "votes_" not in client.get(f"/workshops/jarva/{workshop.id}").get_data(as_text=True)

    cycle.voting_closes_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    table = page_text(client.get(f"/workshops/jarva/{workshop.id}"))
    assert "Proposal Dot votes Förslag 1 4" in table


def test_dots_from_a_workshop_after_the_vote_are_refused(client_for, app):
    arena, cycle, (proposal,), _, facilitator = build_scene("selection", "facilitator")
    late = add_workshop(cycle, facilitator, held_at=cycle.voting_closes_at + timedelta(hours=2))
    before = snapshot()
    response = client_for(facilitator, accept_language="en").post(
        f"/workshops/jarva/{late.id}/tallies", data={f"votes_{proposal.id}": "3"}
    )
    assert response.status_code == 403
    assert "took place after voting closed" in page_text(response)
    assert snapshot() == before
    assert "votes_" not in client_for(facilitator).get(f"/workshops/jarva/{late.id}").get_data(
        as_text=True
    )


def test_no_proposals_yet_means_no_form(client_for, app):
    arena, cycle, proposals, workshop, facilitator = build_scene(
        "proposing", "facilitator", proposals=0
    )
    text = page_text(
        client_for(facilitator, accept_language="en").get(f"/workshops/jarva/{workshop.id}")
    )
    assert "There are no proposals in this cycle to vote on yet." in text
    assert db.session.scalar(select(db.func.count(Proposal.id))) == 0


@pytest.mark.parametrize("typed", ["abc", "9" * 5000, "4\x00"])
def test_a_non_number_gets_one_message(client_for, voting, typed):
    _, (first, _, _), workshop, facilitator = voting
    response = client_for(facilitator, accept_language="en").post(
        f"/workshops/jarva/{workshop.id}/tallies", data={f"votes_{first.id}": typed}
    )
    text = page_text(response)
    # Once in the summary and once beside the box: the same single message.
    assert text.count("Enter a whole number, like 12.") == 2
    assert "Enter a number from 0 to 10000." not in text
