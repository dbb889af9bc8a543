"""An adopted commitment belongs to the receiving arena's cycle: its facilitators
correct its text and targets at once, and its page says where it came from."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from arena.commitments.models import Commitment, Indicator
from arena.core.time import utcnow
from arena.extensions import db
from arena.reviews.models import Review
from tests.helpers import page_text
from tests.reviews.review_helpers import add_indicator, make_commitment


@pytest.fixture
def adopted(make, client_for):
    """Skärholmen (proposing 2026) adopts Järva's scaled-up 2025 commitment over HTTP."""
    with make.batch():
        jarva = make.arena("Järva", slug="jarva")
        skarholmen = make.arena("Skärholmen", slug="skarholmen")
        cycle = make.cycle(jarva, phase="review", year=2025)
        make.cycle(skarholmen, phase="proposing", year=2026)
        offered = make_commitment(cycle, title="Mindre plast", status="scaled_up")
        add_indicator(offered)
        facilitator = make.facilitator(skarholmen)
        organisation = make.organisation(arenas=[skarholmen], name="Vårbergs förening")
        db.session.add(
            Review(
                commitment=offered,
                outcome="scale_up",
                rationale="Det funkade.",
                decided_by_id=facilitator.id,
            )
        )
    client = client_for(facilitator, accept_language="en")
    today = utcnow().date()
    response = client.post(
        f"/commitments/{offered.id}/adopt/skarholmen",
        data={
            "title": "Mindre plast i Skärholmen",
            "indicators-0-baseline_value": "120",
            "indicators-0-baseline_on": (today - timedelta(days=10)).isoformat(),
            "indicators-0-target_value": "90",
            "indicators-0-target_on": (today + timedelta(days=300)).isoformat(),
            "owner_organisations": organisation.id,
        },
    )
    assert response.status_code == 303
    commitment = db.session.scalar(select(Commitment).where(Commitment.arena_id == skarholmen.id))
    return dict(
        client=client,
        commitment=commitment,
        offered=offered,
        organisation=organisation,
        skarholmen=skarholmen,
    )


def test_the_adopting_facilitator_corrects_text_and_targets(adopted):
    client, commitment = adopted["client"], adopted["commitment"]
    base = f"/commitments/{commitment.id}"
    assert "Edit the commitment" in page_text(client.get(base))
    assert client.get(f"{base}/edit").status_code == 200
    response = client.post(
        f"{base}/edit",
        data={"title": "Mindre plast i Vårberg", "owner_organisations": adopted["organisation"].id},
    )
    assert response.status_code == 303
    [indicator] = commitment.indicators
    response = client.post(
        f"{base}/indicators/{indicator.id}/edit",
        data={
            "name": indicator.name,
            "unit": indicator.unit,
            "direction": "down",
            "baseline_value": "120",
            "baseline_on": indicator.baseline_on.isoformat(),
            "target_value": "80",
            "target_on": indicator.target_on.isoformat(),
        },
    )
    assert response.status_code == 303
    db.session.expire_all()
    assert db.session.get(Commitment, commitment.id).title == "Mindre plast i Vårberg"
    assert db.session.get(Indicator, indicator.id).target_value == 80.0


def test_a_closed_cycle_still_closes_an_adopted_commitment(adopted, make):
    commitment = adopted["commitment"]
    cycle = commitment.cycle
    past = utcnow() - timedelta(days=1)
    for offset, name in enumerate(
        (
            "closes_at",
            "review_starts_at",
            "testing_starts_at",
            "voting_closes_at",
            "voting_opens_at",
            "proposing_opens_at",
        )
    ):
        setattr(cycle, name, past - timedelta(days=10 * offset))
    db.session.commit()
    response = adopted["client"].get(f"/commitments/{commitment.id}/edit", follow_redirects=True)
    assert "This commitment's cycle has closed" in page_text(response)


def test_the_adopted_page_says_where_it_came_from(adopted, client_for):
    commitment, offered = adopted["commitment"], adopted["offered"]
    response = client_for(None, accept_language="en").get(f"/commitments/{commitment.id}")
    text = page_text(response)
    assert "It was not made from a proposal." not in text
    assert "Adopted from Järva, where it was proven in 2025: Mindre plast" in text
    assert f'href="/commitments/{offered.id}"' in response.get_data(as_text=True)


def test_the_offer_is_among_the_facilitators_tasks(make, client_for):
    with make.batch():
        jarva = make.arena("Järva", slug="jarva")
        skarholmen = make.arena("Skärholmen", slug="skarholmen")
        cycle = make.cycle(jarva, phase="review", year=2025)
        make.cycle(skarholmen, phase="proposing", year=2026)
        offered = make_commitment(cycle, title="Mindre plast", status="scaled_up")
        facilitator = make.facilitator(skarholmen)
    client = client_for(facilitator, accept_language="en")
    response = client.get("/arenas/skarholmen/manage")
    text = page_text(response)
    assert "1 commitment that worked in another arena can be adopted in Skärholmen." in text
    assert "Adopt “Mindre plast” Proven in Järva 2025" in text
    assert f'href="/commitments/{offered.id}/adopt/skarholmen"' in response.get_data(as_text=True)
    # Once adopted, it is no longer a task.
    make_commitment(skarholmen.cycles[0], title="Mindre plast i Skärholmen", origin_id=offered.id)
    db.session.commit()
    assert "Proven elsewhere" not in page_text(client.get("/arenas/skarholmen/manage"))
    # The facilitators of the arena it came from have nothing to adopt.
    own = client_for(make.facilitator(jarva), accept_language="en")
    assert "Proven elsewhere" not in page_text(own.get("/arenas/jarva/manage"))
