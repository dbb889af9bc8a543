"""The listed count kept by the database (arena/proposals/listed_counts.py) equals a
count of the listed proposals after every kind of write, on both databases; and the
list's pages, walked from either end, give every proposal once, in order."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select, text

from arena.core.time import utcnow
from arena.extensions import db
from arena.proposals.listed_counts import ListedCount
from arena.proposals.models import Proposal, ProposalStatus
from arena.proposals.queries import is_listed
from tests.proposals.test_list import titles


def stored() -> dict[tuple[int, int], int]:
    rows = db.session.execute(
        select(ListedCount.cycle_id, ListedCount.theme_id, ListedCount.listed)
    )
    return {(cycle, theme): n for cycle, theme, n in rows if n}


def counted() -> dict[tuple[int, int], int]:
    rows = db.session.execute(
        select(Proposal.cycle_id, Proposal.theme_id, func.count())
        .where(is_listed())
        .group_by(Proposal.cycle_id, Proposal.theme_id)
    )
    return {(cycle, theme): n for cycle, theme, n in rows}


def test_the_count_follows_every_change(make):
    arena = make.arena()
    cycle, other = make.cycle(arena, phase="voting"), make.cycle(arena, phase="closed", year=2020)
    energy, food = make.theme("energy"), make.theme("food")
    proposals = [make.proposal(cycle, theme=energy) for _ in range(4)]
    make.proposal(cycle, theme=food, status=ProposalStatus.WITHDRAWN)
    make.proposal(cycle, theme=food, hidden_at=utcnow(), hidden_reason="Spam")
    assert stored() == counted() == {(cycle.id, energy.id): 4}

    first, second, third, fourth = proposals
    changes = [
        lambda: setattr(first, "hidden_at", utcnow()),  # hidden
        lambda: setattr(first, "hidden_at", None),  # restored
        lambda: setattr(second, "status", ProposalStatus.WITHDRAWN),
        lambda: setattr(second, "status", ProposalStatus.PUBLISHED),
        lambda: setattr(third, "status", ProposalStatus.SELECTED),  # listed either way
        lambda: setattr(fourth, "status", ProposalStatus.NOT_SELECTED),
        lambda: (
            setattr(fourth, "status", ProposalStatus.MERGED),
            setattr(fourth, "merged_into", third),
        ),
        lambda: setattr(first, "theme", food),  # moved to another theme
        lambda: setattr(second, "cycle", other),  # and to another cycle
        lambda: setattr(third, "support_count", 12),  # no change to the count
        lambda: db.session.delete(first),
    ]
    for change in changes:
        change()
        db.session.commit()
        assert stored() == counted()
    assert counted() == {(cycle.id, energy.id): 1, (other.id, energy.id): 1}


def test_writes_outside_the_orm_are_counted_too(make):
    cycle = make.cycle(make.arena())
    theme = make.theme("energy")
    listed = [make.proposal(cycle, theme=theme) for _ in range(3)]
    db.session.execute(
        text("UPDATE proposals SET status = 'withdrawn' WHERE id = :id"), {"id": listed[0].id}
    )
    db.session.execute(text("DELETE FROM proposals WHERE id = :id"), {"id": listed[1].id})
    db.session.commit()
    assert stored() == counted() == {(cycle.id, theme.id): 1}


@pytest.mark.parametrize("sort", ["newest", "supported"])
@pytest.mark.parametrize("theme_key", [None, "energy"])
def test_pages_from_either_end_show_every_proposal_once_in_order(make, client_for, sort, theme_key):
    """23 proposals at ten a page: page 1 is walked from the start, pages 2 and 3 (the
    back half) from the end; the last page has three."""
    arena = make.arena()
    cycle = make.cycle(arena, phase="closed")
    energy, food = make.theme("energy"), make.theme("food")
    start = utcnow() - timedelta(days=5)
    with make.batch():
        for n in range(30):
            make.proposal(
                cycle,
                title=f"P{n:02d}",
                theme=food if n >= 23 else energy,
                created_at=start + timedelta(hours=n),
                support_count=n % 4,
            )
    wanted = db.session.scalars(
        select(Proposal.title)
        .where(is_listed(), Proposal.cycle_id == cycle.id)
        .where(*([Proposal.theme_id == energy.id] if theme_key else []))
        .order_by(
            *([Proposal.support_count.desc()] if sort == "supported" else []),
            Proposal.created_at.desc(),
            Proposal.id.desc(),
        )
    ).all()
    anonymous = client_for(None, accept_language="en")
    query = f"sort={sort}" + (f"&theme={theme_key}" if theme_key else "")
    shown = []
    for page in range(1, 5):
        shown.append(titles(anonymous.get(f"/arenas/{arena.slug}/proposals?{query}&page={page}")))
    expected = [wanted[:10], wanted[10:20], wanted[20:30], []]
    assert shown == expected
    assert len(wanted) == (23 if theme_key else 30)
