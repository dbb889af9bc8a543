"""District statistics: an indicator's name per language from optional import columns,
falling back to the given name; an example figure's source is not shown twice."""

import pytest
from sqlalchemy import select

from arena.arenas.models import DistrictStatistic
from arena.arenas.statistics_csv import EXAMPLE_SOURCE
from arena.arenas.statistics_models import StatisticName
from arena.extensions import db
from tests.arenas.test_statistics import preview, upload, world  # noqa: F401 (fixture)
from tests.helpers import count, page_text

NAMED = (
    "arena,indicator,year,value,unit,source,indicator_en,indicator_fi\n"
    "jarva,Andel resor med cykel,2024,12.5,%,Trafikkontoret,Share of trips by bike,\n"
    "jarva,Andel resor med cykel,2023,11,%,Trafikkontoret,Share of trips by bike,"
    "Pyöräilymatkojen osuus\n"
    "jarva,Bilinnehav,2024,302,bilar,Trafikkontoret,,\n"
).encode()


def test_names_per_language_with_the_given_name_as_fallback(world, client_for):  # noqa: F811
    staff = client_for(world["people"]["staff"], accept_language="en")
    assert upload(staff, NAMED).status_code == 303
    names = {(n.indicator, n.language): n.name for n in db.session.scalars(select(StatisticName))}
    assert names == {
        ("Andel resor med cykel", "en"): "Share of trips by bike",
        ("Andel resor med cykel", "fi"): "Pyöräilymatkojen osuus",
    }
    english = client_for(None, accept_language="en").get("/arenas/jarva").get_data(as_text=True)
    assert (
        '<th scope="rowgroup" rowspan="2" lang="en" dir="ltr">Share of trips by bike</th>'
        in english
    )
    assert '<th scope="rowgroup" rowspan="1" lang="sv" dir="ltr">Bilinnehav</th>' in english
    swedish = page_text(client_for(None, accept_language="sv").get("/arenas/jarva"))
    assert "Andel resor med cykel" in swedish and "Share of trips" not in swedish
    # Somali has no name: the given one.
    assert "Andel resor med cykel" in page_text(
        client_for(None, accept_language="so").get("/arenas/jarva")
    )
    # A later file renames; names it does not give stay.
    again = NAMED.replace(b"Share of trips by bike", b"Trips by bicycle")
    assert upload(staff, again).status_code == 303
    db.session.expire_all()
    assert count(StatisticName) == 2
    assert "Trips by bicycle" in page_text(
        client_for(None, accept_language="en").get("/arenas/jarva")
    )


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("arena,indicator,year,value,unit,source,indicator_xx", "the header must be"),
        ("arena,indicator,year,value,unit,source,indicator_en,indicator_en", "the header must be"),
    ],
)
def test_unknown_or_repeated_name_columns_are_refused(world, client_for, header, message):  # noqa: F811
    staff = client_for(world["people"]["staff"], accept_language="en")
    data = f"{header}\njarva,Bilinnehav,2024,302,bilar,Trafikkontoret,Car ownership\n".encode()
    response = preview(staff, data)
    assert message in page_text(response)
    assert count(DistrictStatistic) == 0 and count(StatisticName) == 0


def test_a_too_long_name_is_named_by_row_and_saves_nothing(world, client_for):  # noqa: F811
    staff = client_for(world["people"]["staff"], accept_language="en")
    data = (
        "arena,indicator,year,value,unit,source,indicator_en\n"
        f"jarva,Bilinnehav,2024,302,bilar,Trafikkontoret,{'x' * 121}\n"
    ).encode()
    response = preview(staff, data)
    assert "Row 2: indicator_en is longer than 120 characters." in page_text(response)
    assert count(StatisticName) == 0


def test_an_example_figure_shows_its_example_label_once(world, client_for):  # noqa: F811
    db.session.add(
        DistrictStatistic(
            arena_id=world["jarva"].id,
            indicator="Bilinnehav",
            year=2024,
            value=302,
            unit="bilar",
            source=EXAMPLE_SOURCE,
            is_example=True,
        )
    )
    db.session.commit()
    text = page_text(client_for(None, accept_language="sv").get("/arenas/jarva"))
    assert text.count("Exempeldata, inte officiell statistik") == 1
