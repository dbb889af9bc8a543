"""Admins grant and revoke roles on a page and from the command line; every change
is in the audit log, and nobody else can change roles."""

import pytest
from sqlalchemy import select

from arena.accounts.models import FacilitatorRole
from arena.audit.models import AuditEntry
from tests.helpers import count, page_text


@pytest.fixture
def world(make):
    arena = make.arena("Järva", slug="jarva")
    other = make.arena("Skärholmen", slug="skarholmen")
    return {
        "arena": arena,
        "other": other,
        "admin": make.user(is_admin=True, display_name="Ada Admin"),
        "person": make.user(email="lina@example.org", display_name="Lina"),
        "facilitator": make.facilitator(arena),
        "staff": make.user(is_staff=True),
        "resident": make.user(connected_to=arena),
    }


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 302), ("resident", 403), ("facilitator", 403), ("staff", 403), ("admin", 303)],
)
def test_only_admins_grant_roles(world, client_for, role, expected):
    actor = None if role == "anonymous" else world[role]
    response = client_for(actor).post(
        "/accounts/roles",
        data={"email": "lina@example.org", "role": "facilitator", "arena": "jarva"},
    )
    assert response.status_code == expected
    granted = count(FacilitatorRole, FacilitatorRole.user_id == world["person"].id)
    assert granted == (1 if expected == 303 else 0)
    assert count(AuditEntry) == (1 if expected == 303 else 0)


def test_grant_is_logged_with_who_and_whom(world, client_for):
    client_for(world["admin"]).post(
        "/accounts/roles",
        data={"email": "LINA@example.org", "role": "facilitator", "arena": "jarva"},
    )
    entry = db_entry()
    assert (entry.action, entry.actor_id, entry.target_id, entry.arena_id) == (
        "role.grant",
        world["admin"].id,
        world["person"].id,
        world["arena"].id,
    )
    assert entry.details["role"] == "facilitator"


def db_entry():
    from arena.extensions import db

    return db.session.scalar(select(AuditEntry).order_by(AuditEntry.id.desc()))


def test_facilitator_role_needs_an_arena_and_an_existing_account(world, client_for):
    client = client_for(world["admin"], accept_language="en")
    no_arena = client.post(
        "/accounts/roles", data={"email": "lina@example.org", "role": "facilitator"}
    )
    unknown = client.post(
        "/accounts/roles",
        data={"email": "nobody@example.org", "role": "facilitator", "arena": "jarva"},
    )
    assert no_arena.status_code == unknown.status_code == 200
    assert "Choose the arena the person will facilitate." in page_text(no_arena)
    assert "No account has this e-mail address." in page_text(unknown)
    assert count(FacilitatorRole, FacilitatorRole.user_id == world["person"].id) == 0
    assert count(AuditEntry) == 0


def test_revoke_asks_first_then_removes_the_role_and_logs_it(world, client_for):
    client = client_for(world["admin"], accept_language="en")
    data = {"user_id": world["facilitator"].id, "role": "facilitator", "arena": "jarva"}
    asked = client.post("/accounts/roles/revoke", data=data)
    assert asked.status_code == 200
    assert "can no longer moderate Järva" in page_text(asked)
    assert count(FacilitatorRole, FacilitatorRole.user_id == world["facilitator"].id) == 1
    assert count(AuditEntry) == 0
    html = asked.get_data(as_text=True)
    for name, value in data.items():
        assert f'name="{name}" value="{value}"' in html
    response = client.post("/accounts/roles/revoke", data={**data, "confirmed": "yes"})
    assert response.status_code == 303
    assert count(FacilitatorRole, FacilitatorRole.user_id == world["facilitator"].id) == 0
    assert db_entry().action == "role.revoke"


def test_an_admin_cannot_remove_their_own_admin_role(world, client_for):
    response = client_for(world["admin"]).post(
        "/accounts/roles/revoke",
        data={"user_id": world["admin"].id, "role": "admin", "confirmed": "yes"},
    )
    assert response.status_code == 409
    assert world["admin"].is_admin and count(AuditEntry) == 0


@pytest.mark.parametrize(
    "data",
    [
        {"user_id": "2147483648", "role": "admin"},
        {"user_id": "99999999999999999999", "role": "facilitator", "arena": "jarva"},
        {"user_id": "-1", "role": "staff"},
        {"user_id": "x", "role": "staff"},
        {"user_id": "", "role": "staff"},
        {"role": "staff"},
    ],
)
def test_revoking_with_an_impossible_user_id_is_not_found(world, client_for, data):
    """An id beyond the INTEGER range once crashed the page (500)."""
    response = client_for(world["admin"]).post("/accounts/roles/revoke", data=data)
    assert response.status_code == 404
    assert count(AuditEntry) == 0


def test_roles_page_lists_facilitators_for_admins_only(world, client_for):
    page = client_for(world["admin"]).get("/accounts/roles", headers={"Accept-Language": "en"})
    assert page.status_code == 200 and world["facilitator"].display_name in page_text(page)
    assert client_for(world["staff"]).get("/accounts/roles").status_code == 403


def test_cli_grants_and_revokes_with_audit_rows(app, world):
    runner = app.test_cli_runner()
    granted = runner.invoke(
        args=["users", "grant", "facilitator", "lina@example.org", "skarholmen"]
    )
    again = runner.invoke(args=["users", "grant", "facilitator", "lina@example.org", "skarholmen"])
    revoked = runner.invoke(
        args=["users", "revoke", "facilitator", "lina@example.org", "skarholmen"]
    )
    assert "now has the facilitator role in Skärholmen" in granted.output
    assert "Nothing to change" in again.output
    assert "no longer has" in revoked.output
    from arena.extensions import db

    actions = list(db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))
    assert actions == ["role.grant", "role.revoke"]
    assert all(e.actor_id is None for e in db.session.scalars(select(AuditEntry)))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["grant", "facilitator", "nobody@example.org", "jarva"],
            "No user with the e-mail address",
        ),
        (["grant", "facilitator", "lina@example.org", "nowhere"], "No arena 'nowhere'"),
        (["grant", "facilitator", "lina@example.org"], "Name the arena"),
    ],
)
def test_cli_explains_bad_input_and_changes_nothing(app, world, args, message):
    result = app.test_cli_runner().invoke(args=["users", *args])
    assert result.exit_code != 0 and message in result.output
    assert count(AuditEntry) == 0


@pytest.mark.parametrize("role", ["staff", "admin"])
def test_revoking_without_the_yes_keeps_the_role(world, client_for, role):
    holder = world["staff"]
    holder.is_admin = True
    data = {"user_id": holder.id, "role": role}
    client = client_for(world["admin"])
    for answer in ({}, {"confirmed": "no"}):
        assert client.post("/accounts/roles/revoke", data={**data, **answer}).status_code == 200
    assert holder.is_staff and holder.is_admin and count(AuditEntry) == 0
    client.post("/accounts/roles/revoke", data={**data, "confirmed": "yes"})
    assert not getattr(holder, f"is_{role}")
