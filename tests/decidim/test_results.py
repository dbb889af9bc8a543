"""The arena's commitments as Decidim accountability results: exactly the columns
Decidim's results import reads, a progress per status (and from the indicators),
the testing period as dates, and links back to the commitment and its proposals."""

import csv
import io

from arena.commitments.models import CommitmentStatus
from arena.extensions import db
from arena.proposals.models import Proposal
from tests.commitments.followup_helpers import add_indicator, add_value, make_commitment
from tests.decidim.helpers import confirm, export_file, jarva, move_cycle, upload

# The header Decidim's accountability results import reads, for an organisation in
# Swedish and English. Read at decidim/decidim commit
# c728edee4cfed81a853655bc2ac777d55fc080cd:
# decidim-accountability/app/services/decidim/accountability/results_csv_importer.rb
# (";" between columns; it reads id, parent/id, title/<locale>, description/<locale>,
# start_date, end_date, category/id, status/id, proposal_urls and hands every column
# to its ResultForm, which also takes progress, external_id and weight), laid out as
# Decidim's own results export that the importer's test file uses
# (decidim-accountability/spec/fixtures/valid_result.csv, commit
# dffbf71a05420cfbd8c46761d77dcb9055a4eda8).
EXPECTED_HEADER = [
    "id",
    "category/id",
    "category/name/sv",
    "category/name/en",
    "scope/id",
    "scope/name/sv",
    "scope/name/en",
    "parent/id",
    "title/sv",
    "title/en",
    "description/sv",
    "description/en",
    "start_date",
    "end_date",
    "status/id",
    "status/key",
    "status/name/sv",
    "status/name/en",
    "progress",
    "created_at",
    "url",
    "component/id",
    "proposal_urls",
    "external_id",
    "weight",
]


def _rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def _jarva_with_commitments(make, client_for):
    """Järva 2026 in testing: three commitments, one from a Decidim proposal."""
    arena, cycle, facilitator = jarva(make, phase="voting")
    client = client_for(facilitator, accept_language="en")
    confirm(client, upload(client, export_file("proposals.csv")))
    move_cycle(cycle, "testing")
    planned = make_commitment(
        make, arena, cycle=cycle, status=CommitmentStatus.PLANNED, title="Lånecyklar"
    )
    active = make_commitment(make, arena, cycle=cycle, title="Cykla till skolan")
    reviewed = make_commitment(
        make, arena, cycle=cycle, status=CommitmentStatus.CONTINUED, title="=Solceller"
    )
    bikes = db.session.scalar(db.select(Proposal).where(Proposal.external_id == "101"))
    active.proposals = [bikes]
    active.themes = [bikes.theme]
    db.session.commit()
    indicator = add_indicator(active, baseline=10.0, target=20.0)
    add_value(active, indicator, 14.0, author=facilitator)
    return arena, cycle, facilitator, (planned, active, reviewed), bikes


def test_the_results_file_has_exactly_decidims_columns(make, client_for):
    arena, cycle, facilitator, (planned, active, reviewed), bikes = _jarva_with_commitments(
        make, client_for
    )
    response = client_for(facilitator).get(
        f"/arenas/jarva/manage/decidim/results.csv?year={cycle.year}"
    )
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert f"decidim-results-jarva-{cycle.year}.csv" in response.headers["Content-Disposition"]
    text = response.get_data(as_text=True)
    assert text.splitlines()[0].split(";") == EXPECTED_HEADER
    rows = {row["external_id"]: row for row in _rows(text)}
    assert set(rows) == {f"arena-jarva-commitment-{c.id}" for c in (planned, active, reviewed)}

    row = rows[f"arena-jarva-commitment-{active.id}"]
    assert row["title/sv"] == row["title/en"] == "Cykla till skolan"
    assert (row["status/key"], row["status/name/en"], row["status/name/sv"]) == (
        "active",
        "Being tested",
        "Testas",
    )
    assert row["progress"] == "40.0"  # 10 → 14 of the way to 20
    testing = cycle.testing_starts_at.date().isoformat()
    assert row["start_date"] <= testing and row["end_date"] > row["start_date"]
    assert row["category/name/en"] == "Transport"
    # Decidim's own ids stay empty: the import would overwrite or refuse by them.
    assert row["id"] == row["status/id"] == row["category/id"] == row["proposal_urls"] == ""
    assert f"/commitments/{active.id}" in row["url"]
    assert f"/proposals/{bikes.id}" in row["description/sv"]
    assert "decidim.example.org/processes/jarva-2026/f/7/proposals/101" in row["description/sv"]
    assert row["weight"] == "1.0"

    assert rows[f"arena-jarva-commitment-{planned.id}"]["progress"] == "0.0"
    done = rows[f"arena-jarva-commitment-{reviewed.id}"]
    assert done["progress"] == "100.0"
    assert done["title/sv"] == "'=Solceller"  # safe in a spreadsheet too


def test_an_active_commitment_without_values_is_halfway(make, client_for):
    arena, cycle, _facilitator = jarva(make, phase="testing")
    make_commitment(make, arena, cycle=cycle)
    staff = make.user(is_staff=True)
    text = client_for(staff).get("/arenas/jarva/manage/decidim/results.csv").get_data(as_text=True)
    assert _rows(text)[0]["progress"] == "50.0"


def test_who_may_download_the_results(make, client_for):
    arena, cycle, _facilitator = jarva(make, phase="testing")
    other = make.arena("Skärholmen", slug="skarholmen")
    for user, status in (
        (make.user(connected_to=arena), 403),
        (make.facilitator(other), 403),
        (make.user(is_staff=True), 200),
        (make.user(is_admin=True), 200),
    ):
        assert client_for(user).get("/arenas/jarva/manage/decidim/results.csv").status_code == (
            status
        )
    staff = make.user(is_staff=True)
    assert (
        client_for(staff).get("/arenas/jarva/manage/decidim/results.csv?year=1999").status_code
        == 404
    )
