"""A comment's HTML is rendered once and kept (arena/core/fragments.py), and never
shown out of date or to the wrong reader: an edit, a hide, a renamed author, the end
of the edit window, another language and another reader's links each show at the
next view, also when the change was written by another instance."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from arena.accounts.models import User
from arena.core import fragments
from arena.core.time import utcnow
from arena.extensions import db
from arena.proposals.models import Comment
from tests.helpers import page_text
from tests.moderation.tools import add_comment


@pytest.fixture
def thread(make):
    arena = make.arena("Järva")
    proposal = make.proposal(make.cycle(arena, phase="voting"), title="Lånecyklar i Tensta")
    author = make.user(connected_to=arena, display_name="Amina")
    first = add_comment(proposal, author, "Bra idé, jag hjälper till.", minutes_ago=5)
    add_comment(proposal, author, "Vi kan börja i maj.", parent=first, minutes_ago=4)
    return arena, proposal, author, first


def _view(client, proposal) -> str:
    response = client.get(f"/proposals/{proposal.id}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _written_elsewhere(statement) -> None:
    """A change as another instance makes it: straight to the database, nothing in
    this process told."""
    db.session.execute(statement)
    db.session.commit()
    db.session.expire_all()


def test_a_page_of_comments_is_rendered_once_then_taken_from_memory(client_for, thread):
    _arena, proposal, _author, _first = thread
    client = client_for(None, accept_language="sv")
    before = len(fragments._kept)
    first_view = _view(client, proposal)
    kept_after_first = len(fragments._kept)
    assert kept_after_first - before == 2  # the comment and its reply
    assert _view(client, proposal) == first_view
    assert len(fragments._kept) == kept_after_first  # nothing rendered again


def test_what_changes_on_a_comment_shows_at_the_next_view(client_for, thread):
    _arena, proposal, author, first = thread
    client = client_for(None, accept_language="en")
    assert "Bra idé, jag hjälper till." in page_text(client.get(f"/proposals/{proposal.id}"))

    edited = update(Comment).where(Comment.id == first.id)
    _written_elsewhere(edited.values(body="Rättad text.", edited_at=utcnow()))
    text = page_text(client.get(f"/proposals/{proposal.id}"))
    assert "Rättad text." in text and "Bra idé" not in text and "edited" in text

    _written_elsewhere(update(User).where(User.id == author.id).values(display_name="Amina K."))
    assert "Amina K." in page_text(client.get(f"/proposals/{proposal.id}"))

    _written_elsewhere(edited.values(hidden_at=utcnow(), hidden_reason="Reklam."))
    html = _view(client, proposal)
    assert "Hidden by the facilitators: Reklam." in page_text(
        client.get(f"/proposals/{proposal.id}")
    )
    assert "Rättad text." not in html
    assert f"/moderation/comments/{first.id}/report" not in html  # hidden: nothing to report

    # The same comment in another language of the page: its own labels.
    swedish = page_text(client_for(None, accept_language="sv").get(f"/proposals/{proposal.id}"))
    assert "Dolt av processledarna: Reklam." in swedish


def test_each_reader_gets_their_own_links_on_the_same_comments(
    client_for, make, thread, app, monkeypatch
):
    arena, proposal, author, first = thread
    monkeypatch.setitem(app.config, "COMMENT_EDIT_MINUTES", 15)  # the app is shared
    visitor = _view(client_for(None), proposal)
    resident = _view(client_for(make.user(connected_to=arena)), proposal)
    facilitator = _view(client_for(make.facilitator(arena)), proposal)
    by_author = _view(client_for(author), proposal)

    reply, edit = f"/comments/{first.id}/reply", f"/comments/{first.id}/edit"
    moderate = f"/moderation/comments/{first.id}"
    assert reply not in visitor and moderate + '"' not in visitor
    assert reply in resident and edit not in resident and moderate + '"' not in resident
    assert moderate + '"' in facilitator
    assert edit in by_author

    # The edit window closes with time alone: the author's link goes at the next view.
    monkeypatch.setitem(app.config, "COMMENT_EDIT_MINUTES", 1)
    assert edit not in _view(client_for(author), proposal)
    monkeypatch.setitem(app.config, "COMMENT_EDIT_MINUTES", 15)
    _written_elsewhere(
        update(Comment)
        .where(Comment.id == first.id)
        .values(created_at=utcnow() - timedelta(minutes=16))
    )
    assert edit not in _view(client_for(author), proposal)
