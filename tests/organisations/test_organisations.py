"""The local actors directory: listing, creating, editing, members and verification."""

import pytest
from sqlalchemy import select

from arena.audit.models import AuditEntry
from arena.organisations.models import Organisation, OrganisationInvitation, OrganisationMember
from tests.helpers import count, flashes, page_text


def state():
    """Everything an organisation action could change, read from the database."""
    from arena.extensions import db

    organisations = db.session.execute(
        select(
            Organisation.id, Organisation.name, Organisation.website, Organisation.is_verified
        ).order_by(Organisation.id)
    ).all()
    members = db.session.execute(
        select(
            OrganisationMember.organisation_id,
            OrganisationMember.user_id,
            OrganisationMember.is_admin,
        ).order_by(OrganisationMember.id)
    ).all()
    invitations = db.session.execute(
        select(
            OrganisationInvitation.organisation_id,
            OrganisationInvitation.email,
            OrganisationInvitation.is_admin,
            OrganisationInvitation.expires_at,
        ).order_by(OrganisationInvitation.id)
    ).all()
    return {
        "organisations": [tuple(r) for r in organisations],
        "members": [tuple(r) for r in members],
        "invitations": [tuple(r) for r in invitations],
        "audit": count(AuditEntry),
    }


@pytest.fixture
def world(make):
    with make.batch():
        here = make.arena("Järva", slug="jarva")
        there = make.arena("Skärholmen", slug="skarholmen")
        make.cycle(here, phase="testing")
        owner = make.user(connected_to=here, email="owner@example.org", display_name="Ägare")
        helper = make.user(connected_to=here, email="helper@example.org", display_name="Hjälpare")
        organisation = make.organisation(
            name="Hyresgästföreningen Tensta", arenas=[here], members=[owner, helper]
        )
        organisation.members[0].is_admin = True
        people = {
            "anonymous": None,
            "resident": make.user(connected_to=here),
            "org_admin": owner,
            "facilitator_here": make.facilitator(here),
            "facilitator_elsewhere": make.facilitator(there),
            "staff": make.user(is_staff=True),
            "admin": make.user(is_admin=True),
        }
        make.user(email="newcomer@example.org", display_name="Nykomling")
    return {
        "here": here,
        "there": there,
        "organisation": organisation,
        "people": people,
        "helper": helper,
    }


def test_directory_lists_filters_and_pages(world, make, client_for, app, monkeypatch):
    with make.batch():
        make.organisation(name="Rinkebyskolan", kind="school", arenas=[world["here"]])
        make.organisation(name="Vårbergs Livs", kind="business", arenas=[world["there"]])
    client = client_for(None)
    text = page_text(client.get("/organisations/?arena=jarva"))
    assert "Hyresgästföreningen Tensta" in text and "Rinkebyskolan" in text
    assert "Vårbergs Livs" not in text
    text = page_text(client.get("/organisations/?arena=jarva&kind=school"))
    assert "Rinkebyskolan" in text and "Hyresgästföreningen" not in text
    # Unknown filters and absurd pages are not errors.
    assert client.get("/organisations/?arena=%00&kind=x&page=99999999999").status_code == 200
    monkeypatch.setitem(app.config, "ORGANISATIONS_PER_PAGE", 1)
    first = page_text(client.get("/organisations/?arena=jarva"))
    second = page_text(client.get("/organisations/?arena=jarva&page=2"))
    assert ("Hyresgästföreningen" in first) != ("Hyresgästföreningen" in second)
    # The arena page links to its directory.
    assert 'href="/organisations/?arena=jarva"' in client.get("/arenas/jarva").get_data(
        as_text=True
    )


def test_organisation_page_shows_members_and_only_safe_links(world, client_for, make):
    organisation = world["organisation"]
    organisation.website = "javascript:alert(1)"
    from arena.extensions import db

    db.session.commit()
    response = client_for(None).get(f"/organisations/{organisation.id}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Ägare" in page_text(response) and "javascript:" not in html
    assert "owner@example.org" not in html  # members appear by public name only
    assert client_for(None).get("/organisations/99999999999").status_code == 404


def test_create_makes_the_creator_admin(world, client_for):
    resident = world["people"]["resident"]
    response = client_for(resident).post(
        "/organisations/new",
        data={
            "name": "Husby Livs",
            "kind": "business",
            "description": "Butik på torget.",
            "activities": "Plastfri marknadsdag.",
            "website": "https://husbylivs.example.se",
            "arenas": ["jarva"],
        },
    )
    assert response.status_code == 303
    from arena.extensions import db

    organisation = db.session.scalar(select(Organisation).where(Organisation.name == "Husby Livs"))
    assert [a.slug for a in organisation.arenas] == ["jarva"]
    assert [(m.user_id, m.is_admin) for m in organisation.members] == [(resident.id, True)]


@pytest.mark.parametrize(
    ("data", "invalid_field"),
    [
        ({"website": "javascript:alert(1)"}, "website"),
        ({"website": "ftp://example.se"}, "website"),
        ({"arenas": []}, "arenas"),
        ({"arenas": ["nowhere"]}, "arenas"),
        ({"name": ""}, "name"),
        ({"kind": "church"}, "kind"),
        ({"name": "x" * 161}, "name"),
    ],
)
def test_create_refuses_bad_input_and_saves_nothing(world, client_for, data, invalid_field):
    before = state()
    form = {"name": "Ny förening\x00", "kind": "association", "arenas": ["jarva"], **data}
    response = client_for(world["people"]["resident"]).post("/organisations/new", data=form)
    assert response.status_code == 200
    assert f'href="#{invalid_field}"' in response.get_data(as_text=True)  # in the error summary
    assert state() == before


def _add_member(organisation, **form):
    return f"/organisations/{organisation.id}/members", {"email": "newcomer@example.org", **form}


ACTIONS = {
    "create": lambda w: (
        "/organisations/new",
        {"name": "Ny", "kind": "school", "arenas": ["jarva"]},
    ),
    "edit": lambda w: (
        f"/organisations/{w['organisation'].id}/edit",
        {"name": "Nytt namn", "kind": "association", "arenas": ["jarva"]},
    ),
    "add_member": lambda w: _add_member(w["organisation"]),
    "remove_member": lambda w: (
        f"/organisations/{w['organisation'].id}/members/{w['organisation'].members[1].id}/remove",
        {},
    ),
    "verify": lambda w: (f"/organisations/{w['organisation'].id}/verify", {"verified": "1"}),
}

ALLOWED = {
    "create": {
        "resident",
        "org_admin",
        "facilitator_here",
        "facilitator_elsewhere",
        "staff",
        "admin",
    },
    "edit": {"org_admin"},
    "add_member": {"org_admin"},
    "remove_member": {"org_admin"},
    "verify": {"facilitator_here"},
}

ROLES = [
    "anonymous",
    "resident",
    "org_admin",
    "facilitator_here",
    "facilitator_elsewhere",
    "staff",
    "admin",
]


@pytest.mark.parametrize("action", list(ACTIONS))
def test_permissions(world, client_for, action):
    for role in ROLES:
        before = state()
        url, data = ACTIONS[action](world)
        response = client_for(world["people"][role]).post(url, data=data)
        if role in ALLOWED[action]:
            assert response.status_code == 303, (action, role)
            assert state() != before, (action, role)
            return  # the first allowed role changed the data; the refusals above it are proven
        expected = 302 if role == "anonymous" else 403
        assert response.status_code == expected, (action, role, response.status_code)
        assert state() == before, (action, role)


def test_refused_roles_listed_after_the_allowed_one_are_refused_too(world, client_for):
    # The table above stops at the first allowed role; check the roles after it.
    for action in ("edit", "add_member", "remove_member"):
        for role in ("facilitator_here", "facilitator_elsewhere", "staff", "admin"):
            before = state()
            url, data = ACTIONS[action](world)
            assert client_for(world["people"][role]).post(url, data=data).status_code == 403
            assert state() == before
    for role in ("facilitator_elsewhere", "staff", "admin"):
        before = state()
        url, data = ACTIONS["verify"](world)
        assert client_for(world["people"][role]).post(url, data=data).status_code == 403
        assert state() == before


def test_verify_writes_the_audit_log_and_can_be_undone(world, client_for):
    organisation = world["organisation"]
    client = client_for(world["people"]["facilitator_here"])
    client.post(f"/organisations/{organisation.id}/verify", data={"verified": "1"})
    client.post(f"/organisations/{organisation.id}/verify", data={"verified": "0"})
    from arena.extensions import db

    actions = list(db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))
    assert actions == ["organisation.verify", "organisation.unverify"]
    entry = db.session.scalar(select(AuditEntry).limit(1))
    assert entry.arena_id == world["here"].id and entry.target_id == organisation.id


def test_the_last_admin_cannot_be_removed(world, client_for):
    organisation = world["organisation"]
    admin_member = organisation.members[0]
    before = state()
    response = client_for(world["people"]["org_admin"], accept_language="en").post(
        f"/organisations/{organisation.id}/members/{admin_member.id}/remove", follow_redirects=True
    )
    assert any("at least one admin" in f for f in flashes(response))
    assert state() == before
    # A member of another organisation is not found through this one.
    assert (
        client_for(world["people"]["org_admin"])
        .post(f"/organisations/{organisation.id}/members/99999999999/remove")
        .status_code
        == 404
    )
