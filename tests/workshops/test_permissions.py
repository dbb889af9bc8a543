"""Who may record workshops, type in paper proposals, save dot votes and make access
codes, in which phase: every action × phase × role, through HTTP.

Only the arena's own facilitators may; admins and city staff get no facilitator
powers by their role. A refusal answers 403 (or sends anonymous visitors to sign
in) and leaves the database exactly as it was.
"""

import re
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest

from arena.accounts.models import User
from arena.arenas.phases import Phase
from arena.core.time import utcnow
from arena.extensions import db
from arena.proposals.models import Proposal
from arena.workshops.access_codes import make_batch
from arena.workshops.models import AccessCode, Workshop
from tests.helpers import page_text
from tests.workshops.helpers import ROLES, audit_actions, build_scene, snapshot, tallies_of

# Each action in the phases where its answer changes, and one beyond (the rules are
# unit-tested over every phase in test_rules.py).
RELEVANT_PHASES = {
    "record": (Phase.UPCOMING, Phase.VOTING, Phase.REVIEW, Phase.CLOSED),
    "edit": (Phase.PROPOSING, Phase.TESTING, Phase.CLOSED),
    "proposal": (Phase.UPCOMING, Phase.PROPOSING, Phase.VOTING, Phase.SELECTION, Phase.CLOSED),
    "tallies": (Phase.UPCOMING, Phase.PROPOSING, Phase.VOTING, Phase.SELECTION, Phase.TESTING),
    # Codes do not depend on the phase: one where everything else is open, one closed.
    "codes": (Phase.PROPOSING, Phase.CLOSED),
    "print": (Phase.SELECTION,),
}

PRINTED = re.compile(r"\b[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}\b")
NOT_FACILITATOR = "Only the facilitators of Järva can do this."


def refusal_for(action: str, phase: Phase, role: str) -> str | None:
    """None when the action is allowed; else the start of the message that says why."""
    if role == "anonymous":
        return "sign_in"
    if role != "facilitator":
        return NOT_FACILITATOR
    if action in ("record", "edit"):
        return "The 20" if phase == Phase.CLOSED else None  # "The 2026 cycle in Järva has closed"
    if action == "proposal":
        if phase == Phase.UPCOMING:
            return "Proposals from workshops can be entered once proposing opens in Järva"
        return None if phase in (Phase.PROPOSING, Phase.VOTING) else "Voting in Järva closed on"
    if action == "tallies":
        if phase == Phase.UPCOMING:
            return "Dot votes can be entered once proposing opens in Järva"
        if phase in (Phase.PROPOSING, Phase.VOTING, Phase.SELECTION):
            return None
        return "The selection in Järva is over, so dot votes can no longer be changed."
    return None  # codes and the print sheet: any phase


def _request(client, action, arena, workshop, proposal):
    """(GET response or None, POST response) for the action."""
    base = f"/workshops/{arena.slug}"
    if action == "record":
        form = {
            "cycle": str(workshop.cycle.year),
            "date": "2026-05-14",
            "time": "18:30",
            "place": "Husby gård",
            "language": "sv",
            "participant_count": "20",
        }
        return client.get(f"{base}/new"), client.post(f"{base}/new", data=form)
    if action == "edit":
        held = workshop.held_at.astimezone(ZoneInfo("Europe/Stockholm"))
        form = {
            "date": held.strftime("%Y-%m-%d"),
            "time": held.strftime("%H:%M"),
            "place": "Husby gård",
            "language": "sv",
            "participant_count": "12",
        }
        path = f"{base}/{workshop.id}/edit"
        return client.get(path), client.post(path, data=form)
    if action == "proposal":
        path = f"{base}/{workshop.id}/proposals/new"
        form = {
            "title": "Cykelkök",
            "summary": "Laga cyklar ihop.",
            "theme": "transport",
            "language": "sv",
        }
        return client.get(path), client.post(path, data=form)
    if action == "tallies":
        show = client.get(f"{base}/{workshop.id}")
        return show, client.post(
            f"{base}/{workshop.id}/tallies", data={f"votes_{proposal.id}": "5"}
        )
    if action == "codes":
        form = {"workshop": str(workshop.id), "count": "3", "days": "30"}
        return client.get(f"{base}/codes"), client.post(f"{base}/codes", data=form)
    # print: the sheet of a batch made earlier (see _print_batch), opened again.
    label = db.session.scalar(db.select(AccessCode.batch).limit(1))
    return None, client.get(f"{base}/codes/batches/{label}/sheet")


def _print_batch(arena, workshop) -> None:
    """Two codes made by Järva's facilitator, whoever the actor is."""
    host = db.session.scalar(db.select(User).where(User.email == "host@example.org"))
    make_batch(host, arena, now=utcnow(), count=2, days=30, workshop=workshop)
    db.session.commit()


def _check_done(action, get, post, before, after, actor, arena, workshop, proposal):
    if get is not None:
        assert get.status_code == 200
    if action == "record":
        assert 'name="place"' in get.get_data(as_text=True)
        assert post.status_code == 303
        assert len(after["workshops"]) == len(before["workshops"]) + 1
        assert audit_actions()[-1] == "workshop.record"
    elif action == "edit":
        assert 'value="Tensta träff"' in get.get_data(as_text=True)
        assert post.status_code == 303
        assert db.session.get(Workshop, workshop.id).place == "Husby gård"
        assert audit_actions()[-1] == "workshop.edit"
    elif action == "proposal":
        assert post.status_code == 303
        added = db.session.scalar(db.select(Proposal).where(Proposal.title == "Cykelkök"))
        assert (added.workshop_id, added.author_id, added.support_count) == (
            workshop.id,
            None,
            0,
        )
        assert audit_actions()[-1] == "workshop.add_proposal"
    elif action == "tallies":
        assert f'name="votes_{proposal.id}"' in get.get_data(as_text=True)
        assert post.status_code == 303
        assert tallies_of(workshop) == {proposal.id: 5}
        # Dot votes never go into the online support count.
        assert after["proposals"] == before["proposals"]
        assert audit_actions()[-1] == "workshop.save_tallies"
    elif action == "codes":
        assert post.status_code == 303
        assert urlsplit(post.headers["Location"]).path.startswith("/workshops/jarva/codes/batches/")
        assert db.session.scalar(db.select(db.func.count(AccessCode.id))) == 3
        assert audit_actions()[-1] == "access_codes.generate"
    else:
        assert post.status_code == 200
        assert len(PRINTED.findall(post.get_data(as_text=True))) == 2
        assert after == before


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("action", "phase"),
    [(action, phase) for action, phases in RELEVANT_PHASES.items() for phase in phases],
)
def test_permission(client_for, app, action, phase, role):
    arena, cycle, (proposal,), workshop, actor = build_scene(phase, role)
    client = client_for(actor, accept_language="en")
    if action == "print":
        _print_batch(arena, workshop)
    before = snapshot()

    get, post = _request(client, action, arena, workshop, proposal)
    after = snapshot()
    refusal = refusal_for(action, phase, role)

    if refusal is None:
        _check_done(action, get, post, before, after, actor, arena, workshop, proposal)
        return

    # Every refusal leaves the database exactly as it was.
    assert after == before
    if refusal == "sign_in":
        for response in (get, post):
            if response is None or action == "tallies" and response is get:
                continue
            assert response.status_code == 302
            assert urlsplit(response.headers["Location"]).path == "/accounts/sign-in"
        assert "next" in parse_qs(urlsplit(post.headers["Location"]).query)
    else:
        for response in (get, post):
            if response is None:
                continue
            if action == "tallies" and response is get:
                # The workshop page is public, but shows no tally form to this person.
                assert response.status_code == 200
                assert "votes_" not in response.get_data(as_text=True)
                continue
            assert response.status_code == 403
            assert refusal in page_text(response)
    if action == "tallies" and role == "anonymous":
        assert get.status_code == 200 and "votes_" not in get.get_data(as_text=True)
