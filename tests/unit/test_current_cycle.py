"""Which cycle an arena's page shows when cycles overlap (last year tests, this year proposes)."""

from datetime import UTC, datetime, timedelta

from arena import models  # noqa: F401  (every mapper configured before Cycle is built)
from arena.arenas.models import Cycle
from arena.arenas.queries import pick_current_cycle

NOW = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)


def cycle_starting(year: int, days_from_now: int, length_days: int = 450) -> Cycle:
    start = NOW + timedelta(days=days_from_now)
    return Cycle(
        year=year,
        proposing_opens_at=start,
        voting_opens_at=start + timedelta(days=30),
        voting_closes_at=start + timedelta(days=60),
        testing_starts_at=start + timedelta(days=80),
        review_starts_at=start + timedelta(days=400),
        closes_at=start + timedelta(days=length_days),
    )


def test_no_cycles():
    assert pick_current_cycle([], NOW) is None


def test_the_newest_running_cycle_wins_over_an_older_one_still_testing():
    last_year = cycle_starting(2025, -300)  # still in testing
    this_year = cycle_starting(2026, -10)  # proposing
    assert pick_current_cycle([last_year, this_year], NOW) is this_year
    assert pick_current_cycle([this_year, last_year], NOW) is this_year


def test_an_older_running_cycle_wins_over_one_that_has_not_started():
    running = cycle_starting(2025, -300)
    planned = cycle_starting(2026, 20)
    assert pick_current_cycle([planned, running], NOW) is running


def test_before_any_cycle_starts_the_next_one_is_shown():
    later = cycle_starting(2027, 400)
    sooner = cycle_starting(2026, 5)
    assert pick_current_cycle([later, sooner], NOW) is sooner


def test_after_every_cycle_closed_the_last_one_is_shown():
    older = cycle_starting(2023, -1000)
    newer = cycle_starting(2024, -600)
    assert pick_current_cycle([newer, older], NOW) is newer


def test_a_cycle_closing_exactly_now_is_no_longer_running():
    closing = cycle_starting(2025, -450)  # closes_at == NOW
    next_one = cycle_starting(2026, 1)
    assert pick_current_cycle([closing, next_one], NOW) is next_one
    starting = cycle_starting(2026, 0)  # proposing opens at NOW: running
    assert pick_current_cycle([closing, starting], NOW) is starting
