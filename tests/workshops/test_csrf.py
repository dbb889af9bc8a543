"""With CSRF protection on, the workshop forms carry their token and refuse posts without it."""

import re

import pytest

from tests.workshops.helpers import build_scene, snapshot, tallies_of

TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


@pytest.mark.csrf
def test_tally_and_code_forms_need_their_token(client_for, app):
    arena, cycle, (proposal,), workshop, facilitator = build_scene("voting", "facilitator")
    client = client_for(facilitator, accept_language="en")
    before = snapshot()
    assert (
        client.post(
            f"/workshops/jarva/{workshop.id}/tallies", data={f"votes_{proposal.id}": "2"}
        ).status_code
        == 400
    )
    assert (
        client.post(
            "/workshops/jarva/codes", data={"workshop": "", "count": "2", "days": "3"}
        ).status_code
        == 400
    )
    assert (
        client_for(None)
        .post("/workshops/redeem", data={"code": "ABCDE-FGHJK", "display_name": "X"})
        .status_code
        == 400
    )
    assert snapshot() == before

    page = client.get(f"/workshops/jarva/{workshop.id}").get_data(as_text=True)
    token = TOKEN.search(page).group(1)
    saved = client.post(
        f"/workshops/jarva/{workshop.id}/tallies",
        data={"csrf_token": token, f"votes_{proposal.id}": "2"},
    )
    assert saved.status_code == 303 and tallies_of(workshop) == {proposal.id: 2}
    made = client.post(
        "/workshops/jarva/codes",
        data={"csrf_token": token, "workshop": "", "count": "200", "days": "3"},
    )
    assert made.status_code == 303
    assert client.get(made.headers["Location"]).status_code == 200
