"""Indicators compared across arenas: found through adoption, marked by staff (audit-logged,
removable after a confirmation), and normalised per inhabitant where units differ."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from arena.arenas.models import DistrictStatistic
from arena.audit.models import AuditEntry
from arena.commitments.models import CheckIn, Commitment, Indicator, IndicatorValue
from arena.core.time import utcnow
from arena.extensions import db
from arena.staff.indicator_models import ComparisonGroup, ComparisonMember
from tests.helpers import count, page_text

URL = "/staff/indicators"


def _commitment(make, arena, *, origin=None, title="Sortera plasten", year=2026):
    cycle = make.cycle(arena, phase="testing", year=year)
    commitment = Commitment(
        arena=arena,
        cycle=cycle,
        title=title,
        status="active",
        origin_id=getattr(origin, "id", None),
    )
    db.session.add(commitment)
    db.session.flush()
    return commitment


def _indicator(commitment, *, name="Plastavfall", unit="kg", baseline=120.0, target=60.0):
    today = utcnow().date()
    indicator = Indicator(
        commitment=commitment,
        name=name,
        unit=unit,
        direction="down" if target < baseline else "up",
        baseline_value=baseline,
        baseline_on=today - timedelta(days=200),
        target_value=target,
        target_on=today + timedelta(days=200),
    )
    db.session.add(indicator)
    db.session.flush()
    return indicator


def _measure(commitment, indicator, value, author):
    db.session.add(
        CheckIn(
            commitment=commitment,
            author=author,
            reported_on=utcnow().date() - timedelta(days=3),
            values=[IndicatorValue(indicator=indicator, value=value)],
        )
    )


def _population(arena, year, value, name="population"):
    db.session.add(
        DistrictStatistic(
            arena_id=arena.id, indicator=name, year=year, value=value, unit="", source="SCB"
        )
    )


@pytest.fixture
def adopted(make):
    """Järva's commitment adopted by Skärholmen, the indicator copied; Järva measured 90."""
    jarva = make.arena("Järva", slug="jarva")
    skarholmen = make.arena("Skärholmen", slug="skarholmen")
    original = _commitment(make, jarva, year=2025)
    copy = _commitment(make, skarholmen, origin=original, title="Sortera plasten här")
    first, second = _indicator(original), _indicator(copy, baseline=100.0, target=50.0)
    _measure(original, first, 90.0, make.user())
    db.session.commit()
    return {"jarva": jarva, "skarholmen": skarholmen, "first": first, "second": second}


@pytest.fixture
def staff(make, client_for):
    return client_for(make.user(is_staff=True), accept_language="en")


def _section(html, title_id):
    start = html.index(f'id="{title_id}"')
    following = [html.find(f'id="{t}"', start + 1) for t in ("marked-title", "mark-title")]
    end = min(i for i in following if i > start)
    return html[start:end]


def test_who_may_open_it(make, client_for, adopted):
    anonymous = client_for(None).get(URL)
    assert anonymous.status_code == 302 and "/sign-in" in anonymous.headers["Location"]
    group = ComparisonGroup(
        name="Plast", members=[ComparisonMember(indicator_id=adopted["first"].id)]
    )
    db.session.add(group)
    db.session.commit()
    for person in (make.user(connected_to=adopted["jarva"]), make.facilitator(adopted["jarva"])):
        client = client_for(person)
        assert client.get(URL).status_code == 403
        assert client.post(URL, data={"name": "x"}).status_code == 403
        assert client.get(f"/staff/indicators/groups/{group.id}/remove").status_code == 403
        assert client.post(f"/staff/indicators/groups/{group.id}/remove").status_code == 403
    assert count(ComparisonGroup) == 1
    for person in (make.user(is_staff=True), make.user(is_admin=True)):
        client = client_for(person)
        assert client.get(URL).status_code == 200
        assert f'href="{URL}"' in client.get("/staff/").get_data(as_text=True)


def test_adopted_indicators_are_compared(staff, adopted):
    html = staff.get(URL).get_data(as_text=True)
    found = _section(html, "lineage-title")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found))
    assert "Plastavfall" in text and "2 arenas" in text
    assert "Järva 2025 Sortera plasten kg 120 90" in text
    assert ") 60 50%" in text  # (120 - 90) / (120 - 60)
    assert "Skärholmen 2026 Sortera plasten här kg 100 Not measured yet 50 –" in text
    assert '<svg class="chart chart-bars"' in found
    assert "per 1 000 inhabitants" not in text and "per 1,000 inhabitants" not in text


def test_different_units_are_shown_per_inhabitant(staff, adopted):
    adopted["second"].unit = "ton"
    _population(adopted["jarva"], 2024, 60000.0, name="Folkmängd")  # latest earlier year
    db.session.commit()
    text = page_text(staff.get(URL))
    assert "The units differ, so the values are shown per 1,000 inhabitants." in text
    # 120 kg for 60,000 inhabitants: 2 per 1,000; 90 → 1.5; 60 → 1.
    assert "Järva 2025 Sortera plasten kg per 1,000 inhabitants 2 1.5" in text
    assert "1 50% 60,000" in text
    assert "ton per 1,000 inhabitants No population figure" in text


def test_staff_mark_and_remove_a_comparison(make, client_for, adopted):
    person = make.user(is_staff=True)
    client = client_for(person, accept_language="en")
    ids = [adopted["first"].id, adopted["second"].id]
    response = client.post(
        URL, data={"name": "Plast i soporna", "indicators": ids, "per_inhabitant": "y"}
    )
    assert response.status_code == 303
    group = db.session.scalar(select(ComparisonGroup))
    assert response.headers["Location"].endswith(f"{URL}#group-{group.id}")
    assert group.per_inhabitant and sorted(m.indicator_id for m in group.members) == ids
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "comparison.create"))
    assert entry.actor_id == person.id and entry.target_id == group.id
    assert entry.details["indicators"] == ids and entry.details["name"] == "Plast i soporna"

    html = client.get(URL).get_data(as_text=True)
    marked = _section(html, "marked-title")
    assert "Plast i soporna" in marked and "Shown per 1,000 inhabitants, as staff asked." in marked
    remove_url = f"/staff/indicators/groups/{group.id}/remove"
    assert f'href="{remove_url}"' in marked

    confirm = client.get(remove_url)
    assert confirm.status_code == 200
    assert "Yes, remove the comparison" in page_text(confirm)
    assert count(ComparisonGroup) == 1  # asking does not remove

    gone = client.post(remove_url)
    assert gone.status_code == 303 and gone.headers["Location"].endswith(URL)
    assert count(ComparisonGroup) == 0 and count(ComparisonMember) == 0
    assert count(Indicator) == 2
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "comparison.remove"))
    assert entry.actor_id == person.id and entry.details["name"] == "Plast i soporna"
    assert client.get(remove_url).status_code == 404


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "", "indicators": ["FIRST", "SECOND"]}, "Give the comparison a name."),
        ({"name": "   ", "indicators": ["FIRST", "SECOND"]}, "Give the comparison a name."),
        ({"name": "Plast"}, "Choose at least two indicators to compare."),
        ({"name": "Plast", "indicators": ["FIRST"]}, "Choose at least two indicators to compare."),
        (
            {"name": "Plast", "indicators": ["FIRST", "99999999999999999999"]},
            "One of the chosen indicators no longer exists.",
        ),
        (
            {"name": "Plast", "indicators": ["FIRST", "2147483647"]},
            "One of the chosen indicators no longer exists.",
        ),
        ({"name": "x" * 161, "indicators": ["FIRST", "SECOND"]}, "160"),
        ({"name": "Plast", "indicators": ["FIRST", "abc"]}, "Indicators to compare"),
    ],
)
def test_bad_input_is_refused_with_a_message(staff, adopted, data, message):
    ids = {"FIRST": str(adopted["first"].id), "SECOND": str(adopted["second"].id)}
    if "indicators" in data:
        data = {**data, "indicators": [ids.get(i, i) for i in data["indicators"]]}
    response = staff.post(URL, data=data)
    assert response.status_code == 400
    assert message in page_text(response)
    assert count(ComparisonGroup) == 0
    assert count(AuditEntry) == 0


def test_choices_are_grouped_by_arena(staff, adopted):
    html = staff.get(URL).get_data(as_text=True)
    form = html[html.index('id="mark-title"') :]
    assert form.index("<legend>Järva</legend>") < form.index("<legend>Skärholmen</legend>")
    assert 'type="checkbox"' in form and " required" not in form.split("<fieldset", 1)[1]


def test_empty_states(staff):
    text = page_text(staff.get(URL))
    assert "No commitment with indicators has been adopted by another arena yet." in text
    assert "No indicators have been marked as comparable yet." in text
    assert "No commitment has indicators yet." in text
