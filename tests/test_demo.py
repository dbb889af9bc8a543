"""`flask --app arena seed-demo`: five arenas in different phases, demo accounts that
can sign in, and a second run that changes nothing."""

import pytest
from sqlalchemy import func, select

from arena.accounts.models import User
from arena.arenas.models import Arena
from arena.arenas.phases import Phase, phase_at
from arena.arenas.queries import get_current_cycle
from arena.core.time import utcnow
from arena.demo import DEMO_ACCOUNTS
from arena.extensions import db


def row_counts() -> dict[str, int]:
    return {
        table.name: db.session.scalar(select(func.count()).select_from(table))
        for table in db.metadata.sorted_tables
    }


@pytest.mark.usefixtures("quick_password_hashing")  # the seed hashes a dozen passwords
def test_seed_demo_loads_the_arenas_and_is_idempotent(app, client_for):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0, first.output
    db.session.expire_all()

    arenas = list(db.session.scalars(select(Arena)))
    assert len(arenas) == 5
    now = utcnow()
    phases = {phase_at(get_current_cycle(arena, now), now) for arena in arenas}
    assert {Phase.PROPOSING, Phase.VOTING} <= phases
    for email, _name, password, _role in DEMO_ACCOUNTS:
        assert email in first.output and password in first.output
        assert db.session.scalar(select(User).where(User.email == email)).check_password(password)

    counts = row_counts()
    assert counts["proposals"] > 0 and counts["supports"] > 0
    second = runner.invoke(args=["seed-demo"])
    assert second.exit_code == 0, second.output
    db.session.expire_all()
    assert row_counts() == counts

    # The demo resident can sign in through the site.
    email, _, password, _ = DEMO_ACCOUNTS[0]
    response = client_for(None).post(
        "/accounts/sign-in", data={"email": email, "password": password}
    )
    assert response.status_code == 303
