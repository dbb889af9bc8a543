"""`flask --app arena export` on the demo data, and its errors."""

import pytest

from arena.core.time import utcnow
from arena.demo import seed_demo
from arena.extensions import db
from tests.exports.files import EMAIL, csv_rows, every_part, unzip, workbook


@pytest.fixture
def demo(app):
    now = utcnow()
    seed_demo(now)
    db.session.commit()
    return now.year


def test_city_workbook_from_the_demo(app, demo, tmp_path):
    output = tmp_path / "city.xlsx"
    args = ["export", "--year", str(demo), "--format", "xlsx", "--output", str(output)]
    result = app.test_cli_runner().invoke(args=args)
    assert result.exit_code == 0, result.output + result.stderr
    assert "proposals:" in result.stderr and "rows" in result.stderr
    book = workbook(output.read_bytes())
    assert {"arenas", "proposals", "commitments", "audit_log"} <= set(book.sheetnames)
    arenas = [row[1] for row in book["arenas"].iter_rows(min_row=2, values_only=True)]
    assert len(arenas) == 5


def test_one_arena_bundle_and_one_table(app, demo, tmp_path):
    runner = app.test_cli_runner()
    bundle = tmp_path / "jarva.zip"
    args = ["export", "--year", str(demo), "--arena", "jarva", "--output", str(bundle)]
    assert runner.invoke(args=args).exit_code == 0
    files = unzip(bundle.read_bytes())
    assert {r["slug"] for r in csv_rows(files["data/arenas.csv"])} == {"jarva"}
    for name, data in every_part(files):
        assert not EMAIL.search(data), name
    table = tmp_path / "proposals.csv"
    args = [
        "export",
        "--year",
        str(demo),
        "--arena",
        "jarva",
        "--format",
        "excel-csv",
        "--table",
        "proposals",
        "--output",
        str(table),
    ]
    assert runner.invoke(args=args).exit_code == 0
    assert table.read_bytes().startswith(b"\xef\xbb\xbfid;arena")


@pytest.mark.parametrize(
    "extra, message",
    [
        (["--arena", "nowhere"], "No arena 'nowhere'"),
        (["--year", "1850"], "No year"),
        (["--year", "2099"], "No cycle in 2099"),
        (["--format", "pdf"], "Unknown format 'pdf'"),
        (["--format", "csv"], "A CSV file holds one table"),
        (["--format", "csv", "--table", "users"], "Unknown table 'users'"),
    ],
)
def test_clear_errors(app, demo, tmp_path, extra, message):
    output = tmp_path / "out"
    args = ["export", "--year", str(demo), "--output", str(output), *extra]
    result = app.test_cli_runner().invoke(args=args)
    assert result.exit_code != 0
    assert message in result.stderr
    assert not output.exists()
