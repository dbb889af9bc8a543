"""The public part of the export at /open-data: files without sign-in, a valid data
package, nothing the public pages hide, and answers that say when nothing changed."""

import json
from datetime import timedelta

import frictionless
import pytest

from arena.core.time import utcnow
from arena.extensions import db
from tests.exports.builders import EMAIL_NAME, build_year
from tests.exports.files import EMAIL, csv_rows, every_part
from tests.opendata.helpers import unzip, year_url


def _bundle(client, year_row, slug=None):
    response = client.get(year_url(slug or year_row.arena.slug, year_row.cycle.year, "bundle.zip"))
    assert response.status_code == 200, response.status_code
    assert response.mimetype == "application/zip"
    return unzip(response.data)


def _addresses(files, allowed):
    found = set()
    for _name, data in every_part(files):
        found |= {m.decode() for m in EMAIL.findall(data)}
    return found - {allowed}


@pytest.mark.parametrize("city", [False, True])
def test_the_bundle_is_public_valid_and_has_no_audit_log(make, client_for, app, tmp_path, city):
    year = build_year(make)
    files = _bundle(client_for(), year, "city" if city else None)
    for name, data in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    package = json.loads(files["datapackage.json"])
    names = {r["name"] for r in package["resources"]}
    assert {"proposals", "support_counts", "commitments", "owners"} <= names
    assert not {"audit_log", "representation"} & names
    assert not any(n.startswith(("data/audit", "data/representation")) for n in files)
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    # The only address anywhere is the publisher's contact, on the data card.
    assert _addresses(files, app.config["CONTACT_EMAIL"]) == set()
    assert EMAIL_NAME.encode() not in b"".join(files.values())
    card = files["README.md"].decode()
    assert "## Svenska" in card and "## English" in card and "audit_log" in card


def test_supports_wait_for_voting_to_close(make, client_for):
    year = build_year(make, phase="voting")
    client = client_for()
    files = _bundle(client, year)
    proposals = csv_rows(files["data/proposals.csv"])
    assert {(r["online_supports"], r["workshop_votes"]) for r in proposals} == {("", "")}
    assert csv_rows(files["data/support_counts.csv"]) == []
    assert csv_rows(files["data/workshop_tallies.csv"]) == []
    # Voting closes: the same addresses now carry the counts.
    year.cycle.voting_closes_at = utcnow() - timedelta(minutes=1)
    year.cycle.voting_opens_at = utcnow() - timedelta(days=3)
    db.session.commit()
    counted = csv_rows(_bundle(client, year)["data/support_counts.csv"])
    by_id = {int(r["proposal_id"]): r for r in counted}
    assert by_id[year.proposal.id]["online_supports"] == "1"
    assert by_id[year.paper.id]["workshop_votes"] == "7"
    one = client.get(year_url("skarholmen", year.cycle.year, "data/workshop_tallies.csv"))
    assert csv_rows(one.data) == [
        {
            "workshop_id": str(year.paper.workshop_id),
            "proposal_id": str(year.paper.id),
            "votes": "7",
        }
    ]


def test_hidden_proposal_is_its_placeholder(make, client_for):
    year = build_year(make)
    year.proposal.hidden_at = utcnow()
    year.proposal.hidden_reason = "Personuppgifter"
    year.proposal.decision_note = "Intern anteckning"
    db.session.commit()
    response = client_for().get(year_url("skarholmen", year.cycle.year, "data/proposals.csv"))
    row = next(r for r in csv_rows(response.data) if r["id"] == str(year.proposal.id))
    assert row["is_hidden"] == "true" and row["hidden_reason"] == "Personuppgifter"
    empty = ("title", "summary", "body", "author", "theme", "decision_note", "created_at")
    assert all(row[name] == "" for name in empty), row
    assert b"Mejla" not in response.data


def test_reviews_do_not_name_who_decided(make, client_for):
    from arena.exports.sources import Review

    year = build_year(make)
    db.session.add(
        Review(commitment_id=year.commitment.id, outcome="continue", rationale="Bra.",
               decided_by_id=year.facilitator.id)
    )  # fmt: skip
    db.session.commit()
    data = client_for().get(year_url("skarholmen", year.cycle.year, "data/reviews.csv")).data
    assert csv_rows(data)[0]["outcome"] == "continue"
    assert "decided_by" not in csv_rows(data)[0] and b"Bo Facilitator" not in data


@pytest.mark.parametrize(
    "name, media",
    [
        ("", "text/html"),
        ("datapackage.json", "application/json"),
        ("README.md", "text/markdown"),
        ("data.json", "application/json"),
        ("data/proposals.csv", "text/csv"),
        ("data.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ],
)
def test_every_file_answers_without_sign_in(make, client_for, name, media):
    year = build_year(make)
    response = client_for().get(year_url("skarholmen", year.cycle.year, name))
    assert response.status_code == 200 and response.mimetype == media
    if name:
        assert response.headers["Cache-Control"] == "public, max-age=300"
        assert response.headers["ETag"].startswith('W/"') and response.last_modified


def test_unchanged_files_answer_304_until_the_data_changes(make, client_for):
    year = build_year(make)
    client = client_for()
    url = year_url("skarholmen", year.cycle.year, "data/proposals.csv")
    first = client.get(url)
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    assert client.get(url, headers={"If-Modified-Since": modified}).status_code == 304
    make.proposal(year.cycle, title="Ett nytt förslag")
    db.session.commit()
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and "Ett nytt förslag" in changed.get_data(as_text=True)
    assert changed.headers["ETag"] != etag


def test_supports_during_voting_do_not_change_the_etag(make, client_for):
    from arena.exports.sources import Support

    year = build_year(make, phase="voting")
    client = client_for()
    url = year_url("skarholmen", year.cycle.year, "data.json")
    etag = client.get(url).headers["ETag"]
    db.session.add(Support(proposal_id=year.paper.id, user_id=year.walk_in.id))
    year.paper.support_count += 1
    db.session.commit()
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304


@pytest.mark.parametrize(
    "path",
    [
        "/open-data/no-such-arena/2025/",
        "/open-data/skarholmen/1999/bundle.zip",
        "/open-data/skarholmen/{other}/datapackage.json",
        "/open-data/city/{other}/",
        "/open-data/skarholmen/{year}/data/audit_log.csv",
        "/open-data/skarholmen/{year}/data/representation.csv",
        "/open-data/skarholmen/{year}/data/nothing.csv",
        "/open-data/skarholmen/twenty/",
        "/open-data/no-such-arena/",
    ],
)
def test_unknown_arena_year_or_table_is_404(make, client_for, path):
    year = build_year(make)
    url = path.format(year=year.cycle.year, other=year.cycle.year + 7)
    assert client_for().get(url).status_code == 404


def test_the_open_data_page_lists_every_dataset_and_the_footer_links_it(make, client_for):
    year = build_year(make)
    client = client_for()
    home = client.get("/").get_data(as_text=True)
    assert 'href="/open-data"' in home
    page = client.get("/open-data").get_data(as_text=True)
    y = year.cycle.year
    assert f'href="/open-data/skarholmen/{y}/"' in page
    assert f'href="/open-data/city/{y}/"' in page
    assert 'href="/open-data/catalog.ttl"' in page
    dataset = client.get("/open-data/skarholmen/")
    assert dataset.status_code == 200 and f'/open-data/skarholmen/{y}/"' in dataset.text
