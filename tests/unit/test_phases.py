"""The phase is derived from the cycle's dates; a phase owns its start instant."""

from datetime import UTC, datetime, timedelta

import pytest

from arena import models  # noqa: F401  (every mapper configured before Cycle is built)
from arena.arenas.models import Arena, Cycle
from arena.arenas.phases import (
    PHASE_ORDER,
    Action,
    Phase,
    phase_allows,
    phase_at,
    phases_for,
    results_are_public,
    timeline,
    why_not_in_phase,
    window,
)

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
DATES = {
    "proposing_opens_at": T0,
    "voting_opens_at": T0 + timedelta(days=30),
    "voting_closes_at": T0 + timedelta(days=60),
    "testing_starts_at": T0 + timedelta(days=80),
    "review_starts_at": T0 + timedelta(days=400),
    "closes_at": T0 + timedelta(days=450),
}
TICK = timedelta(microseconds=1)


@pytest.fixture
def cycle():
    return Cycle(year=2026, support_budget=5, **DATES)


@pytest.mark.parametrize(
    ("date", "before", "at"),
    [
        ("proposing_opens_at", Phase.UPCOMING, Phase.PROPOSING),
        ("voting_opens_at", Phase.PROPOSING, Phase.VOTING),
        ("voting_closes_at", Phase.VOTING, Phase.SELECTION),
        ("testing_starts_at", Phase.SELECTION, Phase.TESTING),
        ("review_starts_at", Phase.TESTING, Phase.REVIEW),
        ("closes_at", Phase.REVIEW, Phase.CLOSED),
    ],
)
def test_each_boundary_belongs_to_the_phase_it_starts(cycle, date, before, at):
    boundary = DATES[date]
    assert phase_at(cycle, boundary - TICK) == before
    assert phase_at(cycle, boundary) == at
    assert phase_at(cycle, boundary + TICK) == at


def test_far_before_and_after():
    cycle = Cycle(year=2026, **DATES)
    assert phase_at(cycle, T0 - timedelta(days=3650)) == Phase.UPCOMING
    assert phase_at(cycle, T0 + timedelta(days=3650)) == Phase.CLOSED


def test_results_become_public_exactly_when_voting_closes(cycle):
    assert not results_are_public(cycle, DATES["voting_closes_at"] - TICK)
    assert results_are_public(cycle, DATES["voting_closes_at"])


def test_timeline_lists_the_five_working_phases_with_their_dates(cycle):
    now = DATES["voting_opens_at"] + timedelta(days=1)
    spans = timeline(cycle, now)
    assert [s.phase for s in spans] == [
        Phase.PROPOSING,
        Phase.VOTING,
        Phase.SELECTION,
        Phase.TESTING,
        Phase.REVIEW,
    ]
    # Each phase ends where the next begins; review ends when the cycle closes.
    assert [(s.starts_at, s.ends_at) for s in spans] == [
        (DATES["proposing_opens_at"], DATES["voting_opens_at"]),
        (DATES["voting_opens_at"], DATES["voting_closes_at"]),
        (DATES["voting_closes_at"], DATES["testing_starts_at"]),
        (DATES["testing_starts_at"], DATES["review_starts_at"]),
        (DATES["review_starts_at"], DATES["closes_at"]),
    ]
    assert [s.is_current for s in spans] == [False, True, False, False, False]
    assert [s.is_past for s in spans] == [True, False, False, False, False]


def test_timeline_before_the_start_and_after_the_end(cycle):
    before = timeline(cycle, T0 - TICK)
    assert not any(s.is_current or s.is_past for s in before)
    after = timeline(cycle, DATES["closes_at"])
    assert all(s.is_past and not s.is_current for s in after)


def test_timeline_marks_a_phase_past_at_the_instant_it_ends(cycle):
    spans = timeline(cycle, DATES["voting_closes_at"])
    voting, selection = spans[1], spans[2]
    assert voting.is_past and not voting.is_current
    assert selection.is_current and not selection.is_past


# --- which actions each phase opens -------------------------------------------------


@pytest.mark.parametrize("action", list(Action))
def test_every_action_opens_in_phases_that_follow_each_other(action):
    indexes = [PHASE_ORDER.index(p) for p in phases_for(action)]
    assert indexes, f"{action} opens in no phase"
    assert indexes == list(range(indexes[0], indexes[-1] + 1))


@pytest.mark.parametrize(
    ("action", "phases"),
    [
        (Action.PROPOSE, (Phase.PROPOSING,)),
        (Action.SUPPORT, (Phase.VOTING,)),
        (Action.WITHDRAW_SUPPORT, (Phase.VOTING,)),
        (Action.COMMENT, (Phase.PROPOSING, Phase.VOTING, Phase.SELECTION)),
        (Action.MERGE, (Phase.PROPOSING, Phase.VOTING)),
        (Action.SELECT, (Phase.SELECTION,)),
        (Action.CHECK_IN, (Phase.TESTING, Phase.REVIEW)),
        (Action.REVIEW, (Phase.REVIEW,)),
    ],
)
def test_the_table_opens_each_action_in_its_phases(cycle, action, phases):
    assert phases_for(action) == phases
    for phase in Phase:
        assert phase_allows(phase, action) == (phase in phases)


def test_phase_allows_a_cycle_at_an_instant(cycle):
    assert not phase_allows(cycle, Action.SUPPORT, DATES["voting_opens_at"] - TICK)
    assert phase_allows(cycle, Action.SUPPORT, DATES["voting_opens_at"])
    assert not phase_allows(cycle, Action.SUPPORT, DATES["voting_closes_at"])
    with pytest.raises(TypeError):
        phase_allows(cycle, Action.SUPPORT)


def test_window_is_where_the_first_phase_starts_and_the_last_one_ends(cycle):
    assert window(cycle, Action.COMMENT) == (
        DATES["proposing_opens_at"],
        DATES["testing_starts_at"],
    )
    assert window(cycle, Action.RECORD_WORKSHOP) == (None, DATES["closes_at"])


@pytest.mark.parametrize(
    ("at", "reason"),
    [
        ("proposing_opens_at", "Voting in Järva opens on March 31, 2026."),
        ("voting_opens_at", None),
        ("voting_closes_at", "Voting in Järva closed on April 30, 2026."),
        ("closes_at", "Voting in Järva closed on April 30, 2026."),
    ],
)
def test_why_not_in_phase_says_when_the_window_opens_or_closed(app, at, reason):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        arena = Arena(name="Järva", slug="jarva")
        cycle = Cycle(year=2026, support_budget=5, arena=arena, **DATES)
        assert why_not_in_phase(cycle, Action.SUPPORT, DATES[at]) == reason
        assert phase_allows(cycle, Action.SUPPORT, DATES[at]) == (reason is None)
