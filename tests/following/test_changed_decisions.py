"""Notices follow decisions that are undone, changed or hidden later: what no mail has
told yet is taken back or kept from sight; what was mailed stays, marked as changed."""

from tests.following.helpers import kinds_for
from tests.following.test_mail import choose
from tests.helpers import page_text
from tests.selections.test_selection import select_data


def test_undoing_a_selection_takes_back_the_unmailed_notices(make, client_for):
    arena = make.arena("Innerstaden", slug="innerstaden")
    cycle = make.cycle(arena, phase="selection")
    author = make.user(connected_to=arena)  # a daily digest: not mailed yet
    proposal = make.proposal(cycle, author=author, title="Sommargågata")
    mailed = make.user(email="mailed@example.org")
    mailed_client = client_for(mailed, accept_language="en")
    mailed_client.post(f"/following/proposal/{proposal.id}")
    choose(mailed_client, "immediately")
    silent = make.user()
    silent_client = client_for(silent, accept_language="en")
    silent_client.post(f"/following/proposal/{proposal.id}")
    choose(silent_client, "none")  # never mailed: counts as not told by mail
    client = client_for(make.facilitator(arena))
    decide = f"/commitments/decide/{proposal.id}"
    assert client.post(f"{decide}/select", data=select_data()).status_code == 303
    assert kinds_for(author) == kinds_for(mailed) == kinds_for(silent) == ["selected"]

    assert client.post(f"{decide}/undo").status_code == 303
    assert kinds_for(author) == [] and kinds_for(silent) == []
    # The mail was sent: the notice stays as history, marked as no longer true.
    assert kinds_for(mailed) == ["selected"]
    page = page_text(mailed_client.get("/notices"))
    assert "“Sommargågata” was selected" in page
    assert "This decision was changed later." in page

    response = client.post(
        f"{decide}/not-select", data={"reject-motivation": "Gatan byggs om i år."}
    )
    assert response.status_code == 303
    assert kinds_for(author) == ["not_selected"] and kinds_for(silent) == ["not_selected"]
    assert kinds_for(mailed) == ["selected", "not_selected"]
    page = page_text(client_for(author, accept_language="en").get("/notices"))
    assert "“Sommargågata” was not selected." in page and "Why: Gatan byggs om i år." in page
    assert "was selected and" not in page and "changed later" not in page
    # Undoing the non-selection takes its notice back too.
    assert client.post(f"{decide}/undo").status_code == 303
    assert kinds_for(author) == [] and kinds_for(mailed) == ["selected", "not_selected"]
    assert page_text(mailed_client.get("/notices")).count("This decision was changed later.") == 2
