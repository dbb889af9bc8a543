"""Indicators and monthly measured check-ins for the city's commitments: a year of
them for a commitment whose testing year is over, a value for every indicator in
every check-in, moving from the baseline towards the target."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from arena.commitments.models import CheckIn, Indicator, IndicatorValue
from arena.core.time import at_local_time, local_day
from arena.demo.city_bulk import next_id
from arena.demo.city_plan import City

INDICATORS = (
    # name, unit, baseline, target
    ("Deltagande hushåll", "hushåll", 0.0, 300.0),
    ("Lånade cyklar eller verktyg", "lån per månad", 10.0, 150.0),
)
EVERY = timedelta(days=30)


def add_indicators_and_check_ins(city: City, commitments: list[dict]) -> None:
    next_indicator = next_id(Indicator.__table__)
    next_check_in = next_id(CheckIn.__table__)
    today = local_day(city.now)
    values = []
    for commitment in commitments:
        starts = commitment["starts_on"]
        indicators = []
        for order, (name, unit, baseline, target) in enumerate(INDICATORS):
            city.writer.add(
                Indicator.__table__,
                _indicator(next_indicator, commitment, order, name, unit, baseline, target),
            )
            indicators.append((next_indicator, baseline, target))
            next_indicator += 1
        last = min(today, commitment["ends_on"])
        day, month = starts + EVERY, 1
        while day <= last:
            city.writer.add(CheckIn.__table__, _check_in(city, next_check_in, commitment, day))
            for indicator_id, baseline, target in indicators:
                progress = min(month / 12, 1) * city.rng.uniform(0.6, 1.1)
                value = round(baseline + (target - baseline) * progress, 1)
                values.append(
                    {"check_in_id": next_check_in, "indicator_id": indicator_id, "value": value}
                )
            next_check_in += 1
            day, month = day + EVERY, month + 1
    city.writer.flush(Indicator.__table__, CheckIn.__table__)
    city.writer.add_all(IndicatorValue.__table__, values)
    city.writer.flush(IndicatorValue.__table__)


def _indicator(indicator_id, commitment, order, name, unit, baseline, target) -> dict:
    starts: date = commitment["starts_on"]
    return {
        "id": indicator_id,
        "commitment_id": commitment["id"],
        "name": name,
        "unit": unit,
        "direction": "up",
        "baseline_value": baseline,
        "baseline_on": starts,
        "target_value": target,
        "target_on": starts + timedelta(days=365),
        "method": "Räknat av ägarna varje månad.",
        "reported_by": "Ägarna",
        "sort_order": order,
        "created_at": commitment["created_at"],
    }


def _check_in(city: City, check_in_id: int, commitment: dict, day: date) -> dict:
    posted: datetime = at_local_time(day, time(18, 0)) + timedelta(days=1)
    return {
        "id": check_in_id,
        "commitment_id": commitment["id"],
        "author_id": commitment["owner_id"],
        "kind": "measurement",
        "reported_on": day,
        "note": "Månadens siffror från ägarna.",
        "language": "sv",
        "confidence": city.rng.choice(("medium", "high")),
        "created_at": min(posted, city.now),
        "is_auto_hidden": False,
    }
