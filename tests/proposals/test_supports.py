"""Supports: one per person per proposal, never beyond the cycle's budget, and the
"supports left" the person sees on every page follows each support and withdrawal."""

import re

import pytest
from sqlalchemy import select

from arena.arenas.models import Cycle
from arena.core.time import utcnow
from arena.extensions import db
from arena.proposals.models import Participation, ProposalStatus, Support
from tests.factories import cycle_dates
from tests.helpers import flashes, page_text, snapshot


@pytest.fixture
def voting(make):
    """An arena in its voting phase with a connected resident, who browses in English."""
    arena = make.arena("Järva")
    cycle = make.cycle(arena, phase="voting")
    return arena, cycle, make.user(connected_to=arena)


def support(client, proposal):
    return client.post(f"/proposals/{proposal.id}/support", follow_redirects=True)


def withdraw(client, proposal):
    return client.post(f"/proposals/{proposal.id}/withdraw", follow_redirects=True)


def supports_used(user, cycle) -> int:
    return db.session.scalar(
        select(Participation.supports_used).where(
            Participation.user_id == user.id, Participation.cycle_id == cycle.id
        )
    )


def test_support_redirects_back_with_the_budget_left(client_for, make, voting):
    arena, cycle, resident = voting
    proposal = make.proposal(cycle)
    client = client_for(resident, accept_language="en")
    response = client.post(f"/proposals/{proposal.id}/support")
    assert response.status_code == 303
    assert response.headers["Location"] == f"/proposals/{proposal.id}"
    page = client.get(response.headers["Location"])
    assert flashes(page) == ["You now support this proposal. Supports left in Järva: 4 of 5."]
    assert "You support this proposal." in page_text(page)
    assert snapshot()["support_counts"] == [(proposal.id, 1)]


def test_one_support_per_person_per_proposal(client_for, make, voting):
    arena, cycle, resident = voting
    proposal = make.proposal(cycle)
    client = client_for(resident, accept_language="en")
    support(client, proposal)
    before = snapshot()
    again = client.post(f"/proposals/{proposal.id}/support")
    assert again.status_code == 303
    assert flashes(client.get(again.headers["Location"])) == ["You already support this proposal."]
    assert snapshot() == before
    assert before["supports"] == 1 and before["supports_used"] == 1


def cycle_with_budget(make, budget: int | None) -> Cycle:
    """A voting cycle; budget None leaves it to the model's default."""
    values = {} if budget is None else {"support_budget": budget}
    cycle = Cycle(arena=make.arena("Järva"), year=2026, **cycle_dates("voting"), **values)
    return make._save(cycle)


@pytest.mark.parametrize(("budget", "expected"), [(None, 5), (3, 3)])
def test_the_budget_is_never_exceeded(client_for, make, budget, expected):
    cycle = cycle_with_budget(make, budget)
    assert cycle.support_budget == expected
    budget = expected
    resident = make.user(connected_to=cycle.arena)
    client = client_for(resident, accept_language="en")
    with make.batch():
        proposals = [make.proposal(cycle) for _ in range(budget + 1)]

    for index, proposal in enumerate(proposals[:budget], start=1):
        response = support(client, proposal)
        left = budget - index
        assert f"Supports left in {cycle.arena.name}: {left} of {budget}." in flashes(response)[0]
    assert supports_used(resident, cycle) == budget

    before = snapshot()
    refused = support(client, proposals[-1])
    assert refused.status_code == 200  # after the 303 back to the proposal
    assert flashes(refused) == [
        f"You have used all {budget} of your supports in {cycle.arena.name}. "
        "Withdraw one to support this proposal."
    ]
    assert snapshot() == before
    # The page says so instead of offering a button that can only fail.
    page = client.get(f"/proposals/{proposals[-1].id}")
    assert "You have used all your supports." in page_text(page)


def test_withdrawing_gives_the_support_back(client_for, make):
    cycle = make.cycle(make.arena("Järva"), phase="voting", support_budget=3)
    resident = make.user(connected_to=cycle.arena)
    client = client_for(resident, accept_language="en")
    first, second, third, fourth = (make.proposal(cycle) for _ in range(4))
    for proposal in (first, second, third):
        support(client, proposal)
    assert "You have used all 3" in flashes(support(client, fourth))[0]

    response = withdraw(client, second)
    assert flashes(response) == [
        f"Your support is withdrawn. Supports left in {cycle.arena.name}: 1 of 3."
    ]
    assert supports_used(resident, cycle) == 2
    assert "You now support" in flashes(support(client, fourth))[0]
    mine = select(Support.proposal_id).where(Support.user_id == resident.id)
    assert set(db.session.scalars(mine)) == {first.id, third.id, fourth.id}
    assert snapshot()["support_counts"] == [
        (first.id, 1),
        (second.id, 0),
        (third.id, 1),
        (fourth.id, 1),
    ]


def test_withdrawing_without_a_support_says_so(client_for, make, voting):
    _, cycle, resident = voting
    proposal = make.proposal(cycle)
    client = client_for(resident, accept_language="en")
    before = snapshot()
    response = withdraw(client, proposal)
    assert flashes(response) == ["You do not support this proposal."]
    assert snapshot() == before


def test_someone_elses_support_is_not_withdrawn(client_for, make, voting):
    arena, cycle, resident = voting
    proposal = make.proposal(cycle)
    neighbour = make.user(connected_to=arena)
    support(client_for(neighbour), proposal)
    before = snapshot()
    assert flashes(withdraw(client_for(resident, accept_language="en"), proposal)) == [
        "You do not support this proposal."
    ]
    assert snapshot() == before == {**before, "supports": 1, "supports_used": 1}


@pytest.mark.parametrize("state", ["hidden", "merged"])
def test_hidden_or_merged_proposals_cannot_be_supported(client_for, make, voting, state):
    _, cycle, resident = voting
    if state == "hidden":
        proposal = make.proposal(cycle, hidden_at=utcnow(), hidden_reason="Spam")
    else:
        proposal = make.proposal(cycle, status=ProposalStatus.MERGED)
    before = snapshot()
    response = client_for(resident, accept_language="en").post(f"/proposals/{proposal.id}/support")
    assert response.status_code == 403
    assert "This proposal can no longer be supported." in page_text(response)
    assert snapshot() == before


def left_on(page, arena_name="Järva") -> str | None:
    """ "N of M" from "Supports left: N of M", or from my page's table row for the arena."""
    text = page_text(page)
    found = re.search(r"Supports left: (\d+ of \d+)", text)
    found = found or re.search(rf"{arena_name} \w+ (\d+ of \d+)", text)
    return found.group(1) if found else None


def test_supports_left_follows_every_support_and_withdrawal(client_for, make, voting):
    arena, cycle, resident = voting
    proposal, other = make.proposal(cycle), make.proposal(cycle)
    client = client_for(resident, accept_language="en")
    pages = {
        "proposal": f"/proposals/{proposal.id}",
        "arena": f"/arenas/{arena.slug}",
        "me": "/accounts/me",
    }

    def everywhere():
        return {name: left_on(client.get(path)) for name, path in pages.items()}

    assert everywhere() == dict.fromkeys(pages, "5 of 5")
    support(client, proposal)
    assert everywhere() == dict.fromkeys(pages, "4 of 5")
    support(client, other)
    assert everywhere() == dict.fromkeys(pages, "3 of 5")
    withdraw(client, proposal)
    assert everywhere() == dict.fromkeys(pages, "4 of 5")


def test_supports_left_is_not_shown_to_people_who_cannot_support(client_for, make, voting):
    arena, cycle, _ = voting
    proposal = make.proposal(cycle)
    outsider = make.user(connected_to=make.arena())
    for person in (None, outsider):
        client = client_for(person, accept_language="en")
        assert left_on(client.get(f"/proposals/{proposal.id}")) is None
        assert left_on(client.get(f"/arenas/{arena.slug}")) is None


def test_support_counts_are_hidden_until_voting_closes(client_for, make):
    arena = make.arena()
    voting = make.cycle(arena, phase="voting")
    proposal = make.proposal(voting, support_count=3)
    text = page_text(client_for(None, accept_language="en").get(f"/proposals/{proposal.id}"))
    assert "3 online supports" not in text
    assert "Support counts are published when voting closes" in text

    closed = make.proposal(make.cycle(phase="selection"), support_count=3)
    text = page_text(client_for(None, accept_language="en").get(f"/proposals/{closed.id}"))
    assert "3 online supports" in text
