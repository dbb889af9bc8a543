"""Who may see the result and decide on proposals, in which phase: every action ×
role × phase. Deciding is for the arena's own facilitators in the selection
phase only; a refusal changes nothing in the database."""

from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import func, select

from arena.arenas.phases import Phase
from arena.audit.models import AuditEntry
from arena.commitments.models import Commitment, commitment_proposals
from arena.core.time import utcnow
from arena.extensions import db
from arena.proposals.models import Proposal
from arena.selections import services
from tests.helpers import page_text

ROLES = (
    "anonymous",
    "resident",
    "resident_elsewhere",
    "facilitator",
    "facilitator_elsewhere",
    "staff",
    "admin",
)
DECISIONS = ("decide_page", "select", "not_select", "undo")
PUBLIC = {Phase.SELECTION, Phase.TESTING, Phase.REVIEW, Phase.CLOSED}
BEFORE_SELECTION = {Phase.UPCOMING, Phase.PROPOSING, Phase.VOTING}


def make_actor(make, role, arena, elsewhere):
    return {
        "anonymous": lambda: None,
        "resident": lambda: make.user(connected_to=arena),
        "resident_elsewhere": lambda: make.user(connected_to=elsewhere),
        "facilitator": lambda: make.facilitator(arena),
        "facilitator_elsewhere": lambda: make.facilitator(elsewhere),
        "staff": lambda: make.user(is_staff=True),
        "admin": lambda: make.user(is_admin=True),
    }[role]()


def snapshot() -> dict:
    proposals = select(Proposal.id, Proposal.status, Proposal.decision_note).order_by(Proposal.id)
    return {
        "proposals": [tuple(row) for row in db.session.execute(proposals)],
        "commitments": list(db.session.scalars(select(Commitment.id).order_by(Commitment.id))),
        "links": db.session.scalar(select(func.count()).select_from(commitment_proposals)),
        "audit": db.session.scalar(select(func.count(AuditEntry.id))),
    }


@pytest.mark.parametrize("role", ROLES)
def test_permissions(make, client_for, role):
    arena = make.arena("Järva", slug="jarva")
    elsewhere = make.arena("Skärholmen", slug="skarholmen")
    theme = make.theme("transport")
    author = make.user(connected_to=arena)
    setup = {}
    for phase in Phase:
        cycle = make.cycle(arena, phase=phase)
        # Added in one go rather than through the factory: 21 commits would double the time.
        to_select, to_reject, decided = proposals = [
            Proposal(
                cycle=cycle,
                author=author,
                theme=theme,
                title=f"Förslag {n}",
                summary="Kort.",
                language="sv",
            )
            for n in range(3)
        ]
        db.session.add_all(proposals)
        db.session.flush()
        services.record_selection(
            None,
            decided,
            now=utcnow(),
            motivation="Tidigare beslut.",
            title=decided.title,
            description="",
            owner_users=[author],
        )
        setup[phase] = (cycle, to_select, to_reject, decided)
    db.session.commit()
    actor = make_actor(make, role, arena, elsewhere)
    client = client_for(actor, accept_language="en")

    for phase, (cycle, to_select, to_reject, decided) in setup.items():
        # The result: the same page for everyone, with counts only once voting has closed.
        before = snapshot()
        response = client.get(f"/arenas/jarva/results?year={cycle.year}")
        where = f"results in {phase} as {role}"
        assert response.status_code == 200, where
        text = page_text(response)
        if phase in PUBLIC:
            assert "Online supports" in text and "<table" in response.get_data(as_text=True), where
        else:
            assert "The result is published when voting closes on" in text, where
            assert "<table" not in response.get_data(as_text=True), where
        shows_decide_links = "/commitments/decide/" in response.get_data(as_text=True)
        assert shows_decide_links == (role == "facilitator" and phase == Phase.SELECTION), where
        assert snapshot() == before, where

        for action in DECISIONS:
            target = {
                "decide_page": to_select,
                "select": to_select,
                "not_select": to_reject,
                "undo": decided,
            }[action]
            url = {
                "decide_page": f"/commitments/decide/{target.id}",
                "select": f"/commitments/decide/{target.id}/select",
                "not_select": f"/commitments/decide/{target.id}/not-select",
                "undo": f"/commitments/decide/{target.id}/undo",
            }[action]
            data = {
                "select": {
                    "select-motivation": "Många stöd.",
                    "select-title": "Cykelkök",
                    "select-description": "Laga cyklar.",
                    "select-owner_author": "y",
                },
                "not_select": {"reject-motivation": "Finns redan."},
                "undo": {},
            }.get(action)
            before = snapshot()
            response = client.get(url) if data is None else client.post(url, data=data)
            after = snapshot()
            where = f"{action} in {phase} as {role}"
            text = page_text(response)

            if role == "anonymous":
                assert response.status_code == 302, where
                location = urlsplit(response.headers["Location"])
                assert location.path == "/accounts/sign-in", where
                assert parse_qs(location.query)["next"] == [url], where
                assert after == before, where
            elif role != "facilitator":
                assert response.status_code == 403, where
                assert "Only the facilitators of Järva can do this." in text, where
                assert after == before, where
            elif phase in BEFORE_SELECTION:
                assert response.status_code == 403, where
                assert "Selection in Järva starts when voting closes on" in text, where
                assert after == before, where
            elif phase != Phase.SELECTION:
                assert response.status_code == 403, where
                assert "Selection in Järva ended when testing started on" in text, where
                assert after == before, where
            elif action == "decide_page":
                assert response.status_code == 200, where
                assert after == before, where
            else:
                assert response.status_code == 303, where
                assert urlsplit(response.headers["Location"]).path == "/arenas/jarva/results", where
                assert after["audit"] == before["audit"] + 1, where
                status = dict((pid, s) for pid, s, _note in after["proposals"])[target.id]
                assert (
                    status
                    == {"select": "selected", "not_select": "not_selected", "undo": "published"}[
                        action
                    ]
                ), where
                delta = {"select": 1, "not_select": 0, "undo": -1}[action]
                assert len(after["commitments"]) == len(before["commitments"]) + delta, where
