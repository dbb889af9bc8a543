"""District statistics: CSV import by city staff (web and CLI), shown on the arena page."""

import io
import re
from datetime import UTC, datetime

import pytest
from sqlalchemy import event, select

from arena.arenas.models import DistrictStatistic
from arena.arenas.statistics import parse_value
from arena.audit.models import AuditEntry
from arena.extensions import db
from arena.representation import questions as q
from tests.helpers import count, page_text

SWEDISH_EXCEL = (
    "\ufeffarena;indicator;year;value;unit;source\r\n"
    "jarva;Andel resor med bil;2024;24,5;%;Resvaneundersökning 2024\r\n"
    "Skärholmen;Bilinnehav per 1 000 invånare;2024;302;bilar;Trafikkontoret\r\n"
    "jarva;Andel vuxna med god självskattad hälsa;2023;62,5;%;Folkhälsoenkät\r\n"
).encode()


@pytest.fixture
def world(make):
    with make.batch():
        jarva = make.arena("Järva", slug="jarva")
        other = make.arena("Skärholmen", slug="skarholmen")
        people = {
            "anonymous": None,
            "resident": make.user(connected_to=jarva),
            "facilitator_here": make.facilitator(jarva),
            "facilitator_elsewhere": make.facilitator(other),
            "staff": make.user(is_staff=True),
            "admin": make.user(is_admin=True),
        }
    return {"jarva": jarva, "people": people}


def preview(client, data: bytes, **form):
    return client.post(
        "/statistics/import",
        data={"file": (io.BytesIO(data), "statistik.csv"), **form},
        content_type="multipart/form-data",
    )


def upload(client, data: bytes, **form):
    """Upload, and confirm the preview when there is one: nothing is saved before."""
    response = preview(client, data, **form)
    token = re.search(rb'name="token" type="hidden" value="([^"]+)"', response.data)
    if response.status_code != 200 or token is None:
        return response
    return client.post("/statistics/import/confirm", data={"token": token.group(1).decode()})


def stored():
    rows = db.session.execute(
        select(
            DistrictStatistic.indicator,
            DistrictStatistic.year,
            DistrictStatistic.value,
            DistrictStatistic.unit,
            DistrictStatistic.source,
            DistrictStatistic.is_example,
        ).order_by(DistrictStatistic.indicator, DistrictStatistic.year)
    )
    return [tuple(r) for r in rows]


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("resident", 403),
        ("facilitator_here", 403),
        ("facilitator_elsewhere", 403),
        ("staff", 303),
        ("admin", 303),
    ],
)
def test_only_staff_and_admins_import(world, client_for, role, status):
    client = client_for(world["people"][role])
    if status != 302:
        assert client.get("/statistics/import").status_code == (403 if status == 403 else 200)
    response = upload(client, SWEDISH_EXCEL)
    assert response.status_code == status
    if status == 303:
        assert count(DistrictStatistic) == 3
        entry = db.session.scalar(select(AuditEntry))
        assert entry.action == "statistics.import" and entry.actor_id == world["people"][role].id
        assert entry.details["added"] == 3
    else:
        assert count(DistrictStatistic) == 0 and count(AuditEntry) == 0


def test_semicolons_decimal_comma_bom_and_swedish_characters_round_trip(world, client_for):
    client = client_for(world["people"]["staff"], accept_language="en")
    response = upload(client, SWEDISH_EXCEL)
    assert response.status_code == 303
    assert stored() == [
        ("Andel resor med bil", 2024, 24.5, "%", "Resvaneundersökning 2024", False),
        ("Andel vuxna med god självskattad hälsa", 2023, 62.5, "%", "Folkhälsoenkät", False),
        ("Bilinnehav per 1 000 invånare", 2024, 302.0, "bilar", "Trafikkontoret", False),
    ]
    # The arena page shows them, grouped, in the reader's number format (Swedish by default).
    text = page_text(client_for(None).get("/arenas/jarva"))
    assert "Andel resor med bil 2024 24,5 % Resvaneundersökning 2024" in text
    assert "självskattad hälsa 2023 62,5 %" in text
    assert "Bilinnehav" not in text  # that row belongs to Skärholmen
    assert "Example data" not in text and "Exempeldata" not in text


def test_a_second_import_updates_and_reports_counts(world, client_for):
    client = client_for(world["people"]["admin"])
    upload(client, SWEDISH_EXCEL)
    again = (
        b'arena,indicator,year,value,unit,source\njarva,Andel resor med bil,2024,"23,0",%,Ny\n'
        b"jarva,Andel resor med bil,2025,22.1,%,Ny\n"
    )
    response = upload(client, again, is_example="y")
    assert response.status_code == 303
    assert count(DistrictStatistic) == 4
    row = db.session.scalar(
        select(DistrictStatistic).where(
            DistrictStatistic.year == 2024, DistrictStatistic.indicator == "Andel resor med bil"
        )
    )
    assert (row.value, row.source, row.is_example) == (23.0, "Ny", True)
    details = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()[-1].details
    assert (details["added"], details["updated"]) == (1, 1)


def test_one_bad_row_imports_nothing_and_every_bad_row_is_named(world, client_for):
    bad = (
        "arena;indicator;year;value;unit;source\n"
        "jarva;Andel resor med bil;2024;24,5;%;RVU\n"
        "jarva;Andel resor med bil;2023;många;%;RVU\n"
        "Järvaa;Andel resor med bil;2024;1;%;RVU\n"
        "jarva;Bilar;99999999999999999999;1;st;RVU\n"
        "jarva;Bilar;2024;1e400;st;\n"
        "jarva;Andel resor med bil;2024;25;%;RVU\n"
        "jarva;för få kolumner\n"
    ).encode()
    client = client_for(world["people"]["staff"], accept_language="en")
    response = upload(client, bad)
    assert response.status_code == 200
    text = page_text(response)
    assert "Row 3: value is not a number" in text
    assert "Row 4: unknown arena 'Järvaa'" in text
    assert "Row 5: the year must be a year like 2024" in text
    assert "Row 6: value is not a number" in text and "Row 6: the source is missing" in text
    assert "Row 7: the same arena, indicator and year as row 2" in text
    assert "Row 8: expected 6 columns, found 2" in text
    assert count(DistrictStatistic) == 0 and count(AuditEntry) == 0


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\xff\xfe not utf-8 \x00",
        b"name,value\nx,1\n",
        b"arena,indicator,year,value,unit,source\n",
        b"arena,indicator,year,value,unit,source\n\x00jarva,\x00A,2024,1,%,K\x00\n",
    ],
)
def test_odd_files_are_refused_or_cleaned_never_a_500(world, client_for, data):
    response = upload(client_for(world["people"]["staff"]), data)
    assert response.status_code in (200, 303)
    if response.status_code == 303:  # the NUL bytes are dropped
        assert stored() == [("A", 2024, 1.0, "%", "K", False)]
    else:
        assert count(DistrictStatistic) == 0


def test_files_over_the_limit_are_refused(world, client_for, monkeypatch):
    # A small limit stands in for the 1 MB one: the test client spools big bodies to
    # temporary files it never closes. (MAX_CONTENT_LENGTH also stops them at 1 MB.)
    from arena.arenas import statistics_views

    monkeypatch.setattr(statistics_views, "MAX_BYTES", len(SWEDISH_EXCEL) - 1)
    response = upload(client_for(world["people"]["staff"]), SWEDISH_EXCEL)
    assert response.status_code == 200
    assert count(DistrictStatistic) == 0


def test_number_parsing():
    """The CSV reads numbers like the forms do (core.numbers.parse_decimal)."""
    assert parse_value("4,2") == 4.2
    assert parse_value("1 234,5") == 1234.5
    # The typographic minus sign; no longer with a space after it (forms refuse that too).
    assert parse_value("\u22123") == -3
    for bad in ("", "1,2,3", "1.2,3", "nan", "inf", "abc", "1" * 50, "\u2212 3"):
        assert parse_value(bad) is None


def test_cli_import_with_example_flag(world, app, client_for, tmp_path):
    path = tmp_path / "stats.csv"
    path.write_bytes(SWEDISH_EXCEL)
    runner = app.test_cli_runner()
    result = runner.invoke(args=["stats", "import", str(path), "--example"])
    assert result.exit_code == 0, result.output
    assert "3 added, 0 updated" in result.output
    assert {row[-1] for row in stored()} == {True}
    text = page_text(client_for(None, accept_language="en").get("/arenas/jarva"))
    assert (
        "Exempeldata, inte officiell statistik" in text
        or "Example data, not official statistics" in text
    )

    path.write_bytes(b"arena,indicator,year,value,unit,source\nnowhere,A,2024,x,%,K\n")
    result = runner.invoke(args=["stats", "import", str(path)])
    assert result.exit_code != 0
    assert "unknown arena 'nowhere'" in result.output and "Nothing was imported" in result.output
    assert count(DistrictStatistic) == 3


def _token(response) -> str:
    return re.search(r'name="token" type="hidden" value="([^"]+)"', response.get_data(True))[1]


def test_the_preview_shows_what_changes_and_saves_nothing(world, client_for):
    client = client_for(world["people"]["staff"], accept_language="en")
    upload(client, SWEDISH_EXCEL)
    again = (
        "arena,indicator,year,value,unit,source\n"
        'jarva,Andel resor med bil,2024,"23,0",%,Resvaneundersökning 2024\n'
        "jarva,Andel resor med bil,2025,22.1,%,Ny\n"
        "skarholmen,Bilinnehav per 1 000 invånare,2024,302,bilar,Trafikkontoret\n"
    ).encode()
    before = stored()
    response = preview(client, again)
    assert response.status_code == 200
    text = page_text(response)
    assert (
        "Nothing is saved yet. The file has 3 rows: 1 new figures, 1 changed, 1 unchanged" in text
    )
    assert "Järva 2024, Andel resor med bil: 24.5 % → 23 %" in text
    assert "Järva 2025, Andel resor med bil: 22.1 %" in text
    assert stored() == before
    confirmed = client.post("/statistics/import/confirm", data={"token": _token(response)})
    assert confirmed.status_code == 303
    assert count(DistrictStatistic) == 4
    # The same token cannot import twice.
    twice = client.post("/statistics/import/confirm", data={"token": _token(response)})
    assert twice.status_code == 303 and count(DistrictStatistic) == 4


def test_only_the_uploader_confirms_and_only_before_it_expires(world, client_for, app):
    staff = world["people"]["staff"]
    response = preview(client_for(staff), SWEDISH_EXCEL)
    token = _token(response)
    other = client_for(world["people"]["admin"], accept_language="en")
    refused = other.post("/statistics/import/confirm", data={"token": token}, follow_redirects=True)
    assert "This preview has expired or was already imported" in page_text(refused)
    assert count(DistrictStatistic) == 0
    from arena.arenas.statistics_models import StatisticsUpload

    db.session.scalar(select(StatisticsUpload)).expires_at = datetime(2020, 1, 1, tzinfo=UTC)
    db.session.commit()
    late = client_for(staff).post("/statistics/import/confirm", data={"token": token})
    assert late.status_code == 303 and count(DistrictStatistic) == 0
    assert (
        client_for(world["people"]["resident"])
        .post("/statistics/import/confirm", data={"token": token})
        .status_code
        == 403
    )


def test_replacing_the_years_deletes_what_the_file_no_longer_has(world, client_for):
    client = client_for(world["people"]["staff"], accept_language="en")
    upload(client, SWEDISH_EXCEL)
    replacement = b"arena,indicator,year,value,unit,source\njarva,Ny indikator,2024,1,st,K\n"
    text = page_text(preview(client, replacement, replace_years="y"))
    assert "1 stored figures would be deleted" in text
    assert "Järva 2024, Andel resor med bil: 24.5 %" in text  # listed under what is deleted
    assert upload(client, replacement, replace_years="y").status_code == 303
    assert [row[:2] for row in stored()] == [
        ("Andel vuxna med god självskattad hälsa", 2023),  # another year: kept
        ("Bilinnehav per 1 000 invånare", 2024),  # another arena: kept
        ("Ny indikator", 2024),
    ]
    entry = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert entry.details["removed"] == 1


@pytest.mark.parametrize("which", ["jarva", "all"])
def test_deleting_a_year_asks_first_and_is_audited(world, client_for, which):
    client = client_for(world["people"]["staff"], accept_language="en")
    upload(client, SWEDISH_EXCEL)
    asked = client.post("/statistics/delete-year", data={"arena": which, "year": "2024"})
    assert asked.status_code == 200
    expected = 1 if which == "jarva" else 2
    assert f"{expected} figure" in page_text(asked) and "cannot be undone" in page_text(asked)
    assert count(DistrictStatistic) == 3
    html = asked.get_data(as_text=True)
    assert f'name="arena" value="{which}"' in html and 'name="confirmed" value="yes"' in html
    not_yes = {"arena": which, "year": "2024", "confirmed": "no"}
    assert client.post("/statistics/delete-year", data=not_yes).status_code == 200
    assert count(DistrictStatistic) == 3
    done = client.post(
        "/statistics/delete-year",
        data={"arena": which, "year": "2024", "confirmed": "yes", "reason": "Fel källa"},
    )
    assert done.status_code == 303
    assert count(DistrictStatistic) == 3 - expected
    entry = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert (entry.action, entry.details["deleted"], entry.reason) == (
        "statistics.delete",
        expected,
        "Fel källa",
    )
    nothing = client.post(
        "/statistics/delete-year", data={"arena": which, "year": "2030", "confirmed": "yes"}
    )
    assert nothing.status_code == 200 and "no figures for 2030" in page_text(nothing)


def test_residents_and_facilitators_cannot_delete(world, client_for):
    for role in ("resident", "facilitator_here"):
        client = client_for(world["people"][role])
        assert client.get("/statistics/delete-year").status_code == 403
        data = {"arena": "all", "year": "2024", "confirmed": "yes"}
        assert client.post("/statistics/delete-year", data=data).status_code == 403


def _reference(rows: str) -> bytes:
    return ("arena,indicator,year,value,unit,source\n" + rows).encode()


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            "jarva,reference.age_band.16-24,2024,60,%,SCB\njarva,reference.age_band.25-34,2024,30,%,SCB\n",
            "Järva 2024, Age: the shares add up to 90 %, not 100 %.",
        ),
        (
            "jarva,reference.age_band.16-24,2024,-5,people,SCB\n",
            "Row 2: a reference value cannot be negative.",
        ),
        (
            'jarva,reference.age_band.16-24,2024,"10,5",people,SCB\n',
            "Row 2: a number of people is a whole number.",
        ),
        (
            "jarva,reference.age_band.16-24,2024,10,st,SCB\n",
            "Row 2: a reference is counted in 'people' or '%'.",
        ),
        (
            "jarva,reference.age_band.12-13,2024,10,people,SCB\n",
            "Row 2: 'reference.age_band.12-13' is not a known reference key",
        ),
        (
            "jarva,reference.gender.woman,2024,50,%,SCB\njarva,reference.gender.man,2024,500,people,SCB\n",
            "Järva 2024, Gender: the reference mixes people and %",
        ),
    ],
)
def test_a_reference_that_does_not_add_up_is_refused(world, client_for, rows, message):
    response = preview(client_for(world["people"]["staff"], accept_language="en"), _reference(rows))
    assert response.status_code == 200
    assert message in page_text(response)
    assert 'name="token"' not in response.get_data(True)


def test_a_sensible_reference_is_accepted(world, client_for):
    rows = "".join(
        f"jarva,reference.age_band.{band},2024,{share},%,SCB\n"
        for band, share in zip(q.ANSWERS[q.AGE_BAND], [20, 10, 15, 15, 12, 12, 8, 8.5], strict=True)
    )
    assert upload(client_for(world["people"]["staff"]), _reference(rows)).status_code == 303
    assert count(DistrictStatistic) == 8


def test_a_large_import_takes_a_few_queries(world, app, client_for):
    """2,000 rows: a constant number of statements, not one per row (both databases)."""
    from arena.arenas.queries import list_arenas
    from arena.arenas.statistics import import_statistics, parse_statistics_csv

    lines = ["arena,indicator,year,value,unit,source"] + [
        f"jarva,Indikator {n},{2000 + n % 20},{n},st,K" for n in range(2000)
    ]
    data = "\n".join(lines).encode()
    rows, errors = parse_statistics_csv(data, list_arenas())
    assert not errors
    statements = []

    def count_statement(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    engine = db.engine
    event.listen(engine, "before_cursor_execute", count_statement)
    try:
        assert import_statistics(None, rows[:1000], source="cli") == (1000, 0)
        assert import_statistics(None, rows, source="cli") == (1000, 1000)
        db.session.commit()
    finally:
        event.remove(engine, "before_cursor_execute", count_statement)
    assert count(DistrictStatistic) == 2000
    assert len(statements) <= 12, statements


def test_every_bad_row_is_listed_not_only_the_first_fifty(world, client_for):
    lines = ["arena,indicator,year,value,unit,source"] + [
        f"jarva,Indikator {n},2024,x{n},st,K" for n in range(120)
    ]
    response = preview(
        client_for(world["people"]["staff"], accept_language="en"), "\n".join(lines).encode()
    )
    text = page_text(response)
    assert "Row 2: value is not a number" in text and "Row 121: value is not a number" in text
    assert 'name="token"' not in response.get_data(True)
