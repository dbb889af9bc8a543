"""Pledges: people join as themselves (shown as a count), organisations by name."""

from arena.commitments.models import CommitmentStatus, Pledge
from tests.commitments.followup_helpers import make_commitment
from tests.helpers import count, flashes, page_text


def test_join_twice_and_leave(make, client_for):
    arena = make.arena()
    resident = make.user(connected_to=arena, display_name="Hemlig Person")
    commitment = make_commitment(make, arena)
    client = client_for(resident, accept_language="en")
    url = f"/commitments/{commitment.id}"
    assert client.post(f"{url}/join").status_code == 303
    response = client.post(f"{url}/join", follow_redirects=True)
    assert any("already joined" in f for f in flashes(response))
    assert count(Pledge) == 1
    text = page_text(client_for(None, accept_language="en").get(url))
    assert "1 person has joined." in text and "Hemlig Person" not in text
    assert client.post(f"{url}/leave").status_code == 303
    assert count(Pledge) == 0
    response = client.post(f"{url}/leave", follow_redirects=True)
    assert any("not joined" in f for f in flashes(response))


def test_organisation_joins_on_its_members_behalf(make, client_for):
    arena = make.arena()
    member = make.user()
    organisation = make.organisation(members=[member], name="Bostadsrättsföreningen Eken")
    other = make.organisation(name="Någon annan")
    commitment = make_commitment(make, arena)
    client = client_for(member, accept_language="en")
    url = f"/commitments/{commitment.id}"
    assert (
        client.post(f"{url}/join-organisation", data={"organisation": organisation.id}).status_code
        == 303
    )
    response = client.post(
        f"{url}/join-organisation", data={"organisation": organisation.id}, follow_redirects=True
    )
    assert any("already joined" in f for f in flashes(response))
    assert (
        client.post(f"{url}/join-organisation", data={"organisation": other.id}).status_code == 403
    )
    assert (
        client.post(f"{url}/join-organisation", data={"organisation": "99999999999"}).status_code
        == 303
    )
    assert count(Pledge) == 1
    assert "Bostadsrättsföreningen Eken" in page_text(
        client_for(None, accept_language="en").get(url)
    )
    assert (
        client.post(f"{url}/leave-organisation", data={"organisation": organisation.id}).status_code
        == 303
    )
    assert count(Pledge) == 0


def test_ended_commitment_is_closed_for_joining(make, client_for):
    arena = make.arena()
    resident = make.user(connected_to=arena)
    commitment = make_commitment(make, arena, status=CommitmentStatus.STOPPED)
    response = client_for(resident, accept_language="en").post(
        f"/commitments/{commitment.id}/join", follow_redirects=True
    )
    assert any("has ended" in f for f in flashes(response))
    assert count(Pledge) == 0
