"""Who may propose, support and withdraw, in which phase: every action × phase × role.

Only a declared connection to the cycle's arena counts: facilitators, city staff
and admins get no extra rights here. A refusal changes nothing in the database.
"""

from urllib.parse import parse_qs, urlsplit

import pytest

from arena.arenas.phases import Phase
from arena.extensions import db
from arena.proposals.models import Participation, Support
from tests.helpers import page_text, snapshot

ACTIONS = ("propose_form", "propose", "support", "withdraw")
PHASES = tuple(Phase)
ROLES = (
    "anonymous",
    "resident",
    "resident_elsewhere",
    "facilitator",
    "facilitator_elsewhere",
    "staff",
    "admin",
)
PHASE_ORDER = list(Phase)


def expected_outcome(action: str, phase: Phase, role: str) -> str:
    if role == "anonymous":
        return "sign_in"
    open_phase = Phase.PROPOSING if action.startswith("propose") else Phase.VOTING
    if phase != open_phase:
        early = PHASE_ORDER.index(phase) < PHASE_ORDER.index(open_phase)
        return "too_early" if early else "too_late"
    if role == "resident":
        return "done"
    # Proposing invites the person to declare a connection; supporting refuses outright.
    return "ask_connection" if action.startswith("propose") else "not_connected"


def make_actor(make, role, arena):
    return {
        "anonymous": lambda: None,
        "resident": lambda: make.user(connected_to=arena),
        "resident_elsewhere": lambda: make.user(connected_to=make.arena("Skärholmen")),
        "facilitator": lambda: make.facilitator(arena),
        "facilitator_elsewhere": lambda: make.facilitator(make.arena("Skärholmen")),
        "staff": lambda: make.user(is_staff=True),
        "admin": lambda: make.user(is_admin=True),
    }[role]()


def give_support(user, proposal):
    """A support given earlier, with its counters, so withdrawing has something to take back."""
    db.session.add(Support(proposal_id=proposal.id, user_id=user.id))
    db.session.add(Participation(user_id=user.id, cycle_id=proposal.cycle_id, supports_used=1))
    proposal.support_count = 1


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("phase", PHASES)
@pytest.mark.parametrize("action", ACTIONS)
def test_permission(client_for, make, action, phase, role):
    with make.batch():  # one commit: this table has hundreds of rows
        arena = make.arena("Järva")
        cycle = make.cycle(arena, phase=phase)
        theme = make.theme("transport")
        actor = make_actor(make, role, arena)
        if action.startswith("propose"):
            path = f"/arenas/{arena.slug}/proposals/new"
        else:
            proposal = make.proposal(cycle, theme=theme)
            path = f"/proposals/{proposal.id}/{action}"
            if action == "withdraw" and actor is not None:
                give_support(actor, proposal)
    client = client_for(actor, accept_language="en")
    before = snapshot()

    if action == "propose_form":
        response = client.get(path)
    elif action == "propose":
        response = client.post(
            path,
            data={
                "title": "Cykelkök",
                "summary": "Laga cyklar ihop.",
                "theme": "transport",
                "language": "sv",
            },
        )
    else:
        response = client.post(path)

    outcome = expected_outcome(action, phase, role)
    after = snapshot()
    location = urlsplit(response.headers.get("Location", ""))
    text = page_text(response)
    verb = "Proposing" if action.startswith("propose") else "Voting"

    if outcome == "done":
        if action == "propose_form":
            assert response.status_code == 200
            assert 'name="title"' in response.get_data(as_text=True)
            assert after == before
        elif action == "propose":
            assert response.status_code == 303
            assert location.path.startswith("/proposals/")
            assert after["proposals"] == before["proposals"] + 1
            assert after["supports"] == before["supports"]
        elif action == "support":
            assert response.status_code == 303
            assert (after["supports"], after["supports_used"]) == (1, 1)
            assert after["support_counts"] == [(proposal.id, 1)]
        else:
            assert response.status_code == 303
            assert (after["supports"], after["supports_used"]) == (0, 0)
            assert after["support_counts"] == [(proposal.id, 0)]
        return

    # Every refusal leaves the database exactly as it was.
    assert after == before
    if outcome == "sign_in":
        assert response.status_code == 302
        assert location.path == "/accounts/sign-in"
        assert parse_qs(location.query)["next"] == [path]
    elif outcome == "ask_connection":
        assert response.status_code == 302
        assert location.path == "/accounts/connections"
        assert parse_qs(location.query)["arena"] == [arena.slug]
    elif outcome == "not_connected":
        assert response.status_code == 403
        assert "Tell us how you are connected to Järva before you take part there." in text
    elif outcome == "too_early":
        assert response.status_code == 403
        assert f"{verb} in Järva opens on" in text
    else:
        assert response.status_code == 403
        assert f"{verb} in Järva closed on" in text
