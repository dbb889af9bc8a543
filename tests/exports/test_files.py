"""What an export contains: no personal data, no formulas, typed cells, a valid data package."""

import json
from datetime import datetime

import frictionless

from arena.extensions import db
from tests.exports.builders import EMAIL_NAME, FORMULA_TITLE, build_year
from tests.exports.files import (
    EMAIL,
    csv_rows,
    download,
    every_part,
    sheet_rows,
    unzip,
    workbook,
)


def _bundle(client_for, year, staff):
    response = download(client_for(staff), year=year.cycle.year, arena="skarholmen")
    assert response.status_code == 200
    assert response.mimetype == "application/zip"
    return unzip(response.data)


def test_bundle_has_no_email_address_anywhere(make, client_for):
    year = build_year(make)
    files = _bundle(client_for, year, make.user(is_staff=True))
    assert "README.md" in files and "datapackage.json" in files
    for name, data in every_part(files):
        assert not EMAIL.search(data), f"an e-mail address in {name}"
    proposals = {int(r["id"]): r for r in csv_rows(files["data/proposals.csv"])}
    anna = proposals[year.proposal.id]["author"]
    assert anna.startswith("person-") and anna != EMAIL_NAME
    assert "[e-mail removed]" in proposals[year.proposal.id]["body"]
    # The workshop-only participant (no e-mail) appears by her public name.
    owners = csv_rows(files["data/owners.csv"])
    assert {o["kind"]: o["name"] for o in owners} == {
        "organisation": "Skärholmens odlare",
        "person": "Fatima",
    }
    # A paper proposal is credited to its workshop, not to the facilitator who typed it.
    paper = proposals[year.paper.id]
    assert (paper["source"], paper["author"]) == ("workshop", "")
    assert paper["workshop_place"] == "Skärholmens bibliotek"


def test_formulas_are_neutralised_in_csv_and_xlsx(make, client_for):
    year = build_year(make)
    files = _bundle(client_for, year, make.user(is_staff=True))
    for name, excel in (("data/proposals.csv", False), ("excel/proposals.csv", True)):
        titles = {r["title"] for r in csv_rows(files[name], excel=excel)}
        assert "'" + FORMULA_TITLE in titles and "'-Fler cykelställ" in titles
        assert FORMULA_TITLE not in titles
    book = workbook(files["skarholmen-" + str(year.cycle.year) + ".xlsx"])
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            assert all(cell.data_type != "f" for cell in row), sheet.title
    titles = {r["title"] for r in sheet_rows(book, "proposals")}
    assert "'" + FORMULA_TITLE in titles
    notes = {r["note"] for r in sheet_rows(book, "check_ins")}
    assert notes == {"'+ vi var tolv"}
    audit = sheet_rows(book, "audit_log")
    assert [r["reason"] for r in audit] == ["'@ny facilitator"]


def test_xlsx_numbers_are_numbers_and_dates_are_dates(make, client_for):
    year = build_year(make)
    response = download(
        client_for(make.user(is_staff=True)),
        year=year.cycle.year,
        arena="skarholmen",
        format="xlsx",
    )
    book = workbook(response.data)
    assert book["proposals"].freeze_panes == "A2"
    indicator = sheet_rows(book, "indicators")[0]
    # Negative numbers stay numbers: only text cells are neutralised.
    assert indicator["baseline_value"] == -5.5 and indicator["target_value"] == 3.25
    assert isinstance(indicator["baseline_on"], datetime)
    values = sheet_rows(book, "check_in_values")
    assert [v["value"] for v in values] == [-1.5]
    cycle = sheet_rows(book, "cycles")[0]
    assert isinstance(cycle["voting_closes_at"], datetime)
    assert isinstance(cycle["support_budget"], int) and cycle["results_public"] is True
    workshop = sheet_rows(book, "workshops")[0]
    assert workshop["participants"] == 14 and workshop["proposals"] == 1
    counts = {r["proposal_id"]: r for r in sheet_rows(book, "support_counts")}
    assert counts[year.proposal.id]["online_supports"] == 1
    assert counts[year.paper.id]["workshop_votes"] == 7


def test_swedish_excel_csv(make, client_for):
    year = build_year(make)
    client = client_for(make.user(is_staff=True))
    arenas = download(
        client, year=year.cycle.year, arena="skarholmen", format="excel-csv", table="arenas"
    )
    assert arenas.status_code == 200
    assert arenas.data.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in arenas.data and b";" in arenas.data.splitlines()[0]
    assert csv_rows(arenas.data, excel=True)[0]["name"] == "Skärholmen"
    indicators = download(
        client, year=year.cycle.year, arena="skarholmen", format="excel-csv", table="indicators"
    )
    row = csv_rows(indicators.data, excel=True)[0]
    assert (row["baseline_value"], row["target_value"]) == ("-5,5", "3,25")
    assert row["baseline_on"] == year.commitment.indicators[0].baseline_on.isoformat()
    cycles = download(
        client, year=year.cycle.year, arena="skarholmen", format="excel-csv", table="cycles"
    )
    closes = year.cycle.voting_closes_at.strftime("%Y-%m-%d %H:%M:%S")
    assert csv_rows(cycles.data, excel=True)[0]["voting_closes_at"] == closes
    plain = download(
        client, year=year.cycle.year, arena="skarholmen", format="csv", table="indicators"
    )
    assert csv_rows(plain.data)[0]["baseline_value"] == "-5.5"


def test_pseudonyms_are_stable_within_and_differ_between_exports(make, client_for):
    year = build_year(make)
    staff = make.user(is_staff=True)
    first, second = _bundle(client_for, year, staff), _bundle(client_for, year, staff)

    def names(files):
        audit = csv_rows(files["data/audit_log.csv"])[0]
        proposal = {int(r["id"]): r for r in csv_rows(files["data/proposals.csv"])}
        return audit["actor"], audit["target"], proposal[year.proposal.id]["author"]

    actor, target, author = names(first)
    assert actor.startswith("person-") and target.startswith("person-")
    assert target == author  # Anna is one pseudonym throughout one export
    again = names(second)
    assert again[0] != actor and again[1] != target
    assert "Bo Facilitator" not in first["data/audit_log.csv"].decode()


def test_datapackage_validates(make, client_for, tmp_path):
    year = build_year(make)
    for name, data in _bundle(client_for, year, make.user(is_staff=True)).items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    package = json.loads((tmp_path / "datapackage.json").read_text())
    assert {r["name"] for r in package["resources"]} >= {"proposals", "audit_log", "owners"}
    for resource in package["resources"]:
        assert all(f["description"] and f["type"] for f in resource["schema"]["fields"])
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_supports_do_not_leak_while_voting(make, client_for):
    year = build_year(make, phase="voting")
    files = _bundle(client_for, year, make.user(is_staff=True))
    proposals = csv_rows(files["data/proposals.csv"])
    assert {(r["online_supports"], r["workshop_votes"]) for r in proposals} == {("", "")}
    assert csv_rows(files["data/support_counts.csv"]) == []
    assert csv_rows(files["data/workshop_tallies.csv"]) == []


def test_json_is_typed(make, client_for):
    year = build_year(make)
    response = download(
        client_for(make.user(is_staff=True)),
        year=year.cycle.year,
        arena="skarholmen",
        format="json",
    )
    data = json.loads(response.data)
    assert data["scope"] == {"arena": "skarholmen", "year": year.cycle.year}
    assert data["tables"]["indicators"][0]["baseline_value"] == -5.5
    one = download(
        client_for(make.user(is_staff=True)),
        year=year.cycle.year,
        arena="skarholmen",
        format="json",
        table="arenas",
    )
    assert json.loads(one.data)[0]["name"] == "Skärholmen"


def test_deleted_people_are_deleted_user(make, client_for):
    year = build_year(make)
    year.walk_in.deleted_at, year.walk_in.display_name = year.cycle.voting_opens_at, ""
    db.session.commit()
    files = _bundle(client_for, year, make.user(is_staff=True))
    owners = {o["kind"]: o["name"] for o in csv_rows(files["data/owners.csv"])}
    assert owners["person"] == "deleted user"
    assert {c["author"] for c in csv_rows(files["data/check_ins.csv"])} == {"deleted user"}
