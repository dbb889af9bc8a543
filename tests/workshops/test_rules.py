"""The workshop rules over every phase, as pure predicates (no database, no requests)."""

from datetime import timedelta

import pytest

import arena.models  # noqa: F401  (every mapper known before building rows)
from arena.accounts.models import FacilitatorRole, User
from arena.arenas.models import Arena, Cycle
from arena.arenas.phases import Phase
from arena.core.time import utcnow
from arena.workshops import rules
from arena.workshops.models import Workshop
from tests.factories import cycle_dates

NOW = utcnow()


def _scene(phase, *, held=timedelta(hours=-1)):
    arena = Arena(id=1, slug="jarva", name="Järva")
    cycle = Cycle(id=1, arena=arena, arena_id=1, year=2026, **cycle_dates(phase, NOW))
    held_at = (
        min(NOW + held, cycle.voting_closes_at - timedelta(days=1))
        if held < timedelta(0)
        else NOW + held
    )
    workshop = Workshop(
        id=1, cycle=cycle, cycle_id=1, held_at=held_at, place="Tensta träff", language="sv"
    )
    facilitator = User(id=1, display_name="F", facilitator_roles=[FacilitatorRole(arena_id=1)])
    elsewhere = User(id=2, display_name="E", facilitator_roles=[FacilitatorRole(arena_id=2)])
    admin = User(id=3, display_name="A", is_admin=True, is_staff=True)
    return cycle, workshop, facilitator, (elsewhere, admin, None)


EXPECTED = {
    # phase: (record/edit, paper proposal, tallies, tallies public)
    Phase.UPCOMING: (True, False, False, False),
    Phase.PROPOSING: (True, True, True, False),
    Phase.VOTING: (True, True, True, False),
    Phase.SELECTION: (True, False, True, True),
    Phase.TESTING: (True, False, False, True),
    Phase.REVIEW: (True, False, False, True),
    Phase.CLOSED: (False, False, False, True),
}


@pytest.mark.parametrize("phase", list(Phase))
def test_each_phase(phase):
    cycle, workshop, facilitator, others = _scene(phase)
    record, propose, tally, public = EXPECTED[phase]
    assert rules.can_record_workshop(facilitator, cycle, now=NOW) is record
    assert rules.can_edit_workshop(facilitator, workshop, now=NOW) is record
    assert rules.can_enter_proposal(facilitator, workshop, now=NOW) is propose
    assert rules.can_save_tallies(facilitator, workshop, now=NOW) is tally
    assert rules.can_see_tallies(workshop, now=NOW) is public
    assert rules.can_generate_codes(facilitator, cycle.arena)
    for other in others:
        assert not rules.can_record_workshop(other, cycle, now=NOW)
        assert not rules.can_enter_proposal(other, workshop, now=NOW)
        assert not rules.can_save_tallies(other, workshop, now=NOW)
        assert not rules.can_generate_codes(other, cycle.arena)
        assert not rules.can_manage_workshops(other, cycle.arena)


def test_input_waits_until_the_workshop_has_started():
    cycle, workshop, facilitator, _ = _scene(Phase.VOTING, held=timedelta(hours=2))
    assert rules.can_edit_workshop(facilitator, workshop, now=NOW)
    assert not rules.can_enter_proposal(facilitator, workshop, now=NOW)
    assert not rules.can_save_tallies(facilitator, workshop, now=NOW)


def test_dots_from_a_workshop_after_voting_closed_do_not_count():
    cycle, workshop, facilitator, _ = _scene(Phase.SELECTION)
    workshop.held_at = cycle.voting_closes_at + timedelta(hours=1)
    assert not rules.can_save_tallies(facilitator, workshop, now=NOW)
    workshop.held_at = cycle.voting_closes_at - timedelta(hours=1)
    assert rules.can_save_tallies(facilitator, workshop, now=NOW)
