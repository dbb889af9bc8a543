"""Adopting a scaled-up commitment into another arena: who may, into which cycle,
with which numbers; refused twice and into the same arena."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from arena.audit.models import AuditEntry
from arena.commitments.models import Commitment
from arena.core.time import utcnow
from arena.extensions import db
from arena.reviews import queries as review_queries
from arena.reviews.models import Review
from tests.helpers import flashes, page_text
from tests.reviews.review_helpers import (
    add_indicator,
    make_commitment,
    measure,
    snapshot,
)

ADOPT_ROLES = ("anonymous", "resident", "facilitator", "facilitator_of_origin", "staff", "admin")


@pytest.fixture
def offer(make):
    """Järva 2025 scaled up its plastics commitment; Skärholmen has a proposing cycle."""
    with make.batch():
        jarva = make.arena("Järva", slug="jarva")
        skarholmen = make.arena("Skärholmen", slug="skarholmen")
        cycle = make.cycle(jarva, phase="review", year=2025)
        make.cycle(skarholmen, phase="proposing", year=2026)
        offered = make_commitment(cycle, status="scaled_up")
        indicator = add_indicator(offered)
        author = make.user(connected_to=jarva)
        measure(indicator, 70.0, utcnow().date() - timedelta(days=5), author)
        db.session.add(
            Review(
                commitment=offered,
                outcome="scale_up",
                rationale="Det funkade.",
                decided_by_id=author.id,
            )
        )
    return dict(jarva=jarva, skarholmen=skarholmen, offered=offered, indicator=indicator)


def adopt_data(**extra):
    today = utcnow().date()
    data = {
        "title": "Mindre plast i Skärholmen",
        "description": "Anpassat till Skärholmen.",
        "indicators-0-baseline_value": "120,5",
        "indicators-0-baseline_on": (today - timedelta(days=10)).isoformat(),
        "indicators-0-target_value": "90",
        "indicators-0-target_on": (today + timedelta(days=300)).isoformat(),
    }
    data.update(extra)
    return data


def url(offered, arena):
    return f"/commitments/{offered.id}/adopt/{arena.slug}"


@pytest.mark.parametrize("role", ADOPT_ROLES)
def test_adopt_permissions(offer, make, client_for, role):
    jarva, skarholmen = offer["jarva"], offer["skarholmen"]
    actor = {
        "anonymous": lambda: None,
        "resident": lambda: make.user(connected_to=skarholmen),
        "facilitator": lambda: make.facilitator(skarholmen),
        "facilitator_of_origin": lambda: make.facilitator(jarva),
        "staff": lambda: make.user(is_staff=True),
        "admin": lambda: make.user(is_admin=True),
    }[role]()
    client = client_for(actor, accept_language="en")
    organisation = make.organisation(arenas=[skarholmen], name="Vårbergs förening")
    before = snapshot()
    arena_page = page_text(client.get("/arenas/skarholmen"))
    assert "Proven elsewhere — ready to adopt" in arena_page
    assert "Proven in Järva 2025" in arena_page
    assert ("Adopt it in Skärholmen" in arena_page) == (role == "facilitator")
    page = client.get(url(offer["offered"], skarholmen))
    response = client.post(
        url(offer["offered"], skarholmen), data=adopt_data(owner_organisations=organisation.id)
    )
    if role == "facilitator":
        assert "Vårbergs förening" in page_text(page)
        assert page.status_code == 200
        assert response.status_code == 303
        db.session.expire_all()
        adopted = db.session.scalar(select(Commitment).where(Commitment.arena_id == skarholmen.id))
        assert response.headers["Location"].endswith(f"/commitments/{adopted.id}")
        assert adopted.origin_id == offer["offered"].id and adopted.status == "planned"
        assert adopted.cycle.year == 2026 and adopted.owner_users == []
        assert [o.name for o in adopted.owner_organisations] == ["Vårbergs förening"]
        assert adopted.title == "Mindre plast i Skärholmen"
        [indicator] = adopted.indicators
        assert (indicator.baseline_value, indicator.target_value) == (120.5, 90.0)
        assert indicator.name == offer["indicator"].name and indicator.direction == "down"
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "commitment.adopt"))
        assert entry.actor_id == actor.id and entry.arena_id == skarholmen.id
        assert entry.details["origin_id"] == offer["offered"].id
        # The arena page now links to the adoption instead of offering it again.
        assert "Adopted here" in page_text(client.get("/arenas/skarholmen"))
    else:
        expected = 302 if role == "anonymous" else 403
        assert (page.status_code, response.status_code) == (expected, expected)
        assert snapshot() == before


def test_adopting_twice_is_refused_even_past_the_check(offer, make, client_for, monkeypatch):
    client = client_for(make.facilitator(offer["skarholmen"]), accept_language="en")
    assert (
        client.post(url(offer["offered"], offer["skarholmen"]), data=adopt_data()).status_code
        == 303
    )
    before = snapshot()
    again = client.post(
        url(offer["offered"], offer["skarholmen"]), data=adopt_data(), follow_redirects=True
    )
    assert "Skärholmen has already adopted this commitment." in flashes(again)
    assert snapshot() == before
    # Two facilitators at once: the unique constraint answers, never a 500.
    monkeypatch.setattr(review_queries, "find_adoption", lambda offer, arena: None)
    racing = client.post(url(offer["offered"], offer["skarholmen"]), data=adopt_data())
    assert racing.status_code == 303
    assert "Skärholmen has already adopted this commitment." in flashes(
        client.get("/arenas/skarholmen")
    )
    assert snapshot() == before


def test_adopting_into_the_same_arena_is_refused(offer, make, client_for):
    client = client_for(make.facilitator(offer["jarva"]), accept_language="en")
    make.cycle(offer["jarva"], phase="proposing", year=2026)
    before = snapshot()
    response = client.post(
        url(offer["offered"], offer["jarva"]), data=adopt_data(), follow_redirects=True
    )
    assert any("scale-up to the same arena" in f for f in flashes(response))
    assert snapshot() == before
    assert "Proven elsewhere" not in page_text(client.get("/arenas/jarva"))


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"indicators-0-target_value": "120,5"}, "The target must differ from the baseline."),
        ({"indicators-0-target_value": "130"}, "the target must be below the baseline"),
        ({"indicators-0-baseline_value": "tolv"}, "Enter a number"),
        ({"indicators-0-baseline_on": "2026-02-30"}, "Enter a date as yyyy-mm-dd"),
        (
            {"indicators-0-target_on": "2020-01-01"},
            "The target date must be after the baseline date.",
        ),
        ({"title": "\x00"}, "Give the commitment a title."),
        ({"indicators-0-target_value": "1" * 40}, "Enter a number"),
    ],
)
def test_bad_numbers_get_a_message_next_to_the_field(offer, make, client_for, extra, message):
    client = client_for(make.facilitator(offer["skarholmen"]), accept_language="en")
    before = snapshot()
    response = client.post(url(offer["offered"], offer["skarholmen"]), data=adopt_data(**extra))
    assert response.status_code == 400
    assert message in page_text(response)
    assert 'class="error-message"' in response.get_data(as_text=True)
    assert snapshot() == before


def test_no_open_cycle_and_not_offered(offer, make, client_for):
    elsewhere = make.arena("Farsta", slug="farsta")
    make.cycle(elsewhere, phase="testing", year=2026)
    client = client_for(make.facilitator(elsewhere), accept_language="en")
    response = client.get(url(offer["offered"], elsewhere), follow_redirects=True)
    assert any("Create next year's cycle first" in f for f in flashes(response))
    plain = make_commitment(offer["offered"].cycle, title="Inte erbjuden")
    db.session.commit()
    client = client_for(make.facilitator(offer["skarholmen"]), accept_language="en")
    response = client.post(
        url(plain, offer["skarholmen"]), data=adopt_data(), follow_redirects=True
    )
    assert "This commitment is not offered for adoption." in flashes(response)
    assert client.get(f"/commitments/{offer['offered'].id}/adopt/nowhere").status_code == 404


def test_adopt_page_shows_the_origin_numbers(offer, make, client_for):
    client = client_for(make.facilitator(offer["skarholmen"]), accept_language="en")
    text = page_text(client.get(url(offer["offered"], offer["skarholmen"])))
    assert "Proven in Järva 2025." in text
    assert "In Järva: baseline 100, latest 70, target 60." in text
