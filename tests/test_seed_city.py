"""`flask --app arena seed-city`: the city data set at a small size, on both databases:
the sizes asked for, every counter equal to its rows, budgets kept, supports only from
connected people, and the seeded arenas' pages answer."""

import pytest
from sqlalchemy import and_, func, select

from arena.accounts.models import ArenaConnection, User
from arena.arenas.models import Cycle
from arena.commitments.models import CheckIn, Commitment, Indicator, IndicatorValue
from arena.core.time import utcnow
from arena.demo import seed_demo
from arena.demo.city import CITY_DOMAIN, CITY_PASSWORD, SMALL
from arena.extensions import db
from arena.proposals.models import Comment, Participation, Proposal, ProposalStatus, Support
from arena.workshops.models import Workshop
from tests.moderation.tools import supports_are_consistent
from tests.proposals import test_listed_counts as listed_counts

COUNTED = {
    User: SMALL.people,
    Proposal: SMALL.proposals,
    Support: SMALL.supports,
    Comment: SMALL.comments,
    Workshop: SMALL.workshops,
    Commitment: SMALL.commitments,
}


def count(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


@pytest.fixture
def city(app):
    """The demo, its row counts, then the small city set through the command."""
    seed_demo(utcnow())
    db.session.commit()
    before = {model: count(model) for model in COUNTED}
    result = app.test_cli_runner().invoke(args=["seed-city", "--small"])
    assert result.exit_code == 0, result.output
    assert CITY_PASSWORD in result.output
    db.session.expire_all()
    return before


@pytest.mark.usefixtures("quick_password_hashing")  # the demo hashes a dozen passwords
def test_the_city_has_the_sizes_asked_and_consistent_counters(app, city):
    assert {model: count(model) - city[model] for model in COUNTED} == COUNTED
    assert count(User, User.email.like(f"%@{CITY_DOMAIN}")) == SMALL.people
    supports_are_consistent()
    # The lists' totals, kept by triggers through the bulk load (COPY, executemany).
    assert listed_counts.stored() == listed_counts.counted()

    over_budget = count(
        Participation,
        Participation.supports_used > Cycle.support_budget,
        Cycle.id == Participation.cycle_id,
    )
    assert over_budget == 0
    unconnected = db.session.scalar(
        select(func.count(Support.id))
        .join(Proposal, Proposal.id == Support.proposal_id)
        .join(Cycle, Cycle.id == Proposal.cycle_id)
        .outerjoin(
            ArenaConnection,
            and_(
                ArenaConnection.user_id == Support.user_id,
                ArenaConnection.arena_id == Cycle.arena_id,
            ),
        )
        .where(ArenaConnection.id.is_(None))
    )
    assert unconnected == 0
    # Supports only while voting was open.
    early_or_late = db.session.scalar(
        select(func.count(Support.id))
        .join(Proposal, Proposal.id == Support.proposal_id)
        .join(Cycle, Cycle.id == Proposal.cycle_id)
        .join(User, User.id == Support.user_id)
        .where(
            User.email.like(f"%@{CITY_DOMAIN}"),
            (Support.created_at < Cycle.voting_opens_at)
            | (Support.created_at > Cycle.voting_closes_at),
        )
    )
    assert early_or_late == 0


@pytest.mark.usefixtures("quick_password_hashing")
def test_merged_hidden_and_selected_proposals_are_consistent(app, city):
    merged = db.session.scalars(
        select(Proposal).where(Proposal.status == ProposalStatus.MERGED)
    ).all()
    assert merged
    for proposal in merged:
        target = proposal.merged_into
        assert proposal.support_count == 0
        assert target.cycle_id == proposal.cycle_id and target.id < proposal.id
        assert target.status != ProposalStatus.MERGED and target.hidden_at is None
    hidden = db.session.scalars(select(Proposal).where(Proposal.hidden_at.is_not(None))).all()
    assert hidden and all(p.hidden_reason and p.hidden_by_id for p in hidden)

    # Each commitment made from a proposal (not adopted from another arena) was selected.
    for commitment in db.session.scalars(select(Commitment).where(Commitment.origin_id.is_(None))):
        assert [p.status for p in commitment.proposals] == [ProposalStatus.SELECTED]
        assert commitment.owner_users and commitment.indicators
    check_ins = db.session.scalars(select(CheckIn)).all()
    assert len(check_ins) > SMALL.commitments  # months of them
    for check_in in check_ins:
        measured = {v.indicator_id for v in check_in.values}
        assert measured == {i.id for i in check_in.commitment.indicators}
    assert count(IndicatorValue) >= count(Indicator)

    second = app.test_cli_runner().invoke(args=["seed-city", "--small"])
    assert second.exit_code != 0 and "already" in second.output


@pytest.mark.usefixtures("quick_password_hashing")
def test_the_seeded_pages_answer(app, city, client_for):
    busiest = db.session.scalar(
        select(Proposal.id).order_by(Proposal.support_count.desc()).limit(1)
    )
    commitment = db.session.scalar(select(Commitment.id).order_by(Commitment.id.desc()))
    client = client_for(None)
    for path in (
        "/",
        "/arenas/jarva",
        "/arenas/jarva/proposals",
        "/arenas/jarva/proposals?page=3",
        "/arenas/innerstaden/proposals?sort=supported&page=2",
        f"/proposals/{busiest}",
        f"/commitments/{commitment}",
        "/api/v1/proposals?limit=50",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
    page = client.get("/arenas/jarva/proposals").get_data(as_text=True)
    assert "vid" in page  # the generated titles ("Lånecyklar vid Tensta centrum …")

    # A generated person signs in with the shared password.
    response = client_for(None).post(
        "/accounts/sign-in", data={"email": f"person7@{CITY_DOMAIN}", "password": CITY_PASSWORD}
    )
    assert response.status_code == 303


@pytest.mark.usefixtures("quick_password_hashing")
def test_the_bulk_load_leaves_the_models_constraints_in_place(app, city):
    """Loading drops the big tables' constraints and adds them back; the models must
    still create them afterwards: a `create_all` later in the same process (the next
    test's database) once made tables without unique constraints, and racing supports
    then went in twice and past the budget."""
    from sqlalchemy.dialects import postgresql, sqlite
    from sqlalchemy.schema import CreateTable

    from arena.demo.city import BIG_TABLES

    for table in BIG_TABLES:
        for dialect in (postgresql.dialect(), sqlite.dialect()):
            created = str(CreateTable(table).compile(dialect=dialect))
            for constraint in table.constraints:
                if constraint.name and not constraint.name.startswith("pk_"):
                    assert constraint.name in created, (table.name, constraint.name, created)
