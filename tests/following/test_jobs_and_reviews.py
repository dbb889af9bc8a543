"""Phase notices from the scheduled job (once per cycle and phase, also when it runs
twice at once), and the notices a review, a new version and an adoption make."""

import threading
from datetime import timedelta

import pytest

from arena.core.time import utcnow
from arena.extensions import db
from arena.following import jobs
from arena.following.models import Notice, PhaseNoticeClaim
from tests.following.helpers import kinds_for, notices_for
from tests.helpers import count, page_text
from tests.reviews.test_adoption import adopt_data, offer  # noqa: F401  (fixture)
from tests.reviews.test_adoption import url as adopt_url
from tests.reviews.test_review import form_for, setup  # noqa: F401  (fixture)
from tests.reviews.test_review import url as review_url


@pytest.fixture
def voting_opened(make, client_for):
    """Järva's voting opened an hour ago; one person follows the arena."""
    arena = make.arena("Järva", slug="jarva")
    now = utcnow()
    make.cycle(
        arena,
        phase="voting",
        voting_opens_at=now - timedelta(hours=1),
        proposing_opens_at=now - timedelta(days=30),
    )
    follower = make.user()
    assert client_for(follower).post(f"/following/arena/{arena.id}").status_code == 303
    bystander = make.user()
    return arena, follower, bystander, now


def test_the_phase_job_tells_arena_followers_once(voting_opened, client_for):
    arena, follower, bystander, now = voting_opened
    assert jobs.make_phase_notices(now) == 1
    db.session.commit()
    assert jobs.make_phase_notices(now + timedelta(minutes=5)) == 0
    db.session.commit()
    assert kinds_for(follower) == ["phase"] and kinds_for(bystander) == []
    page = page_text(client_for(follower, accept_language="en").get("/notices"))
    assert "Voting has opened in Järva, and proposing has closed." in page
    # Days later the boundary is history: nothing more, nothing again.
    assert jobs.make_phase_notices(now + timedelta(days=10)) == 0


def test_the_phase_job_from_the_command_line(voting_opened, app):
    _arena, follower, _bystander, _now = voting_opened
    result = app.test_cli_runner().invoke(args=["following", "phase-notices"])
    assert result.exit_code == 0, result.output
    again = app.test_cli_runner().invoke(args=["following", "phase-notices"])
    assert "0 notice(s) made." in again.output
    assert len(notices_for(follower)) == 1
    digests = app.test_cli_runner().invoke(args=["following", "digests"])
    assert digests.exit_code == 0 and "digest(s) queued" in digests.output


def test_the_phase_job_twice_at_once_makes_one_notice(voting_opened, app, backend):
    if backend == "sqlite":
        pytest.skip("two writers at once are PostgreSQL's case; SQLite runs them one by one")
    _arena, follower, _bystander, now = voting_opened
    barrier = threading.Barrier(2)
    made = []

    def run():
        with app.app_context():
            barrier.wait()
            made.append(jobs.make_phase_notices(now))
            db.session.commit()
            db.session.remove()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(made) == [0, 1]
    assert count(Notice) == 1 and count(PhaseNoticeClaim) == 1


def test_a_review_and_its_next_version_tell_the_followers(setup, make, client_for):  # noqa: F811
    follower = make.user(connected_to=setup["arena"])
    commitment = setup["commitment"]
    client_for(follower).post(f"/following/commitment/{commitment.id}")
    facilitator = make.facilitator(setup["arena"])
    response = client_for(facilitator).post(review_url(commitment), data=form_for("continue"))
    assert response.status_code == 303, page_text(response)
    assert kinds_for(follower) == ["reviewed", "new_version"]
    assert kinds_for(setup["owner"]) == ["reviewed", "new_version"]  # owners follow
    assert kinds_for(facilitator) == []
    text = page_text(client_for(follower, accept_language="en").get("/notices"))
    assert "“Mindre plast” was reviewed: continued." in text
    assert "Why: Det fungerade i Järva." in text
    assert "“Mindre plast” goes on next year in a new version." in text
    [_, version] = notices_for(follower)
    html = client_for(follower).get("/notices").get_data(as_text=True)
    assert f'href="/commitments/{version.related_id}"' in html


def test_an_adoption_elsewhere_tells_the_followers(offer, make, client_for):  # noqa: F811
    follower = make.user()
    offered = offer["offered"]
    client_for(follower).post(f"/following/commitment/{offered.id}")
    facilitator = make.facilitator(offer["skarholmen"])
    response = client_for(facilitator).post(
        adopt_url(offered, offer["skarholmen"]), data=adopt_data()
    )
    assert response.status_code == 303, page_text(response)
    [notice] = notices_for(follower)
    assert notice.kind == "adopted"
    text = page_text(client_for(follower, accept_language="en").get("/notices"))
    assert "was adopted by another arena: Skärholmen." in text
