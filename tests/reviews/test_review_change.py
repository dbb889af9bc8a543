"""The review decision asks for a yes first, and its facilitators may change it, with a
reason in the audit log, until the arena's next cycle starts."""

import pytest
from sqlalchemy import select

from arena.audit.models import AuditEntry
from arena.commitments.models import Commitment, Indicator
from arena.extensions import db
from arena.reviews.models import Review
from tests.factories import cycle_dates
from tests.helpers import flashes, page_text
from tests.reviews.review_helpers import snapshot
from tests.reviews.test_review import form_for, setup  # noqa: F401 (a fixture)


def review_url(commitment, change=False):
    return f"/commitments/{commitment.id}/review" + ("/change" if change else "")


def next_versions(commitment):
    return db.session.scalars(
        select(Commitment).where(Commitment.previous_id == commitment.id)
    ).all()


@pytest.fixture
def facilitator(setup, make):  # noqa: F811
    return make.facilitator(setup["arena"])


def test_the_decision_asks_first_and_saves_nothing_without_the_yes(setup, client_for, facilitator):  # noqa: F811
    commitment = setup["commitment"]
    client = client_for(facilitator, accept_language="en")
    before = snapshot()
    data = {k: v for k, v in form_for("stop").items() if k != "confirmed"}
    for answer in ({}, {"confirmed": "no"}):
        asked = client.post(review_url(commitment), data={**data, **answer})
        assert asked.status_code == 200
        assert snapshot() == before
    text = page_text(asked)
    assert "Save this decision: Stopped?" in text
    assert "The commitment is stopped; the lessons learned are kept." in text
    html = asked.get_data(as_text=True)
    assert 'name="lessons" value="Svårt att mäta utan vågar."' in html
    assert 'name="confirmed" value="yes"' in html
    done = client.post(review_url(commitment), data={**data, "confirmed": "yes"})
    assert done.status_code == 303
    db.session.expire_all()
    assert commitment.status == "stopped" and snapshot()["reviews"] == before["reviews"] + 1


def test_continue_changed_to_stop_takes_next_years_version_back(setup, client_for, facilitator):  # noqa: F811
    commitment = setup["commitment"]
    client = client_for(facilitator, accept_language="en")
    assert client.post(review_url(commitment), data=form_for("continue")).status_code == 303
    assert len(next_versions(commitment)) == 1
    page = client.get(f"/commitments/{commitment.id}")
    assert f'href="{review_url(commitment, change=True)}"' in page.get_data(as_text=True)
    form = client.get(review_url(commitment, change=True))
    assert form.status_code == 200 and "Det fungerade i Järva." in page_text(form)

    before = snapshot()
    stop = form_for("stop", rationale="Ingen ville fortsätta.")
    no_reason = client.post(review_url(commitment, change=True), data=stop)
    assert no_reason.status_code == 400 and "Say why the decision changes." in page_text(no_reason)
    unconfirmed = {**stop, "reason": "Ägaren drar sig ur.", "confirmed": ""}
    asked = client.post(review_url(commitment, change=True), data=unconfirmed)
    assert asked.status_code == 200
    assert "Next year's version that the earlier decision made is removed." in page_text(asked)
    assert snapshot() == before

    done = client.post(
        review_url(commitment, change=True), data={**stop, "reason": "Ägaren drar sig ur."}
    )
    assert done.status_code == 303
    assert flashes(client.get(done.headers["Location"])) == ["The decision is changed."]
    db.session.expire_all()
    assert commitment.status == "stopped" and next_versions(commitment) == []
    review = db.session.scalar(select(Review).where(Review.commitment_id == commitment.id))
    assert (review.outcome, review.rationale) == ("stop", "Ingen ville fortsätta.")
    assert db.session.scalar(select(Indicator.id).where(Indicator.commitment_id.is_(None))) is None
    entry = db.session.scalar(
        select(AuditEntry).where(AuditEntry.action == "commitment.review_change")
    )
    assert entry.reason == "Ägaren drar sig ur."
    assert entry.details["previous_outcome"] == "continue" and entry.details["outcome"] == "stop"
    assert entry.details["previous_rationale"] == "Det fungerade i Järva."
    log = client.get(f"/moderation/{setup['arena'].slug}/audit")
    assert log.status_code == 200 and "Review decision changed" in page_text(log)


def test_stop_changed_to_revise_makes_the_new_version(setup, client_for, facilitator):  # noqa: F811
    commitment = setup["commitment"]
    client = client_for(facilitator, accept_language="en")
    client.post(review_url(commitment), data=form_for("stop"))
    revise = form_for("revise", reason="Nya pengar från stadsdelen.")
    assert client.post(review_url(commitment, change=True), data=revise).status_code == 303
    db.session.expire_all()
    (version,) = next_versions(commitment)
    assert commitment.status == "revised" and version.title == "Mindre plast, fler platser"
    assert [i.target_value for i in version.indicators] == [50.0]


def test_no_change_once_the_next_cycle_has_started(setup, client_for, facilitator):  # noqa: F811
    commitment = setup["commitment"]
    client = client_for(facilitator, accept_language="en")
    client.post(review_url(commitment), data=form_for("continue"))
    next_cycle = next_versions(commitment)[0].cycle
    for name, value in cycle_dates("proposing").items():
        setattr(next_cycle, name, value)
    db.session.commit()
    before = snapshot()
    page = client.get(review_url(commitment, change=True))
    assert page.status_code == 303
    assert "can no longer be changed" in " ".join(flashes(client.get(page.headers["Location"])))
    stop = form_for("stop", reason="För sent.")
    response = client.post(review_url(commitment, change=True), data=stop)
    assert response.status_code == 303 and snapshot() == before
    html = client.get(f"/commitments/{commitment.id}").get_data(as_text=True)
    assert review_url(commitment, change=True) not in html


def test_an_adopted_offer_cannot_be_taken_back(setup, client_for, facilitator, make):  # noqa: F811
    commitment = setup["commitment"]
    client = client_for(facilitator, accept_language="en")
    client.post(review_url(commitment), data=form_for("scale_up"))
    cycle = make.cycle(setup["elsewhere"], phase="proposing", year=2026)
    db.session.add(
        Commitment(
            arena_id=setup["elsewhere"].id,
            cycle_id=cycle.id,
            title="Mindre plast i Skärholmen",
            description="",
            origin_id=commitment.id,
        )
    )
    db.session.commit()
    before = snapshot()
    response = client.post(
        review_url(commitment, change=True), data=form_for("stop", reason="Nej.")
    )
    assert response.status_code == 303
    assert "Skärholmen has already adopted" in " ".join(
        flashes(client.get(response.headers["Location"]))
    )
    assert snapshot() == before


@pytest.mark.parametrize("role", ["resident", "facilitator_elsewhere", "staff"])
def test_only_the_arenas_facilitators_change_it(setup, client_for, facilitator, make, role):  # noqa: F811
    commitment = setup["commitment"]
    client_for(facilitator).post(review_url(commitment), data=form_for("stop"))
    actor = {
        "resident": lambda: make.user(connected_to=setup["arena"]),
        "facilitator_elsewhere": lambda: make.facilitator(setup["elsewhere"]),
        "staff": lambda: make.user(is_staff=True),
    }[role]()
    before = snapshot()
    client = client_for(actor)
    assert client.get(review_url(commitment, change=True)).status_code == 403
    response = client.post(
        review_url(commitment, change=True), data=form_for("continue", reason="X")
    )
    assert response.status_code == 403 and snapshot() == before
