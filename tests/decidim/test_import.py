"""Importing a Decidim proposals export through the facilitator's pages: the preview
shows every row, what is skipped and why, and a guessed theme per category; the
confirmation saves all of it or nothing; a second import adds nothing twice."""

from datetime import UTC, datetime

from sqlalchemy import select

from arena.audit.models import AuditEntry
from arena.decidim.models import DecidimUpload
from arena.extensions import db
from arena.proposals.models import Proposal
from tests.decidim.helpers import confirm, export_file, jarva, mapping_of, move_cycle, upload
from tests.helpers import count, flashes, page_text


def _imported() -> dict[str, Proposal]:
    rows = db.session.scalars(select(Proposal).where(Proposal.external_source == "decidim"))
    return {p.external_id: p for p in rows}


def test_the_preview_shows_rows_skips_and_the_guessed_themes(make, client_for):
    _arena, cycle, facilitator = jarva(make)
    client = client_for(facilitator, accept_language="en")
    page = client.get("/arenas/jarva/manage/decidim/import")
    assert page.status_code == 200
    assert f"join the {cycle.year} cycle of Järva" in page_text(page)

    preview = upload(client, export_file("proposals.csv"))
    assert preview.status_code == 200
    text = page_text(preview)
    assert "Nothing is saved yet" in text
    assert "3 new, 0 already imported with new counts" in text and "1 not imported" in text
    for title in ("Fler cykelbanor i Tensta", "Community garden on the roof", "Solceller"):
        assert title in text
    assert "Withdrawn in Decidim: not imported." in text
    assert "rejected" in text  # Decidim's answer is shown, not taken over
    assert mapping_of(preview) == {
        "Transport och resor": "transport",
        "Mat och odling": "local_food",
        "Energi": "energy",
    }
    assert count(Proposal) == 0  # the preview saves nothing


def test_confirming_saves_every_row_with_decidim_as_its_source(make, client_for):
    arena, cycle, facilitator = jarva(make)
    client = client_for(facilitator, accept_language="en")
    preview = upload(client, export_file("proposals.csv"))
    done = confirm(client, preview, {"Energi": "consumption"})
    assert done.status_code == 303
    assert done.headers["Location"].endswith(f"/arenas/jarva/proposals?year={cycle.year}")
    assert "Imported from Decidim: 3 new proposals, 0 updated." in flashes(
        client.get(done.headers["Location"])
    )

    imported = _imported()
    assert set(imported) == {"101", "102", "104"}  # 103 was withdrawn
    bikes, garden, solar = imported["101"], imported["102"], imported["104"]
    assert (bikes.author_id, bikes.workshop_id, bikes.cycle_id) == (None, None, cycle.id)
    assert (bikes.title, bikes.language, bikes.theme.key) == (
        "Fler cykelbanor i Tensta",
        "sv",
        "transport",
    )
    assert bikes.summary == "Cykelbanan längs Tenstavägen saknar en bit."
    assert bikes.body.endswith("Den borde byggas klart före sommaren.")
    assert (bikes.external_supports, bikes.external_endorsements, bikes.support_count) == (12, 3, 0)
    assert bikes.external_url.endswith("/f/7/proposals/101")
    assert bikes.created_at == datetime(2026, 3, 2, 10, 15, tzinfo=UTC)
    assert (garden.language, garden.body, garden.theme.key) == (
        "en",
        "Grow vegetables on the roof of the school.",
        "local_food",
    )
    assert (solar.status, solar.theme.key) == ("published", "consumption")  # not "rejected"

    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "decidim.import"))
    assert (entry.actor_id, entry.arena_id) == (facilitator.id, arena.id)
    assert entry.details["added"] == 3 and entry.details["skipped"] == 1
    assert count(DecidimUpload) == 0


def test_importing_the_same_file_again_adds_nothing_twice(make, client_for):
    _arena, _cycle, facilitator = jarva(make)
    client = client_for(facilitator, accept_language="en")
    confirm(client, upload(client, export_file("proposals.csv")))
    again = upload(client, export_file("proposals.csv"))
    assert "0 new, 0 already imported with new counts, 3 already imported and unchanged" in (
        page_text(again)
    )
    assert "There is nothing new to import" in page_text(again)
    assert "/import/confirm" not in again.get_data(as_text=True)

    # Decidim's counts moved on: only those are refreshed, nothing is added.
    newer = export_file("proposals.csv").replace(b";12;3;", b";15;4;")
    preview = upload(client, newer)
    assert "1 already imported with new counts" in page_text(preview)
    assert confirm(client, preview).status_code == 303
    assert count(Proposal) == 3
    bikes = _imported()["101"]
    db.session.refresh(bikes)
    assert (bikes.external_supports, bikes.external_endorsements) == (15, 4)


def test_a_bad_row_saves_nothing_and_names_its_line(make, client_for):
    _arena, _cycle, facilitator = jarva(make)
    client = client_for(facilitator, accept_language="en")
    broken = export_file("proposals.csv").replace(b";0;1;Sara;", b";many;1;Sara;")
    preview = upload(client, broken)
    assert preview.status_code == 200
    text = page_text(preview)
    assert "Nothing can be imported until the file is corrected" in text
    assert "Line 7: supports and endorsements must be whole numbers." in text
    assert "/import/confirm" not in preview.get_data(as_text=True)

    # Even a hand-made confirmation of the stored upload saves nothing.
    token = db.session.scalar(select(DecidimUpload.token))
    response = client.post("/arenas/jarva/manage/decidim/import/confirm", data={"token": token})
    assert response.status_code == 409
    assert count(Proposal) == 0


def test_a_file_that_is_not_a_decidim_export_is_refused_clearly(make, client_for, monkeypatch):
    _arena, _cycle, facilitator = jarva(make)
    client = client_for(facilitator, accept_language="en")
    response = upload(client, b"arena;indicator;year\njarva;x;2024\n", "stats.csv")
    assert response.status_code == 400
    assert "This file is not a Decidim proposals export" in page_text(response)
    for content in (b"\xff\xfe\x00binary", b"{not json", b"[1, 2]"):
        assert upload(client, content, "x.json").status_code == 400
    # A small limit stands in for the 1 MB one: the test client spools big bodies to
    # temporary files it never closes (MAX_CONTENT_LENGTH also stops them at 1 MB).
    from arena.decidim import views

    monkeypatch.setattr(views, "MAX_BYTES", 100)
    too_big = upload(client, export_file("proposals.csv"))
    assert too_big.status_code == 400 and "larger than 1 MB" in page_text(too_big)
    assert count(Proposal) == count(DecidimUpload) == 0


def test_an_unknown_theme_in_the_confirmation_saves_nothing(make, client_for):
    _arena, _cycle, facilitator = jarva(make)
    client = client_for(facilitator, accept_language="en")
    preview = upload(client, export_file("proposals.csv"))
    response = confirm(client, preview, {"Energi": "no-such-theme"})
    assert response.status_code == 409
    assert "There is no theme “no-such-theme” for the category “Energi”" in page_text(response)
    assert count(Proposal) == 0
    # The preview is shown again with the same file, so it can be put right.
    assert confirm(client, response, {"Energi": "energy"}).status_code == 303
    assert count(Proposal) == 3


def test_the_json_open_data_export_imports_too(make, client_for):
    _arena, _cycle, facilitator = jarva(make)
    client = client_for(facilitator, accept_language="en")
    preview = upload(client, export_file("proposals.json"), "proposals.json")
    assert mapping_of(preview) == {"Mobilitet": "transport", "Återbruk": "consumption"}
    assert "Item 3" not in page_text(preview)  # no problems
    assert confirm(client, preview).status_code == 303
    imported = _imported()
    assert set(imported) == {"201", "202"}
    assert (imported["201"].external_supports, imported["201"].external_endorsements) == (7, 2)
    assert imported["202"].external_supports is None  # Decidim hid its votes
    assert imported["201"].created_at == datetime(2026, 3, 10, 8, 0, tzinfo=UTC)


def test_residents_see_from_decidim_and_its_supports_apart(make, client_for):
    _arena, cycle, facilitator = jarva(make, phase="voting")
    client = client_for(facilitator, accept_language="en")
    confirm(client, upload(client, export_file("proposals.csv")))
    bikes = _imported()["101"]
    reader = client_for(None, accept_language="en")
    card = page_text(reader.get(f"/arenas/jarva/proposals?year={cycle.year}"))
    assert "From Decidim" in card
    assert "supports in Decidim" not in card  # counts wait for the vote to close
    move_cycle(cycle, "selection")
    page = reader.get(f"/proposals/{bikes.id}")
    html, text = page.get_data(as_text=True), page_text(page)
    assert "From Decidim" in text and 'href="https://decidim.example.org/' in html
    assert "0 online supports" in text
    assert "12 supports in Decidim · 3 endorsements in Decidim" in text
    results = page_text(reader.get(f"/arenas/jarva/results?year={cycle.year}"))
    assert "Supports in Decidim" in results
    assert "They are shown apart and are not part of the total." in results
    swedish = page_text(client_for(None, accept_language="sv").get(f"/proposals/{bikes.id}"))
    assert "Från Decidim" in swedish


def test_who_may_import_and_when(make, client_for):
    arena, cycle, _facilitator = jarva(make)
    other = make.arena("Skärholmen", slug="skarholmen")
    elsewhere = make.facilitator(other)
    resident = make.user(connected_to=arena)
    admin = make.user(is_admin=True)
    for user in (resident, elsewhere):
        assert client_for(user).get("/arenas/jarva/manage/decidim/import").status_code == 403
        assert upload(client_for(user), export_file("proposals.csv")).status_code == 403
    assert client_for(None).get("/arenas/jarva/manage/decidim/import").status_code == 302
    admin_client = client_for(admin, accept_language="en")
    assert (
        confirm(admin_client, upload(admin_client, export_file("proposals.csv"))).status_code == 303
    )
    assert count(Proposal) == 3

    move_cycle(cycle, "testing")
    page = admin_client.get("/arenas/jarva/manage/decidim/import")
    assert "only while proposing or voting is open" in page_text(page)
    assert 'type="file"' not in page.get_data(as_text=True)
