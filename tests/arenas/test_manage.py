"""The facilitator's hub and cycle settings: what the hub shows, where it is linked
from, and who may use it (every action × every role; refusals change nothing)."""

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from arena.arenas.cycles import DATE_FIELDS
from arena.arenas.models import Cycle
from arena.audit.models import AuditEntry
from arena.extensions import db
from tests.helpers import count, page_text

STOCKHOLM = ZoneInfo("Europe/Stockholm")
ROLES = (
    "anonymous",
    "resident",
    "resident_elsewhere",
    "facilitator",
    "facilitator_elsewhere",
    "staff",
    "admin",
)


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


def days_of(cycle) -> dict:
    return {name: getattr(cycle, name).astimezone(STOCKHOLM).date() for name in DATE_FIELDS}


def form(days, **extra) -> dict:
    data = {name: day.isoformat() for name, day in days.items()}
    data.update(support_budget="5", introduction="", reason="")
    data.update({key: str(value) for key, value in extra.items()})
    return data


def cycles_snapshot() -> dict:
    rows = db.session.execute(
        select(
            Cycle.id, Cycle.year, Cycle.support_budget, *[getattr(Cycle, n) for n in DATE_FIELDS]
        ).order_by(Cycle.id)
    )
    return {"cycles": [tuple(row) for row in rows], "audit": count(AuditEntry)}


def test_hub_lists_cycles_and_links(make, client_for):
    arena = make.arena("Järva", slug="jarva")
    older = make.cycle(arena, phase="testing", year=2025)
    current = make.cycle(arena, phase="voting", year=2026)
    client = client_for(make.facilitator(arena), accept_language="en")
    response = client.get("/arenas/jarva/manage")
    html = response.get_data(as_text=True)
    text = page_text(response)
    assert response.status_code == 200
    assert "<h1>Manage Järva</h1>" in html
    assert "Cycle 2026: Voting" in text and "Cycle 2025: Testing" in text
    assert text.index("Cycle 2026") < text.index("Cycle 2025")  # newest first
    assert 'href="/arenas/jarva/manage/cycles/2026"' in html
    assert 'href="/arenas/jarva/manage/cycles/2025"' in html
    assert 'href="/arenas/jarva/manage/cycles/new"' in html
    assert 'href="/arenas/jarva/results"' in html
    # The hub leads to every other facilitator task for this arena.
    for href in (
        "/workshops/jarva",
        "/workshops/jarva/new",
        "/workshops/jarva/codes",
        "/moderation/jarva/reports",
        "/moderation/jarva/audit",
    ):
        assert f'href="{href}"' in html
    assert older.year == 2025 and current.year == 2026


def test_hub_is_linked_from_the_arena_page_and_my_page_for_its_facilitators(make, client_for):
    arena = make.arena("Järva", slug="jarva")
    make.cycle(arena, phase="voting")
    facilitator = make.facilitator(arena)
    resident = make.user(connected_to=arena)
    link = 'href="/arenas/jarva/manage"'
    assert link in client_for(facilitator).get("/arenas/jarva").get_data(as_text=True)
    assert link in client_for(facilitator).get("/accounts/me").get_data(as_text=True)
    assert link not in client_for(resident).get("/arenas/jarva").get_data(as_text=True)
    assert link not in client_for(resident).get("/accounts/me").get_data(as_text=True)
    assert link not in client_for(None).get("/arenas/jarva").get_data(as_text=True)


ACTIONS = (
    "view_hub",
    "new_form",
    "edit_form",
    "create",
    "edit_future",
    "edit_past_without_reason",
    "edit_past_with_reason",
)


@pytest.mark.parametrize("role", ROLES)
def test_permissions(make, client_for, role):
    """Only the arena's own facilitators: not residents, not facilitators of another
    arena, not staff, not admins (who grant themselves the role, visibly, if needed)."""
    arena = make.arena("Järva", slug="jarva")
    elsewhere = make.arena("Skärholmen", slug="skarholmen")
    cycle = make.cycle(arena, phase="voting")  # two dates passed, four ahead
    make.cycle(elsewhere, phase="voting")
    actor = make_actor(make, role, arena, elsewhere)
    client = client_for(actor, accept_language="en")
    base = f"/arenas/{arena.slug}/manage"
    edit_url = f"{base}/cycles/{cycle.year}"
    next_year = {name: day.replace(year=day.year + 1) for name, day in days_of(cycle).items()}
    future_change = days_of(cycle) | {"closes_at": days_of(cycle)["closes_at"] + timedelta(days=5)}
    past_change = days_of(cycle) | {
        "proposing_opens_at": days_of(cycle)["proposing_opens_at"] - timedelta(days=2)
    }

    requests = {
        "view_hub": lambda: client.get(base),
        "new_form": lambda: client.get(f"{base}/cycles/new"),
        "edit_form": lambda: client.get(edit_url),
        "create": lambda: client.post(
            f"{base}/cycles/new", data=form(next_year, year=cycle.year + 1)
        ),
        "edit_future": lambda: client.post(edit_url, data=form(future_change)),
        "edit_past_without_reason": lambda: client.post(edit_url, data=form(past_change)),
        "edit_past_with_reason": lambda: client.post(
            edit_url, data=form(past_change, reason="Flyttad workshop.")
        ),
    }
    for action in ACTIONS:
        before = cycles_snapshot()
        response = requests[action]()
        after = cycles_snapshot()
        where = f"{action} as {role}"
        if role == "anonymous":
            assert response.status_code == 302, where
            location = urlsplit(response.headers["Location"])
            assert location.path == "/accounts/sign-in", where
            assert parse_qs(location.query)["next"][0].startswith(base), where
            assert after == before, where
        elif role != "facilitator":
            assert response.status_code == 403, where
            assert "Only the facilitators of Järva can do this." in page_text(response), where
            assert after == before, where
        elif action in ("view_hub", "new_form", "edit_form"):
            assert response.status_code == 200, where
            assert after == before, where
        elif action == "edit_past_without_reason":
            assert response.status_code == 200, where
            assert "You are changing a date that has already passed" in page_text(response), where
            assert after == before, where
        else:
            assert response.status_code == 303, where
            assert after["audit"] == before["audit"] + 1, where
            expected_cycles = len(before["cycles"]) + (1 if action == "create" else 0)
            assert len(after["cycles"]) == expected_cycles, where
            assert after["cycles"] != before["cycles"], where
