"""The proposal list runs a fixed number of SQL queries, however many proposals there are
(no query per proposal for its theme, author or the visitor's supports)."""

from contextlib import contextmanager

import pytest
from sqlalchemy import event

from arena.extensions import db

MAX_QUERIES = 12


@contextmanager
def counting_queries():
    statements: list[str] = []

    def record(_conn, _cursor, statement, _parameters, _context, _executemany):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


def queries_for_list(make, client_for, how_many: int, signed_in: bool, phase: str) -> list[str]:
    with make.batch():
        arena = make.arena()
        cycle = make.cycle(arena, phase=phase)
        themes = [make.theme("transport"), make.theme("energy"), make.theme("plastics")]
        # Many authors and themes, so that lazy loading would show as extra queries.
        proposals = [
            make.proposal(cycle, theme=themes[n % 3], support_count=n) for n in range(how_many)
        ]
        visitor = make.user(connected_to=arena) if signed_in else None
    client = client_for(visitor)
    if signed_in:
        for proposal in proposals[:3]:
            client.post(f"/proposals/{proposal.id}/support")
    path = f"/arenas/{arena.slug}/proposals"
    db.session.expire_all()  # nothing the page needs is already in the session
    with counting_queries() as statements:
        response = client.get(path)
    assert response.status_code == 200
    return statements


@pytest.mark.parametrize(
    ("signed_in", "phase"),
    [
        (False, "selection"),  # counts shown, ranked by supports
        (True, "voting"),  # the visitor's own supports marked on each card
    ],
)
def test_the_list_page_uses_a_bounded_number_of_queries(make, client_for, signed_in, phase):
    ten = queries_for_list(make, client_for, 10, signed_in, phase)
    thirty = queries_for_list(make, client_for, 30, signed_in, phase)
    assert len(ten) == len(thirty), "\n".join(thirty)
    assert len(thirty) <= MAX_QUERIES, "\n".join(thirty)


@pytest.mark.parametrize("merged", [0, 2], ids=["no duplicates", "two merged into it"])
def test_the_proposal_page_reads_the_proposal_with_its_counts_then_the_thread(
    make, client_for, merged
):
    """Three statements, however long the thread: the proposal (with its author, the ids
    of its benefits, and how many comments and merged duplicates it has; its cycle,
    arena, theme and benefits as the instance keeps them), a page of comments, their
    replies; a fourth lists the duplicates when there are any."""
    from tests.moderation.tools import add_comment

    cycle = make.cycle(phase="voting")
    benefits = [make.co_benefit("cleaner_air"), make.co_benefit("fewer_car_trips")]
    proposal = make.proposal(cycle, co_benefits=benefits)
    author = make.user(connected_to=cycle.arena)
    for n in range(25):
        top = add_comment(proposal, author, f"Kommentar {n}", minutes_ago=100 - n)
        add_comment(proposal, author, f"Svar {n}", parent=top, minutes_ago=50 - n)
    duplicates = [
        make.proposal(cycle, status="merged", merged_into_id=proposal.id).title
        for _ in range(merged)
    ]
    db.session.commit()
    client, path = client_for(None), f"/proposals/{proposal.id}"
    client.get(path)  # the arenas are kept from the first view on
    db.session.expire_all()
    with counting_queries() as statements:
        page = client.get(path)
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Kommentar 9" in text and "Svar 9" in text and "Kommentar 10" not in text
    assert "Comments 1–10 of 25" in text or "Kommentarer 1–10 av 25" in text
    assert all(title in text for title in duplicates)
    assert "Renare luft" in text and "Färre bilresor" in text
    assert len(statements) == 3 + (1 if merged else 0), "\n".join(statements)


def test_a_signed_in_residents_proposal_page_asks_about_them_in_four_more(make, client_for):
    """Signed in, the page adds four statements: the account with its arena connections
    and facilitator roles, whether they support the proposal with their budget used,
    their unread notices, and the follow button's state (chosen or automatic). None of
    them per comment, per role or per arena."""
    from tests.moderation.tools import add_comment

    cycle = make.cycle(phase="voting")
    other = make.arena()
    proposal = make.proposal(cycle)
    resident = make.user(connected_to=[cycle.arena, other])
    for n in range(12):
        add_comment(proposal, resident, f"Kommentar {n}", minutes_ago=100 - n)
    db.session.commit()
    client, path = client_for(resident, accept_language="en"), f"/proposals/{proposal.id}"
    assert client.post(f"/proposals/{proposal.id}/support").status_code in (302, 303)
    client.get(path)
    db.session.expire_all()
    with counting_queries() as statements:
        page = client.get(path)
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Kommentar 9" in text and "You support this proposal." in text
    assert len(statements) == 3 + 4, "\n".join(statements)
