"""Supports sent at the same instant still respect the rules, on SQLite and PostgreSQL.

Each thread has its own test client (and so its own app context, session and
database connection), all signed in as the same person; a barrier releases
their requests together.
"""

import threading

import pytest
from sqlalchemy import func, select

from arena.extensions import db
from arena.proposals.models import Participation, Proposal, Support

THREADS = 8


def post_at_once(app, user, paths: list[str]) -> list[int]:
    """POST every path from its own thread, all released at once; the status codes."""
    clients = []
    for _ in paths:
        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"] = user.get_id()
            session["_fresh"] = True
        clients.append(client)
    # The main thread must not hold a transaction (or SQLite snapshot) while they run.
    db.session.commit()

    barrier = threading.Barrier(len(paths))
    statuses: list[int | BaseException] = [None] * len(paths)

    def run(index: int) -> None:
        try:
            barrier.wait(timeout=10)
            statuses[index] = clients[index].post(paths[index]).status_code
        except BaseException as error:  # reported below, in the main thread
            statuses[index] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(paths))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a request hung"
    return statuses


def stored(user, cycle) -> dict:
    db.session.rollback()  # read what the threads committed
    return {
        "supports": db.session.scalar(
            select(func.count()).select_from(Support).where(Support.user_id == user.id)
        ),
        "used": db.session.scalar(
            select(Participation.supports_used).where(
                Participation.user_id == user.id, Participation.cycle_id == cycle.id
            )
        ),
        "participations": db.session.scalar(select(func.count()).select_from(Participation)),
        "counted": db.session.scalar(select(func.sum(Proposal.support_count))),
    }


@pytest.fixture
def voting(make):
    cycle = make.cycle(phase="voting", support_budget=5)
    return cycle, make.user(connected_to=cycle.arena)


def test_racing_supports_never_exceed_the_budget(app, make, voting):
    cycle, voter = voting
    proposals = [make.proposal(cycle) for _ in range(THREADS)]
    statuses = post_at_once(app, voter, [f"/proposals/{p.id}/support" for p in proposals])
    # Every request is answered: 5 supported, 3 told the budget is used. No 500, no lock error.
    assert statuses == [303] * THREADS
    assert stored(voter, cycle) == {"supports": 5, "used": 5, "participations": 1, "counted": 5}
    supported = set(db.session.scalars(select(Support.proposal_id)))
    counts = dict(db.session.execute(select(Proposal.id, Proposal.support_count)).all())
    assert {pid for pid, n in counts.items() if n == 1} == supported
    assert set(counts.values()) == {0, 1}


def test_racing_supports_on_one_proposal_count_once(app, make, voting):
    cycle, voter = voting
    proposal = make.proposal(cycle)
    statuses = post_at_once(app, voter, [f"/proposals/{proposal.id}/support"] * THREADS)
    assert statuses == [303] * THREADS
    assert stored(voter, cycle) == {"supports": 1, "used": 1, "participations": 1, "counted": 1}


def test_racing_withdrawals_give_back_one_support(app, make, voting):
    cycle, voter = voting
    proposal, other = make.proposal(cycle), make.proposal(cycle)
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = voter.get_id()
    for p in (proposal, other):
        assert client.post(f"/proposals/{p.id}/support").status_code == 303
    statuses = post_at_once(app, voter, [f"/proposals/{proposal.id}/withdraw"] * THREADS)
    assert statuses == [303] * THREADS
    assert stored(voter, cycle) == {"supports": 1, "used": 1, "participations": 1, "counted": 1}
