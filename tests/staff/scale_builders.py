"""A scenario for the ready-to-scale and report tests: Järva's 2025 plastics commitment,
reviewed "scale up" and measured three times, taken up by Skärholmen in 2026.

Models come through arena.staff.sources, like the staff pages' own imports."""

from datetime import date, timedelta

from arena.extensions import db
from arena.staff.sources import (
    CheckIn,
    Commitment,
    Indicator,
    IndicatorValue,
    Pledge,
    Review,
    Workshop,
)

STARTED = date(2025, 8, 1)


def commitment(cycle, title, status="active", **values) -> Commitment:
    row = Commitment(
        arena_id=cycle.arena_id, cycle_id=cycle.id, title=title, status=status, **values
    )
    db.session.add(row)
    db.session.flush()
    return row


def indicator(row, name="Plastavfall", baseline=4.2, target=3.0, unit="kg") -> Indicator:
    item = Indicator(
        commitment_id=row.id,
        name=name,
        unit=unit,
        direction="down" if target < baseline else "up",
        baseline_value=baseline,
        baseline_on=STARTED,
        target_value=target,
        target_on=STARTED + timedelta(days=300),
    )
    db.session.add(item)
    db.session.flush()
    return item


def measure(item, value, on, author, note="", hidden_at=None) -> CheckIn:
    check_in = CheckIn(
        commitment_id=item.commitment_id,
        author_id=author.id,
        reported_on=on,
        note=note,
        hidden_at=hidden_at,
        values=[IndicatorValue(indicator_id=item.id, value=value)],
    )
    db.session.add(check_in)
    db.session.flush()
    return check_in


def review(row, outcome, author, rationale="Det fungerade.", measured_result="") -> Review:
    item = Review(
        commitment_id=row.id,
        outcome=outcome,
        rationale=rationale,
        measured_result=measured_result,
        decided_by_id=author.id,
    )
    db.session.add(item)
    db.session.flush()
    return item


def scaled_up_scenario(make) -> dict:
    with make.batch():
        jarva = make.arena("Järva", slug="jarva", sort_order=1)
        skarholmen = make.arena("Skärholmen", slug="skarholmen", sort_order=2)
        make.arena("Innerstaden", slug="innerstaden", sort_order=3)
        cycle_2025 = make.cycle(jarva, phase="review", year=2025)
        cycle_2026 = make.cycle(skarholmen, phase="testing", year=2026)
        author = make.user(connected_to=jarva, display_name="Amina")
        plastics = commitment(cycle_2025, "Sortera plasten rätt i Tensta", status="scaled_up")
        waste = indicator(plastics, "Plastavfall i restavfallet")
        for month, value in enumerate((3.9, 3.6, 3.4), start=1):
            measure(waste, value, STARTED + timedelta(days=30 * month), author, f"Mätning {month}")
        measure(
            waste,
            9.9,
            STARTED + timedelta(days=120),
            author,
            "Dold",
            hidden_at=cycle_2025.closes_at,
        )
        review(
            plastics,
            "scale_up",
            author,
            rationale="Plasten minskade med en femtedel.",
            measured_result="Plastavfall: 3,4 kg (från 4,2, mål 3,0).",
        )
        energy = commitment(cycle_2025, "Energiombud i Husby")
        review(energy, "stop", author, rationale="För få deltog.")
        adopted = commitment(
            cycle_2026, "Sortera plasten rätt i Vårberg", status="active", origin_id=plastics.id
        )
        adopted_waste = indicator(adopted, "Plastavfall i restavfallet", baseline=4.5, target=3.8)
        measure(adopted_waste, 4.1, date(2026, 9, 1), author)
        measure(adopted_waste, 3.94, date(2026, 10, 1), author)
        db.session.add(Pledge(commitment_id=plastics.id, user_id=author.id))
        db.session.add(
            Workshop(
                cycle_id=cycle_2025.id,
                held_at=cycle_2025.proposing_opens_at + timedelta(days=2),
                place="Tensta träff",
                language="sv",
                participant_count=14,
                created_by_id=author.id,
            )
        )
    return dict(
        jarva=jarva,
        skarholmen=skarholmen,
        plastics=plastics,
        energy=energy,
        adopted=adopted,
        author=author,
        cycle_2025=cycle_2025,
        cycle_2026=cycle_2026,
    )
