"""Each public page runs as many SQL statements with ten times the data: 30 proposals
and then 300 in the arena's cycle, with their supports and comments, a thread ten times
as long, ten times the merged duplicates, a commitment with ten times the proposals and
check-ins behind it. A page whose count grows loads something per row."""

from __future__ import annotations

import gc

import pytest
from sqlalchemy import select

from arena.accounts.models import User
from arena.extensions import db
from arena.proposals.models import Proposal
from arena.selections import results
from tests.commitments.followup_helpers import add_indicator, add_value, make_commitment
from tests.scale import bulk
from tests.scale.plans import capturing

SMALL, LARGE = 30, 300


@pytest.fixture(autouse=True)
def _frozen_heap():
    """What exists before the test is left out of the collections _count runs, which
    then take milliseconds instead of a quarter of a second each."""
    gc.freeze()
    yield
    gc.unfreeze()


def _grow(make, scene, commitment, indicator, *, to: int) -> None:
    """Bring the scene to `to` proposals, and everything on the pages with it."""
    bulk.grow(scene, to - len(scene.proposals))
    share = to // 10
    busiest = scene.proposals[0]
    # More than a page of the discussion (COMMENTS_PER_PAGE) at either size.
    bulk.add_thread(busiest, scene.users, comments=share * 4, replies=2)
    bulk.merge(scene.proposals[-share // 10 :], into=busiest)
    commitment.proposals = list(
        db.session.scalars(select(Proposal).where(Proposal.id.in_(scene.proposals[1 : share + 1])))
    )
    for n in range(len(commitment.check_ins), share // 3):
        author = db.session.get(User, scene.users[n % len(scene.users)])
        add_value(commitment, indicator, 12.0, author=author)
    db.session.commit()


def _paths(scene, commitment) -> dict[str, str]:
    slug = scene.arena.slug
    return {
        "home": "/",
        "arena": f"/arenas/{slug}",
        "arena's commitments": f"/arenas/{slug}/commitments",
        "detail, comments page 2": f"/proposals/{scene.proposals[0]}?page=2",
        "list": f"/arenas/{slug}/proposals",
        "list page 3": f"/arenas/{slug}/proposals?page=3",
        "list, newest, a theme": f"/arenas/{slug}/proposals?sort=newest&theme=energy",
        "detail": f"/proposals/{scene.proposals[0]}",
        "commitment": f"/commitments/{commitment.id}",
        "commitment story": f"/commitments/{commitment.id}/story",
        "proposal story": f"/proposals/{scene.proposals[1]}/story",
        "duplicates' story": f"/proposals/{scene.proposals[0]}/story",
        "arena feed": f"/arenas/{slug}/feed.atom",
        "result": f"/arenas/{slug}/results",
        "result page 2": f"/arenas/{slug}/results?page=2",
        "API list": "/api/v1/proposals",
        "API list, next page": f"/api/v1/proposals?after={scene.proposals[5]}&limit=5",
    }


def _count(client, path: str) -> tuple[int, list[str]]:
    client.get(path)  # the arenas, cycles and themes are kept from the first view on
    db.session.expire_all()  # nothing a page needs is already loaded
    # The test's requests share one session (pytest-flask's app context), which holds
    # what nothing refers to any more only until the collector runs: run it now, so
    # whether a page finds a row there does not depend on when it last ran.
    gc.collect()
    with capturing() as statements:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(statements), [s.sql for s in statements]


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed in"])
def test_no_page_runs_more_statements_with_ten_times_the_data(
    make, client_for, signed_in, monkeypatch
):
    monkeypatch.setattr(results, "RESULTS_PER_PAGE", 10)  # a second page at either size
    scene = bulk.build(make, phase="selection", proposals=0, users=40)
    commitment = make_commitment(make, scene.arena, cycle=scene.cycle)
    indicator = add_indicator(commitment)
    visitor = db.session.get(User, scene.users[1]) if signed_in else None
    counts = {}
    for size in (SMALL, LARGE):
        _grow(make, scene, commitment, indicator, to=size)
        client = client_for(visitor)
        counts[size] = {
            name: _count(client, path) for name, path in _paths(scene, commitment).items()
        }
    grown = {
        name: (counts[SMALL][name][0], counts[LARGE][name][0])
        for name in counts[SMALL]
        if counts[LARGE][name][0] > counts[SMALL][name][0]
    }
    detail = "\n\n".join(
        f"{name}: {small} → {large}\n" + "\n".join(counts[LARGE][name][1])
        for name, (small, large) in grown.items()
    )
    assert not grown, detail
