"""An indicator's reporting interval is published wherever its indicator is: in the API
(and its OpenAPI document), and in every open-data file — CSV, XLSX, JSON and the data
package's description, which Frictionless still finds valid."""

import json

import frictionless
from sqlalchemy import select

from arena.commitments.models import Indicator
from arena.extensions import db
from tests.exports.builders import build_year
from tests.exports.files import csv_rows, download, sheet_rows, workbook
from tests.opendata.helpers import unzip, year_url


def _quarterly_year(make):
    year = build_year(make)
    indicator = db.session.scalar(select(Indicator).where(Indicator.commitment == year.commitment))
    indicator.reporting_interval = "quarterly"
    db.session.commit()
    return year, indicator


def test_the_api_gives_each_indicator_its_reporting_interval(make, client_for):
    year, indicator = _quarterly_year(make)
    client = client_for(None)
    shown = client.get(f"/api/v1/commitments/{year.commitment.id}").get_json()
    assert [(i["id"], i["reporting_interval"]) for i in shown["indicators"]] == [
        (indicator.id, "quarterly")
    ]
    listed = client.get("/api/v1/commitments").get_json()["items"]
    assert {i["reporting_interval"] for c in listed for i in c["indicators"]} == {"quarterly"}
    document = client.get("/api/v1/openapi.json").get_json()
    field = document["components"]["schemas"]["Indicator"]["properties"]["reporting_interval"]
    assert field["enum"] == ["weekly", "monthly", "quarterly", "yearly"]
    assert "reminded" in field["description"]
    assert "reporting_interval" in document["components"]["schemas"]["Indicator"]["required"]


def test_open_data_files_carry_the_reporting_interval(make, client_for):
    year, _indicator = _quarterly_year(make)
    client = client_for()
    slug, number = year.arena.slug, year.cycle.year
    csv = client.get(year_url(slug, number, "data/indicators.csv"))
    assert csv.status_code == 200
    assert [r["reporting_interval"] for r in csv_rows(csv.data)] == ["quarterly"]
    book = workbook(client.get(year_url(slug, number, "data.xlsx")).data)
    assert [r["reporting_interval"] for r in sheet_rows(book, "indicators")] == ["quarterly"]
    data = client.get(year_url(slug, number, "data.json")).get_json()
    assert [r["reporting_interval"] for r in data["tables"]["indicators"]] == ["quarterly"]


def test_the_data_package_describes_it_and_stays_valid(make, client_for, tmp_path):
    year, _indicator = _quarterly_year(make)
    client = client_for()
    descriptor = client.get(year_url(year.arena.slug, year.cycle.year, "datapackage.json"))
    [resource] = [r for r in descriptor.get_json()["resources"] if r["name"] == "indicators"]
    [field] = [f for f in resource["schema"]["fields"] if f["name"] == "reporting_interval"]
    assert field["type"] == "string"
    assert "weekly, monthly, quarterly or yearly" in field["description"]
    files = unzip(client.get(year_url(year.arena.slug, year.cycle.year, "bundle.zip")).data)
    for name, content in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    assert "reporting_interval" in files["README.md"].decode()
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_the_staff_export_has_it_too(make, client_for):
    year, _indicator = _quarterly_year(make)
    staff = client_for(make.user(is_staff=True))
    plain = download(
        staff, year=year.cycle.year, arena="skarholmen", format="csv", table="indicators"
    )
    assert csv_rows(plain.data)[0]["reporting_interval"] == "quarterly"
    excel = download(
        staff, year=year.cycle.year, arena="skarholmen", format="excel-csv", table="indicators"
    )
    assert csv_rows(excel.data, excel=True)[0]["reporting_interval"] == "quarterly"
    data = json.loads(download(staff, year=year.cycle.year, arena="skarholmen", format="json").data)
    assert data["tables"]["indicators"][0]["reporting_interval"] == "quarterly"
