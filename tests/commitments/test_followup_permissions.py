"""Who may edit a commitment, manage its indicators, post check-ins and join it: every
action × role × phase. Allowed roles change the data; a refusal changes nothing.

Anonymous people are sent to sign in (302); roles that may never do the action get
403; allowed roles outside the action's time get a message on the commitment page
(303) and nothing changes.
"""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from arena.audit.models import AuditEntry
from arena.commitments.models import CheckIn, Commitment, Indicator, Pledge
from arena.core.time import utcnow
from arena.extensions import db

ROLES = (
    "anonymous",
    "resident",
    "resident_elsewhere",
    "owner_user",
    "owner_member",
    "facilitator",
    "facilitator_elsewhere",
    "staff",
    "admin",
)
PHASES = ("selection", "testing", "closed")
MANAGERS = {"owner_user", "owner_member", "facilitator"}
# action: (roles allowed, phases in which it changes something)
ALLOWED = {
    "edit": ({"facilitator"}, {"selection", "testing"}),
    "add_indicator": (MANAGERS, {"selection", "testing"}),
    "edit_indicator": (MANAGERS, {"selection", "testing"}),
    "delete_indicator": (MANAGERS, {"selection", "testing"}),
    "measured_check_in": (MANAGERS, {"testing"}),
    "resident_check_in": ({"resident"}, {"testing"}),
    "pledge": ({"resident"}, set(PHASES)),
    # Anyone who joined may leave, also after moving away from the district.
    "unpledge": (set(ROLES) - {"anonymous"}, set(PHASES)),
    "pledge_organisation": ({"owner_member"}, set(PHASES)),
    "unpledge_organisation": ({"owner_member"}, set(PHASES)),
}

# Pledges follow the commitment's status, not the phase, and selection behaves as
# testing for editing: trying every phase there would only slow the table down.
PHASES_TRIED = {
    "edit": ("testing", "closed"),
    "add_indicator": ("selection", "closed"),
    "edit_indicator": ("testing", "closed"),
    "delete_indicator": ("testing", "closed"),
    "pledge": ("testing",),
    "unpledge": ("closed",),
    "pledge_organisation": ("testing",),
    "unpledge_organisation": ("closed",),
}


def snapshot() -> dict:
    return {
        "commitments": [
            tuple(r)
            for r in db.session.execute(
                select(Commitment.id, Commitment.title).order_by(Commitment.id)
            )
        ],
        "indicators": [
            tuple(r)
            for r in db.session.execute(
                select(Indicator.id, Indicator.name, Indicator.target_value).order_by(Indicator.id)
            )
        ],
        "check_ins": db.session.scalar(select(func.count(CheckIn.id))),
        "pledges": [
            tuple(r)
            for r in db.session.execute(
                select(Pledge.user_id, Pledge.organisation_id).order_by(Pledge.id)
            )
        ],
        "audit": db.session.scalar(select(func.count(AuditEntry.id))),
    }


def request_for(action, commitment, indicator, organisation):
    base = f"/commitments/{commitment.id}"
    today = utcnow().date().isoformat()
    indicator_form = {
        "name": "Nytt mått",
        "unit": "st",
        "direction": "up",
        "baseline_value": "1",
        "baseline_on": "2026-01-01",
        "target_value": "5,5",
        "target_on": "2026-12-31",
    }
    return {
        "edit": (f"{base}/edit", {"title": "Ändrad titel", "owner_organisations": organisation.id}),
        "add_indicator": (f"{base}/indicators/new", indicator_form),
        "edit_indicator": (
            f"{base}/indicators/{indicator.id}/edit",
            {**indicator_form, "name": "Ändrat"},
        ),
        "delete_indicator": (f"{base}/indicators/{indicator.id}/delete", {}),
        "measured_check_in": (
            f"{base}/check-ins/new",
            {"reported_on": today, f"value_{indicator.id}": "3"},
        ),
        "resident_check_in": (f"{base}/check-ins/resident", {"note": "Jag cyklade"}),
        "pledge": (f"{base}/join", {}),
        "unpledge": (f"{base}/leave", {}),
        "pledge_organisation": (f"{base}/join-organisation", {"organisation": organisation.id}),
        "unpledge_organisation": (f"{base}/leave-organisation", {"organisation": organisation.id}),
    }[action]


@pytest.mark.parametrize("role", ROLES)
def test_followup_permissions(make, client_for, role):
    arena = make.arena()
    elsewhere = make.arena()
    owner = make.user()
    member = make.user()
    organisation = make.organisation(members=[member], arenas=[arena])
    actor = {
        "anonymous": lambda: None,
        "resident": lambda: make.user(connected_to=arena),
        "resident_elsewhere": lambda: make.user(connected_to=elsewhere),
        "owner_user": lambda: owner,
        "owner_member": lambda: member,
        "facilitator": lambda: make.facilitator(arena),
        "facilitator_elsewhere": lambda: make.facilitator(elsewhere),
        "staff": lambda: make.user(is_staff=True),
        "admin": lambda: make.user(is_admin=True),
    }[role]()
    client = client_for(actor)
    # Everything is built first with one commit: a commit per row would double the time.
    cases = []
    for phase in PHASES:
        cycle = make.cycle(arena, phase=phase)
        for action in ALLOWED:
            if phase not in PHASES_TRIED.get(action, PHASES):
                continue
            commitment = Commitment(
                arena=arena,
                cycle=cycle,
                title=f"{action} {phase}",
                status="active",
                owner_users=[owner],
                owner_organisations=[organisation],
                # Started before testing began, so today is a valid check-in date in testing.
                starts_on=utcnow().date() - timedelta(days=30),
            )
            indicator = Indicator(
                commitment=commitment,
                name="Cykelturer",
                unit="turer",
                direction="up",
                baseline_value=10,
                baseline_on=utcnow().date() - timedelta(days=300),
                target_value=20,
                target_on=utcnow().date() + timedelta(days=100),
            )
            db.session.add_all([commitment, indicator])
            db.session.flush()
            if action == "unpledge" and actor is not None:
                db.session.add(Pledge(commitment=commitment, user_id=actor.id))
            if action == "unpledge_organisation":
                db.session.add(Pledge(commitment=commitment, organisation_id=organisation.id))
            cases.append((phase, action, commitment, indicator))
    db.session.commit()
    for phase, action, commitment, indicator in cases:
        roles, phases = ALLOWED[action]
        before = snapshot()
        url, data = request_for(action, commitment, indicator, organisation)
        response = client.post(url, data=data)
        after = snapshot()
        label = f"{action} by {role} in {phase}"
        if role == "anonymous":
            assert response.status_code == 302 and "/sign-in" in response.headers["Location"], label
            assert after == before, label
        elif role not in roles:
            assert response.status_code == 403, label
            assert after == before, label
        elif phase in phases:
            assert response.status_code == 303, label
            assert after != before, label
        else:
            assert response.status_code == 303, label
            assert after == before, label
