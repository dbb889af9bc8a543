"""A commitment's family: versions across years and adoptions in other arenas,
with their results side by side, loaded in a bounded number of queries."""

from datetime import timedelta

import pytest
from sqlalchemy import event

from arena.core.time import utcnow
from arena.extensions import db
from arena.reviews import lineage
from arena.reviews.models import Review
from tests.helpers import page_text
from tests.reviews.review_helpers import add_indicator, make_commitment, measure


@pytest.fixture
def family(make):
    """Järva 2025 → scaled up → Skärholmen 2026 adoption, and Järva 2025 → Järva 2026."""
    today = utcnow().date()
    with make.batch():
        jarva = make.arena("Järva", slug="jarva")
        skarholmen = make.arena("Skärholmen", slug="skarholmen")
        j2025 = make.cycle(jarva, phase="review", year=2025)
        j2026 = make.cycle(jarva, phase="proposing", year=2026)
        s2026 = make.cycle(skarholmen, phase="proposing", year=2026)
        author = make.user(connected_to=jarva)
        root = make_commitment(j2025, title="Mindre plast Järva", status="scaled_up")
        add_indicator(root, baseline=100, target=60)
        measure(root.indicators[0], 70, today - timedelta(days=3), author)
        db.session.add(
            Review(
                commitment=root,
                outcome="scale_up",
                rationale="Halverat nästan.",
                decided_by_id=author.id,
            )
        )
        version = make_commitment(
            j2026,
            title="Mindre plast Järva 2026",
            status="planned",
            previous_id=root.id,
            changes="Nytt mål.",
        )
        add_indicator(version, baseline=70, target=40)
        adopted = make_commitment(
            s2026, title="Mindre plast Skärholmen", status="planned", origin_id=root.id
        )
        add_indicator(adopted, baseline=200, target=150)
        measure(adopted.indicators[0], 175, today, author)
    return dict(root=root, version=version, adopted=adopted)


def test_every_member_shows_the_whole_family_side_by_side(family, client_for):
    client = client_for(None, accept_language="en")
    for member in family.values():
        response = client.get(f"/commitments/{member.id}")
        assert response.status_code == 200
        text = page_text(response)
        assert "Versions and spread" in text
        assert "This commitment across years and 2 arenas" in text
        for other in family.values():
            assert other.title in text
        # Results side by side: the same plastics indicator in both arenas, one row each.
        assert "Results side by side" in text
        assert "Plastavfall (kg) Järva 2025 100 70 60 75%" in text
        assert "Plastavfall (kg) Järva 2026 70 Not measured yet 40 –" in text
        assert "Plastavfall (kg) Skärholmen 2026 200 175 150 50%" in text
        assert "Scaled up: Halverat nästan." in text
        # The adopted one is marked as such, apart from its title (once "Skärholmenadopted").
        assert "Mindre plast Skärholmen adopted" in text


def test_lineage_order_and_root(family):
    found = lineage.get_lineage(family["adopted"])
    assert [m.id for m in found.members] == [
        family["root"].id,
        family["version"].id,
        family["adopted"].id,
    ]
    assert found.root.id == family["root"].id
    assert [r.commitment.arena.name for r in found.results] == ["Järva", "Järva", "Skärholmen"]
    assert [r.progress for r in found.results] == [0.75, None, 0.5]


def count_queries():
    statements = []

    def listener(conn, cursor, statement, *args):
        statements.append(statement)

    return statements, listener


def test_queries_are_bounded_and_cycles_are_guarded(make, family):
    # Five more adoptions in as many arenas: the query count must not grow with them.
    with make.batch():
        for n in range(5):
            arena = make.arena(f"Stadsdel {n}")
            cycle = make.cycle(arena, phase="proposing", year=2026)
            add_indicator(make_commitment(cycle, title=f"Kopia {n}", origin_id=family["root"].id))
    db.session.expire_all()
    statements, listener = count_queries()
    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        found = lineage.get_lineage(family["version"])
        [(r.commitment.arena.name, r.commitment.cycle.year) for r in found.results]
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    assert len(found.members) == 8
    assert len(statements) <= 12, statements

    # Corrupt links that loop (A previous B, B previous A) still end.
    with make.batch():
        cycle = make.cycle(make.arena(), phase="review", year=2025)
        a = make_commitment(cycle, title="A")
        b = make_commitment(
            make.cycle(cycle.arena, phase="proposing", year=2026), title="B", previous_id=a.id
        )
        a.previous_id = b.id
    assert lineage.family_ids(a.id) == {a.id, b.id}


def test_a_lone_commitment_shows_no_family(make, client_for):
    cycle = make.cycle(phase="testing")
    lone = make_commitment(cycle, title="Ensam")
    db.session.commit()
    text = page_text(client_for(None, accept_language="en").get(f"/commitments/{lone.id}"))
    assert "Ensam" in text and "Versions and spread" not in text
