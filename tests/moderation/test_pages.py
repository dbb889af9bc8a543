"""The pages with real CSRF tokens, and the proposal page's query count with a long thread."""

import re
from contextlib import contextmanager

import pytest
from flask import g
from sqlalchemy import event, select

from arena.extensions import db
from arena.proposals.models import Comment
from tests.helpers import flashes
from tests.moderation.tools import add_comment, add_report


def token(html: str, name: str = "csrf_token") -> str:
    found = re.search(rf'name="{re.escape(name)}"[^>]*value="([^"]+)"', html) or re.search(
        rf'value="([^"]+)"[^>]*name="{re.escape(name)}"', html
    )
    assert found, name
    return found.group(1)


@pytest.mark.csrf
def test_comment_report_and_hide_with_csrf_protection_on(client_for, make):
    arena = make.arena("Järva")
    proposal = make.proposal(make.cycle(arena, phase="voting"))
    resident = client_for(make.user(connected_to=arena), accept_language="en")

    page = resident.get(f"/proposals/{proposal.id}").get_data(as_text=True)
    assert (
        resident.post(
            f"/proposals/{proposal.id}/comments", data={"body": "Hej", "language": "sv"}
        ).status_code
        == 400
    )
    response = resident.post(
        f"/proposals/{proposal.id}/comments",
        data={"body": "Hej", "language": "sv", "csrf_token": token(page)},
    )
    assert response.status_code == 303
    comment = db.session.scalar(select(Comment))

    form = resident.get(f"/moderation/comments/{comment.id}/report").get_data(as_text=True)
    response = resident.post(
        f"/moderation/comments/{comment.id}/report",
        data={"reason": "spam", "csrf_token": token(form)},
    )
    assert response.status_code == 303

    # Flask-WTF caches the signed token in `g`, which pytest-flask keeps for the whole
    # test: forget it, or the second client would get the first one's token.
    g.pop("csrf_token", None)
    facilitator = client_for(make.facilitator(arena), accept_language="en")
    page = facilitator.get(f"/moderation/comments/{comment.id}").get_data(as_text=True)
    response = facilitator.post(
        f"/moderation/comments/{comment.id}/hide",
        data={"hide-reason": "Reklam.", "csrf_token": token(page)},
    )
    assert response.status_code == 303
    assert flashes(facilitator.get(response.headers["Location"])) == [
        "It is hidden. The public reason is shown in its place."
    ]


@contextmanager
def counting_queries():
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


def queries_for_thread(make, client_for, comments: int) -> int:
    arena = make.arena()
    proposal = make.proposal(make.cycle(arena, phase="voting"))
    facilitator = make.facilitator(arena, connected_to=arena)
    for n in range(comments):
        top = add_comment(proposal, make.user(), f"Kommentar {n}")
        add_comment(proposal, make.user(), f"Svar {n}", parent=top)
        add_report(top, make.user())
    client = client_for(facilitator)
    db.session.expire_all()
    with counting_queries() as statements:
        assert client.get(f"/proposals/{proposal.id}").status_code == 200
    return len(statements)


def test_the_thread_costs_the_same_queries_however_long(make, client_for):
    assert queries_for_thread(make, client_for, 2) == queries_for_thread(make, client_for, 8)
