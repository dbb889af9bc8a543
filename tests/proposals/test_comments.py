"""Comments on a proposal: a thread oldest first, replies one level deep, each tagged with
its language; a short edit window; hidden comments keep their place with the reason."""

import re

import pytest
from sqlalchemy import select

from arena.extensions import db
from arena.proposals.models import Comment
from tests.helpers import flashes, page_text
from tests.moderation.tools import add_comment, hide, state


@pytest.fixture
def voting(make):
    arena = make.arena("Järva")
    cycle = make.cycle(arena, phase="voting")
    proposal = make.proposal(cycle, title="Lånecyklar vid Tensta centrum")
    return arena, proposal


def post(client, path, **data):
    return client.post(path, data={"language": "sv", **data})


def test_thread_is_oldest_first_with_replies_one_level_deep(client_for, make, voting):
    arena, proposal = voting
    amina, mikko = (
        make.user(connected_to=arena, display_name="Amina"),
        make.user(connected_to=arena),
    )
    as_amina, as_mikko = (
        client_for(amina, accept_language="en"),
        client_for(mikko, accept_language="en"),
    )

    first = post(
        as_amina, f"/proposals/{proposal.id}/comments", body="Jag kan hjälpa till.\n\nPå helgerna."
    )
    assert first.status_code == 303
    top = db.session.scalar(select(Comment).where(Comment.author_id == amina.id))
    assert first.headers["Location"].endswith(f"/proposals/{proposal.id}#comment-{top.id}")
    second = as_mikko.post(
        f"/proposals/{proposal.id}/comments", data={"body": "Hyvä idea!", "language": "fi"}
    )
    assert second.status_code == 303
    reply = post(as_mikko, f"/comments/{top.id}/reply", body="Tack, vi hörs.")
    assert reply.status_code == 303
    first_reply = db.session.scalar(select(Comment).where(Comment.parent_id == top.id))
    # Replying to a reply answers the comment it belongs to: never a second level.
    again = post(as_amina, f"/comments/{first_reply.id}/reply", body="Toppen!")
    assert again.status_code == 303
    assert [c.parent_id for c in db.session.scalars(select(Comment).order_by(Comment.id))] == [
        None,
        None,
        top.id,
        top.id,
    ]

    html = as_amina.get(f"/proposals/{proposal.id}").get_data(as_text=True)
    order = [
        html.index(text)
        for text in ("Jag kan hjälpa till.", "Tack, vi hörs.", "Toppen!", "Hyvä idea!")
    ]
    assert order == sorted(order)
    assert re.search(
        r'class="comment-replies"[^>]*>.*Tack, vi hörs\..*Toppen!.*</ol>.*Hyvä idea!', html, re.S
    )
    assert '<div class="comment-body" lang="fi" dir="ltr"><p>Hyvä idea!</p></div>' in html
    assert "<p>Jag kan hjälpa till.</p><p>På helgerna.</p>" in html
    assert "Suomi" in page_text(as_amina.get(f"/proposals/{proposal.id}"))


def test_the_proposal_page_offers_what_each_visitor_can_do(client_for, make, voting):
    arena, proposal = voting
    path = f"/proposals/{proposal.id}"
    assert "Sign in to comment" in page_text(client_for(None, accept_language="en").get(path))
    stranger = client_for(make.user(), accept_language="en")
    assert "Tell us how you are connected to Järva to comment there" in page_text(
        stranger.get(path)
    )
    resident = client_for(make.user(connected_to=arena), accept_language="en")
    html = resident.get(path).get_data(as_text=True)
    assert f'action="/proposals/{proposal.id}/comments"' in html and 'name="body"' in html

    closed = make.proposal(make.cycle(arena, phase="testing"))
    text = page_text(resident.get(f"/proposals/{closed.id}"))
    # The page gives the same reason a POST is refused with.
    assert "Comments in Järva are open while proposing, voting and selection are going on." in text
    assert 'name="body"' not in resident.get(f"/proposals/{closed.id}").get_data(as_text=True)


BAD_INPUT = [
    ({"body": "   ", "language": "sv"}, "Write your comment."),
    ({"body": "x" * 2001, "language": "sv"}, "2000"),
    ({"body": "Hej", "language": "xx"}, "Not a valid choice"),
    ({"language": "sv"}, "Write your comment."),
]


def test_bad_input_is_explained_and_saves_nothing(client_for, make, voting):
    arena, proposal = voting
    client = client_for(make.user(connected_to=arena), accept_language="en")
    before = state()
    for data, error in BAD_INPUT:
        response = client.post(f"/proposals/{proposal.id}/comments", data=data)
        assert response.status_code == 200
        assert "Please correct the following" in page_text(response)
        assert error in page_text(response)
    assert state() == before


def test_control_characters_are_dropped_and_odd_ids_are_not_found(client_for, make, voting):
    arena, proposal = voting
    client = client_for(make.user(connected_to=arena), accept_language="en")
    assert (
        post(client, f"/proposals/{proposal.id}/comments", body="Hej\x00 då\x07").status_code == 303
    )
    assert db.session.scalar(select(Comment.body)) == "Hej då"
    for path in (
        f"/comments/{2**40}/reply",
        f"/comments/{2**40}/edit",
        f"/proposals/{2**40}/comments",
        "/comments/99999/edit",
    ):
        assert client.get(path).status_code == 404
        assert client.post(path, data={"body": "x", "language": "sv"}).status_code == 404


def test_authors_edit_within_the_window_only(app, client_for, make, voting, monkeypatch):
    arena, proposal = voting
    author = make.user(connected_to=arena)
    client = client_for(author, accept_language="en")
    fresh = add_comment(proposal, author, "Fel stavat.", minutes_ago=2)
    old = add_comment(proposal, author, "Gammalt.", minutes_ago=20)

    html = client.get(f"/proposals/{proposal.id}").get_data(as_text=True)
    assert f"/comments/{fresh.id}/edit" in html and f"/comments/{old.id}/edit" not in html
    assert client.get(f"/comments/{fresh.id}/edit").status_code == 200
    response = client.post(
        f"/comments/{fresh.id}/edit", data={"body": "Rätt stavat.", "language": "sv"}
    )
    assert response.status_code == 303
    db.session.expire_all()
    assert fresh.body == "Rätt stavat." and fresh.edited_at is not None
    assert "edited" in page_text(client.get(f"/proposals/{proposal.id}"))

    before = state()
    refused = client.post(f"/comments/{old.id}/edit", data={"body": "Nytt.", "language": "sv"})
    assert refused.status_code == 403
    assert "Comments can only be edited in the first 15 minutes." in page_text(refused)
    assert state() == before

    # The window is a setting (put back after the test: the app is shared).
    monkeypatch.setitem(app.config, "COMMENT_EDIT_MINUTES", 1)
    refused = client.get(f"/comments/{fresh.id}/edit")
    assert refused.status_code == 403
    assert "first 1 minutes" in page_text(refused)


def test_a_hidden_comment_keeps_its_place_and_reason(client_for, make, voting):
    arena, proposal = voting
    author, other = (
        make.user(connected_to=arena, display_name="Karin"),
        make.user(connected_to=arena),
    )
    first = add_comment(proposal, author, "Ring grannen på 070-123 45 67.", minutes_ago=5)
    reply = add_comment(proposal, other, "Svar som står kvar.", parent=first, minutes_ago=4)
    hide(first, "Innehöll personuppgifter.")
    client = client_for(other, accept_language="en")

    html = client.get(f"/proposals/{proposal.id}").get_data(as_text=True)
    text = page_text(client.get(f"/proposals/{proposal.id}"))
    assert "Hidden by the facilitators: Innehöll personuppgifter." in text
    assert "070-123 45 67" not in html and "Karin" not in text
    assert "Svar som står kvar." in text
    assert (
        f"/comments/{first.id}/reply" not in html
        and f"/moderation/comments/{first.id}/report" not in html
    )
    assert html.index(f'id="comment-{first.id}"') < html.index(f'id="comment-{reply.id}"')

    before = state()
    for path in (f"/comments/{first.id}/reply", f"/comments/{reply.id}/reply"):
        response = post(client, path, body="Jag svarar ändå.")
        assert response.status_code == 303
        assert flashes(client.get(response.headers["Location"])) == [
            "Hidden comments cannot be replied to."
        ]
    # Nor can its author edit it any more.
    as_author = client_for(author, accept_language="en")
    response = as_author.post(
        f"/comments/{first.id}/edit", data={"body": "Ny text.", "language": "sv"}
    )
    assert response.status_code == 303
    assert flashes(as_author.get(response.headers["Location"])) == [
        "A hidden comment cannot be edited."
    ]
    assert state() == before


@pytest.mark.parametrize("how", ["hidden", "merged", "withdrawn"])
def test_proposals_no_longer_shown_take_no_comments(client_for, make, voting, how):
    arena, proposal = voting
    if how == "hidden":
        hide(proposal, "Reklam.")
    else:
        proposal.status = how
        if how == "merged":
            proposal.merged_into = make.proposal(proposal.cycle)
        db.session.commit()
    client = client_for(make.user(connected_to=arena), accept_language="en")
    before = state()
    response = post(client, f"/proposals/{proposal.id}/comments", body="Hej")
    assert response.status_code == 303
    assert flashes(client.get(response.headers["Location"])) == [
        "This proposal is not open for comments."
    ]
    assert state() == before
    text = page_text(client.get(f"/proposals/{proposal.id}"))
    if how == "hidden":
        assert "Hidden proposal" in text and "Hidden by the facilitators: Reklam." in text
        assert proposal.title not in text and "Comments" not in text
    elif how == "merged":
        assert "The discussion continues on the proposal this one was merged into." in text


def test_a_long_discussion_comes_in_pages_and_links_find_the_right_page(client_for, make, voting):
    """A busy proposal's page stays the same size: 10 comments a page (as CONSUL's), each
    with its replies; a new reply, a report's link and the pages' links all land on the page
    that shows the comment."""
    arena, proposal = voting
    author = make.user(connected_to=arena, display_name="Amina")
    # 25 top-level comments, oldest first: "Kommentar 1" … "Kommentar 25".
    top = [
        add_comment(proposal, author, f"Kommentar {n}", minutes_ago=100 - n) for n in range(1, 26)
    ]
    add_comment(proposal, author, "Svar på elfte", parent=top[10], minutes_ago=10)
    client = client_for(make.user(connected_to=arena), accept_language="en")

    def shown(n, text):
        return re.search(rf"\bKommentar {n}\b", text) is not None

    first = page_text(client.get(f"/proposals/{proposal.id}"))
    assert shown(1, first) and shown(10, first)
    assert not shown(11, first) and "Svar på elfte" not in first
    assert "Comments 1–10 of 25, oldest first" in first
    second = client.get(f"/proposals/{proposal.id}?page=2")
    second_text = page_text(second)
    assert shown(11, second_text) and "Svar på elfte" in second_text
    assert not shown(10, second_text) and not shown(21, second_text)
    html = second.get_data(as_text=True)
    assert f'href="/proposals/{proposal.id}?page=3#comments"' in html
    assert f'href="/proposals/{proposal.id}?page=1#comments"' in html
    last = page_text(client.get(f"/proposals/{proposal.id}?page=3"))
    assert shown(25, last) and "Comments 21–25 of 25" in last
    # Past the end, and nonsense: an empty page with a way back, never an error.
    for page in ("9", "-3", "x", "99999999999999999999"):
        answer = client.get(f"/proposals/{proposal.id}?page={page}")
        assert answer.status_code == 200
    assert "This page of the discussion is empty" in page_text(
        client.get(f"/proposals/{proposal.id}?page=9")
    )

    # A reply to a comment on page 2 goes back to page 2, at the reply.
    answer = post(client, f"/comments/{top[15].id}/reply", body="Ett svar till.")
    assert answer.status_code == 303
    reply = db.session.scalar(select(Comment).where(Comment.body == "Ett svar till."))
    assert answer.headers["Location"].endswith(
        f"/proposals/{proposal.id}?page=2#comment-{reply.id}"
    )
    # A new comment is the newest: on the last page.
    answer = post(client, f"/proposals/{proposal.id}/comments", body="Den senaste.")
    newest = db.session.scalar(select(Comment).where(Comment.body == "Den senaste."))
    assert answer.headers["Location"].endswith(
        f"/proposals/{proposal.id}?page=3#comment-{newest.id}"
    )
    # The first page's comments keep their plain link.
    answer = post(client, f"/comments/{top[0].id}/reply", body="Svar på första.")
    first_reply = db.session.scalar(select(Comment).where(Comment.body == "Svar på första."))
    assert answer.headers["Location"].endswith(f"/proposals/{proposal.id}#comment-{first_reply.id}")
