"""The home page and an arena's page: the current phase, the timeline, and the actions
each visitor is offered (the same rules as the actions themselves)."""

import re

import pytest

from arena.arenas.phases import Phase
from tests.helpers import page_text

PHASE_NAMES = {
    "upcoming": "Not started",
    "proposing": "Proposing",
    "voting": "Voting",
    "selection": "Selection",
    "testing": "Testing",
    "review": "Review",
    "closed": "Closed",
}


def english(client_for, user=None):
    return client_for(user, accept_language="en")


def test_home_lists_every_arena_with_its_phase(client_for, make):
    for name, phase in (("Järva", "voting"), ("Skärholmen", "proposing"), ("Kista", None)):
        arena = make.arena(name)
        if phase:
            make.cycle(arena, phase=phase)
    text = page_text(english(client_for).get("/"))
    assert "Järva Voting The last day to vote is" in text
    assert "Skärholmen Proposing The last day to send a proposal is" in text
    assert "Kista No cycle has been planned yet." in text


@pytest.mark.parametrize("phase", list(Phase))
def test_the_arena_page_shows_the_current_phase(client_for, make, phase):
    arena = make.arena("Järva")
    cycle = make.cycle(arena, phase=phase)
    response = english(client_for).get(f"/arenas/{arena.slug}")
    assert response.status_code == 200
    assert f"Cycle {cycle.year}: {PHASE_NAMES[phase]}" in page_text(response)
    html = response.get_data(as_text=True)
    current = re.findall(
        r'<li class="is-current" aria-current="step">\s*<strong>(\w+)</strong>', html
    )
    # The timeline marks the working phase we are in; none before the start or after the end.
    expected = [] if phase in ("upcoming", "closed") else [PHASE_NAMES[phase]]
    assert current == expected
    assert (
        html.count('class="is-past"')
        == {
            "upcoming": 0,
            "proposing": 0,
            "voting": 1,
            "selection": 2,
            "testing": 3,
            "review": 4,
            "closed": 5,
        }[phase]
    )


def test_the_newer_cycle_is_shown_while_last_years_is_still_running(client_for, make):
    arena = make.arena("Järva")
    testing = make.cycle(arena, phase="testing", year=2025)
    proposing = make.cycle(arena, phase="proposing", year=2026)
    text = page_text(english(client_for).get(f"/arenas/{arena.slug}"))
    assert f"Cycle {proposing.year}: Proposing" in text
    assert f"Cycle {testing.year}" not in text


@pytest.mark.parametrize(
    ("who", "phase", "offered"),
    [
        ("resident", "proposing", True),
        ("resident", "voting", False),
        ("outsider", "proposing", False),
        ("anonymous", "proposing", False),
    ],
)
def test_write_a_proposal_is_offered_only_to_who_may(client_for, make, who, phase, offered):
    arena = make.arena("Järva")
    make.cycle(arena, phase=phase)
    user = {
        "resident": lambda: make.user(connected_to=arena),
        "outsider": lambda: make.user(connected_to=make.arena()),
        "anonymous": lambda: None,
    }[who]()
    html = english(client_for, user).get(f"/arenas/{arena.slug}").get_data(as_text=True)
    assert (f'href="/arenas/{arena.slug}/proposals/new"' in html) is offered


def test_visitors_are_invited_to_take_part(client_for, make):
    arena = make.arena("Järva")
    make.cycle(arena, phase="voting")
    anonymous = english(client_for).get(f"/arenas/{arena.slug}")
    assert "Want to take part?" in page_text(anonymous)
    assert f'href="/accounts/sign-up?arena={arena.slug}"' in anonymous.get_data(as_text=True)
    outsider = english(client_for, make.user()).get(f"/arenas/{arena.slug}")
    assert "Take part in Järva" in page_text(outsider)
    assert 'name="kind"' in outsider.get_data(as_text=True)
    resident = english(client_for, make.user(connected_to=arena)).get(f"/arenas/{arena.slug}")
    assert "Take part in Järva" not in page_text(resident)


def test_the_arena_page_shows_the_latest_proposals(client_for, make):
    arena = make.arena("Järva")
    cycle = make.cycle(arena, phase="voting")
    for n in range(7):
        make.proposal(cycle, title=f"Idea {n}")
    make.proposal(cycle, title="Hidden idea", hidden_at=cycle.voting_opens_at, hidden_reason="Spam")
    text = page_text(english(client_for).get(f"/arenas/{arena.slug}"))
    assert "See all 7 proposals" in text
    assert text.count("Idea ") == 5
    assert "Hidden idea" not in text


def test_the_description_follows_the_language(client_for, make):
    arena = make.arena("Järva", description="Om Järva.", description_en="About Järva.")
    assert "About Järva." in page_text(english(client_for).get(f"/arenas/{arena.slug}"))
    assert "Om Järva." in page_text(client_for(None).get(f"/arenas/{arena.slug}"))
