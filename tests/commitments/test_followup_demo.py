"""The follow-up demo: an arena testing with check-ins, a cycle in review, a commitment
adopted in another arena, example statistics, and a second seed that changes nothing."""

import pytest
from sqlalchemy import func, select

from arena.arenas.models import Arena, Cycle, DistrictStatistic
from arena.arenas.phases import Phase, phase_at
from arena.arenas.queries import get_current_cycle
from arena.audit.models import AuditEntry
from arena.commitments.models import CheckIn, Commitment, Pledge
from arena.core.time import utcnow
from arena.demo import seed_demo
from arena.extensions import db
from arena.reviews.models import Review
from tests.helpers import page_text


def row_counts() -> dict[str, int]:
    return {
        table.name: db.session.scalar(select(func.count()).select_from(table))
        for table in db.metadata.sorted_tables
    }


@pytest.mark.usefixtures("quick_password_hashing")
def test_followup_demo(app, client_for):
    now = utcnow()
    seed_demo(now)
    db.session.commit()
    counts = row_counts()
    seed_demo(now)
    db.session.commit()
    assert row_counts() == counts

    arenas = {a.slug: a for a in db.session.scalars(select(Arena))}
    phases = {slug: phase_at(get_current_cycle(a, now), now) for slug, a in arenas.items()}
    assert phases == {
        "jarva": Phase.VOTING,
        "skarholmen": Phase.PROPOSING,
        "norra-djurgardsstaden": Phase.PROPOSING,
        "innerstaden": Phase.SELECTION,
        "sgid": Phase.TESTING,
    }
    sgid_cycle = get_current_cycle(arenas["sgid"], now)
    testing = list(
        db.session.scalars(select(Commitment).where(Commitment.cycle_id == sgid_cycle.id))
    )
    assert len(testing) == 2
    assert all(c.owner_organisations and c.indicators and len(c.check_ins) >= 2 for c in testing)

    in_review = [c for c in db.session.scalars(select(Cycle)) if phase_at(c, now) == Phase.REVIEW]
    assert [(c.arena.slug, c.year) for c in in_review] == [("jarva", sgid_cycle.year - 1)]
    jarva_2026 = get_current_cycle(arenas["jarva"], now)
    assert in_review[0].testing_starts_at <= jarva_2026.proposing_opens_at

    plastics = db.session.scalar(
        select(Commitment).join(Review).where(Review.outcome == "scale_up")
    )
    assert [v.values[0].value for v in plastics.check_ins] == [3.9, 3.6, 3.4]
    assert (
        db.session.scalar(select(func.count(Pledge.id)).where(Pledge.commitment_id == plastics.id))
        >= 3
    )
    adopted = db.session.scalar(select(Commitment).where(Commitment.origin_id == plastics.id))
    assert adopted.arena.slug == "skarholmen" and adopted.indicators[0].target_value == 3.8
    # Adopted by Skärholmen's facilitator through the service: owned there, audit-logged.
    assert [o.name for o in adopted.owner_organisations] == ["Vårbergs bostäder (demo)"]
    adoption = db.session.scalar(
        select(AuditEntry).where(
            AuditEntry.action == "commitment.adopt", AuditEntry.target_id == adopted.id
        )
    )
    assert adoption.actor.email == "facilitator@example.org"
    assert (
        db.session.scalar(select(func.count(CheckIn.id)).where(CheckIn.commitment_id == adopted.id))
        == 0
    )
    waiting = [
        c
        for c in db.session.scalars(
            select(Commitment).where(Commitment.cycle_id == in_review[0].id)
        )
        if c.review is None
    ]
    assert len(waiting) == 1

    figures = list(db.session.scalars(select(DistrictStatistic)))
    assert len(figures) >= 15 and all(f.is_example for f in figures)
    text = page_text(client_for(None).get("/arenas/jarva"))
    assert "Andel resor med bil" in text
    # Organisations page lists the demo actors, and commitment owners link there.
    assert "Tensta gymnasium (demo)" in page_text(
        client_for(None).get("/organisations/?arena=jarva")
    )
    html = client_for(None).get(f"/commitments/{plastics.id}").get_data(as_text=True)
    assert f'href="/organisations/{plastics.owner_organisations[0].id}"' in html
