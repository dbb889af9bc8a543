"""Declared connections decide where a person may take part: add, change, remove."""

import pytest
from sqlalchemy import select

from arena.accounts.models import ArenaConnection
from arena.extensions import db
from tests.helpers import flashes, page_text


def connections_of(user) -> dict[str, str]:
    rows = db.session.execute(
        select(ArenaConnection.arena_id, ArenaConnection.kind).where(
            ArenaConnection.user_id == user.id
        )
    )
    return dict(rows.all())


@pytest.fixture
def person(make):
    return make.user(display_name="Erik")


def test_add_change_and_remove_a_connection(client_for, make, person):
    jarva = make.arena("Järva")
    client = client_for(person, accept_language="en")

    added = client.post("/accounts/connections", data={"arena": jarva.slug, "kind": "works"})
    assert added.status_code == 303
    assert added.headers["Location"] == f"/arenas/{jarva.slug}"
    assert connections_of(person) == {jarva.id: "works"}
    page = client.get("/accounts/connections")
    assert "I work here" in page_text(page)
    assert flashes(page) == ["You now take part in Järva."]

    # Declaring again changes the kind rather than adding a second row.
    client.post(
        "/accounts/connections",
        data={"arena": jarva.slug, "kind": "studies"},
        follow_redirects=True,
    )
    assert connections_of(person) == {jarva.id: "studies"}

    asked = client.post(f"/accounts/connections/{jarva.slug}/remove")
    assert asked.status_code == 200 and connections_of(person) == {jarva.id: "studies"}
    assert "The supports you have already given still count" in page_text(asked)
    assert 'name="confirmed" value="yes"' in asked.get_data(as_text=True)
    removed = client.post(f"/accounts/connections/{jarva.slug}/remove", data={"confirmed": "yes"})
    assert removed.status_code == 303
    assert connections_of(person) == {}
    page = client.get("/accounts/connections")
    assert flashes(page) == ["You no longer take part in Järva."]
    assert "You are not connected to any arena yet." in page_text(page)


def test_connections_are_per_arena(client_for, make, person):
    jarva, skarholmen = make.arena("Järva"), make.arena("Skärholmen")
    client = client_for(person)
    client.post("/accounts/connections", data={"arena": jarva.slug, "kind": "lives"})
    client.post("/accounts/connections", data={"arena": skarholmen.slug, "kind": "works"})
    client.post(f"/accounts/connections/{jarva.slug}/remove", data={"confirmed": "yes"})
    assert connections_of(person) == {skarholmen.id: "works"}


def test_a_connection_lets_me_support_there(client_for, make, person):
    cycle = make.cycle(make.arena("Järva"), phase="voting")
    proposal = make.proposal(cycle)
    client = client_for(person)
    assert client.post(f"/proposals/{proposal.id}/support").status_code == 403
    client.post("/accounts/connections", data={"arena": cycle.arena.slug, "kind": "lives"})
    assert client.post(f"/proposals/{proposal.id}/support").status_code == 303


def test_next_brings_me_back_to_what_i_was_doing(client_for, make, person):
    cycle = make.cycle(make.arena("Järva"), phase="proposing")
    client = client_for(person)
    # Proposing without a connection asks for one, then returns to the form.
    asked = client.get(f"/arenas/{cycle.arena.slug}/proposals/new")
    assert asked.status_code == 302
    form_page = client.get(asked.headers["Location"])
    assert form_page.status_code == 200
    action = f"/accounts/connections?next=/arenas/{cycle.arena.slug}/proposals/new"
    assert f'action="{action}"' in form_page.get_data(as_text=True)
    done = client.post(action, data={"arena": cycle.arena.slug, "kind": "lives"})
    assert done.headers["Location"] == f"/arenas/{cycle.arena.slug}/proposals/new"
    assert client.get(done.headers["Location"]).status_code == 200

    evil = client.post(
        "/accounts/connections?next=https://evil.example",
        data={"arena": cycle.arena.slug, "kind": "works"},
    )
    assert evil.headers["Location"] == f"/arenas/{cycle.arena.slug}"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"arena": "no-such-arena", "kind": "lives"}, "Not a valid choice"),
        ({"kind": "lives"}, "Choose an arena."),
        ({"arena": "SLUG", "kind": "owns-a-yacht"}, "Not a valid choice"),
        ({"arena": "SLUG"}, "Choose how you are connected."),
        ({"arena": "SLUG\x00", "kind": "lives\x00"}, None),  # cleaned, then accepted
    ],
)
def test_invalid_connections_save_nothing(client_for, make, person, data, message):
    arena = make.arena("Järva")
    data = {key: value.replace("SLUG", arena.slug) for key, value in data.items()}
    response = client_for(person, accept_language="en").post("/accounts/connections", data=data)
    if message is None:
        assert response.status_code == 303
        assert connections_of(person) == {arena.id: "lives"}
    else:
        assert response.status_code == 200
        assert message in page_text(response)
        assert connections_of(person) == {}


def test_removing_an_unknown_arena_is_a_404(client_for, person):
    client = client_for(person)
    assert client.post("/accounts/connections/no-such-arena/remove").status_code == 404
    assert client.post("/accounts/connections/a%00b/remove").status_code == 404


def test_connections_need_sign_in(client_for, make):
    arena = make.arena()
    client = client_for(None)
    assert client.get("/accounts/connections").status_code == 302
    response = client.post("/accounts/connections", data={"arena": arena.slug, "kind": "lives"})
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/accounts/sign-in")
    assert db.session.scalar(select(ArenaConnection.id)) is None


def test_stopping_asks_first_and_a_wrong_answer_changes_nothing(client_for, make, person):
    jarva = make.arena("Järva")
    client = client_for(person, accept_language="sv")
    client.post("/accounts/connections", data={"arena": jarva.slug, "kind": "lives"})
    for answer in ({}, {"confirmed": "no"}, {"confirmed": "YES "}):
        asked = client.post(f"/accounts/connections/{jarva.slug}/remove", data=answer)
        assert asked.status_code == 200
        assert connections_of(person) == {jarva.id: "lives"}
    # The question's form posts back to the same address with confirmed=yes.
    html = asked.get_data(as_text=True)
    assert f'action="/accounts/connections/{jarva.slug}/remove"' in html
    done = client.post(f"/accounts/connections/{jarva.slug}/remove", data={"confirmed": "yes"})
    assert done.status_code == 303 and connections_of(person) == {}


def test_stopping_where_i_do_not_take_part_asks_nothing(client_for, make, person):
    jarva = make.arena("Järva")
    response = client_for(person).post(f"/accounts/connections/{jarva.slug}/remove")
    assert response.status_code == 303
