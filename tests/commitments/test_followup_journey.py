"""Issue 5's whole story through HTTP, as the people involved would do it: an
association in Järva reports three monthly check-ins on a plastics commitment, a
resident joins, the facilitator scales it up in review, Skärholmen's facilitator
adopts it with a lower target, and the commitment page shows both arenas' results
side by side with the version history."""

import re
from datetime import timedelta

from sqlalchemy import select

from arena.commitments.models import Commitment, CommitmentStatus, Pledge
from arena.core.time import utcnow
from arena.extensions import db
from tests.factories import cycle_dates
from tests.helpers import count, page_text


def test_plastics_commitment_from_check_ins_to_adoption_in_skarholmen(make, client_for):
    jarva = make.arena("Järva", slug="jarva")
    skarholmen = make.arena("Skärholmen", slug="skarholmen")
    cycle = make.cycle(jarva, phase="testing", year=2025)
    make.cycle(skarholmen, phase="proposing", year=2026)
    member = make.user(connected_to=jarva, display_name="Layla")
    association = make.organisation(
        name="Hyresgästföreningen Tensta", arenas=[jarva], members=[member]
    )
    resident = make.user(connected_to=jarva)
    facilitator = make.facilitator(jarva)
    receiving_facilitator = make.facilitator(skarholmen)
    started = cycle.testing_starts_at.date()
    commitment = Commitment(
        arena_id=jarva.id,
        cycle_id=cycle.id,
        title="Sortera plasten rätt i Tensta",
        status=CommitmentStatus.ACTIVE,
        starts_on=started,
    )
    commitment.owner_organisations = [association]
    db.session.add(commitment)
    db.session.commit()
    page_url = f"/commitments/{commitment.id}"

    # The facilitator sets up the indicator: down is good, decimal commas accepted.
    response = client_for(facilitator).post(
        f"{page_url}/indicators/new",
        data={
            "name": "Plastavfall i restavfallet",
            "unit": "kg per hushåll",
            "direction": "down",
            "baseline_value": "4,2",
            "baseline_on": started.isoformat(),
            "target_value": "3,0",
            "target_on": (started + timedelta(days=300)).isoformat(),
            "method": "Plockanalys",
            "reported_by": "Föreningen",
        },
    )
    assert response.status_code == 303
    indicator = db.session.get(Commitment, commitment.id).indicators[0]

    # The association's member reports three months; the chart gets a point each.
    association_client = client_for(member, accept_language="en")
    for month, value in enumerate(("3,9", "3,6", "3,4"), start=1):
        response = association_client.post(
            f"{page_url}/check-ins/new",
            data={
                "reported_on": (started + timedelta(days=30 * month)).isoformat(),
                f"value_{indicator.id}": value,
                "note": f"Månad {month}",
                "organisation": str(association.id),
            },
        )
        assert response.status_code == 303
    html = association_client.get(page_url).get_data(as_text=True)
    assert html.count('class="chart-measured-point"') == 3
    # 4.2 → 3.4 of the way to 3.0 is two thirds (the number format depends on the locale).
    assert re.search(
        r"67\W*% of the way to the target", page_text(association_client.get(page_url))
    )

    # A resident joins.
    assert client_for(resident).post(f"{page_url}/join").status_code == 303
    assert count(Pledge, Pledge.commitment_id == commitment.id) == 1

    # A year on, the cycle is in review and the facilitator scales the commitment up.
    for name, value in cycle_dates("review").items():
        setattr(cycle, name, value)
    db.session.commit()
    response = client_for(facilitator).post(
        f"{page_url}/review",
        data={
            "outcome": "scale_up",
            "rationale": "Plasten minskade med en femtedel; lätt att ta efter.",
            "measured_result": "3,4 kg (från 4,2, mål 3,0)",
            "confirmed": "yes",
        },
    )
    assert response.status_code == 303
    assert db.session.get(Commitment, commitment.id).status == CommitmentStatus.SCALED_UP

    # Skärholmen's facilitator sees the offer and adopts it with a lower target.
    offer_page = page_text(
        client_for(receiving_facilitator, accept_language="en").get("/arenas/skarholmen")
    )
    assert "Proven in Järva 2025" in offer_page
    today = utcnow().date()
    response = client_for(receiving_facilitator).post(
        f"{page_url}/adopt/skarholmen",
        data={
            "title": "Sortera plasten rätt i Vårberg",
            "description": "Som i Tensta.",
            "indicators-0-baseline_value": "4,5",
            "indicators-0-baseline_on": today.isoformat(),
            "indicators-0-target_value": "3,8",
            "indicators-0-target_on": (today + timedelta(days=300)).isoformat(),
        },
    )
    assert response.status_code == 303
    adopted = db.session.scalar(select(Commitment).where(Commitment.origin_id == commitment.id))
    assert adopted.arena_id == skarholmen.id and adopted.indicators[0].target_value == 3.8

    # The commitment page shows the lineage and both arenas' results side by side.
    text = page_text(client_for(None, accept_language="en").get(page_url))
    assert "Results side by side" in text
    assert "Skärholmen" in text and "Sortera plasten rätt i Vårberg" in text
    assert "4.5" in text and "3.8" in text and "3.4" in text
