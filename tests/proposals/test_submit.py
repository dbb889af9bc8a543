"""Writing a proposal: valid input is saved as written; invalid input is shown back
with the error next to the field and in the error summary, and nothing is saved."""

import re

import pytest
from sqlalchemy import select

from arena.extensions import db
from arena.proposals.models import Proposal
from tests.helpers import count, page_text


@pytest.fixture
def proposing(make):
    arena = make.arena("Skärholmen")
    cycle = make.cycle(arena, phase="proposing")
    make.theme("transport")
    make.theme("energy")
    make.co_benefit("cleaner_air")
    make.co_benefit("physical_activity")
    return arena, cycle, make.user(connected_to=arena)


def valid(**changes) -> dict:
    data = {
        "title": "Cykelkök i Vårberg",
        "summary": "Ett kök där grannar lagar sina cyklar ihop.",
        "theme": "transport",
        "language": "sv",
        "body": "Vi behöver en lokal.\n\nOch verktyg.",
        "climate_effect": "Färre bilresor.",
        "co_benefits": ["cleaner_air", "physical_activity"],
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def post(client, arena, data):
    return client.post(f"/arenas/{arena.slug}/proposals/new", data=data)


def only_proposal() -> Proposal:
    return db.session.scalars(select(Proposal)).one()


def test_a_valid_proposal_is_published_on_its_own_page(client_for, proposing):
    arena, cycle, resident = proposing
    response = post(client_for(resident, accept_language="en"), arena, valid())
    assert response.status_code == 303
    proposal = only_proposal()
    assert response.headers["Location"] == f"/proposals/{proposal.id}"
    assert (proposal.author_id, proposal.cycle_id) == (resident.id, cycle.id)
    assert proposal.language == "sv"
    assert proposal.theme.key == "transport"
    assert proposal.title == "Cykelkök i Vårberg"
    assert proposal.body == "Vi behöver en lokal.\n\nOch verktyg."
    assert sorted(b.key for b in proposal.co_benefits) == ["cleaner_air", "physical_activity"]
    assert proposal.organisation_id is None


def field_error(response, field: str) -> str | None:
    """The error shown next to the field, or None."""
    html = response.get_data(as_text=True)
    found = re.search(rf'<p class="error-message" id="{field}-error">(.*?)</p>', html, re.S)
    return page_text_of(found.group(1)) if found else None


def summary_links(response) -> list[str]:
    """The fields the error summary links to."""
    html = response.get_data(as_text=True)
    summary = re.search(r'<div class="error-summary".*?</div>', html, re.S)
    return re.findall(r'href="#([\w-]+)"', summary.group(0)) if summary else []


def page_text_of(fragment: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment)).strip()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "", "Give your proposal a title."),
        ("title", "   \t  ", "Give your proposal a title."),
        ("title", "x" * 121, "120"),
        ("summary", "", "Write a short summary."),
        ("summary", "y" * 301, "300"),
        ("theme", "", "Choose a theme."),
        ("theme", None, "Choose a theme."),
        ("theme", "flying_cars", "Not a valid choice"),
        ("language", "xx", "Not a valid choice"),
        ("co_benefits", ["world_peace"], "not a valid choice"),
    ],
)
def test_invalid_input_is_shown_back_and_nothing_is_saved(
    client_for, proposing, field, value, message
):
    arena, _, resident = proposing
    response = post(client_for(resident, accept_language="en"), arena, valid(**{field: value}))
    assert response.status_code == 200
    assert message in field_error(response, field)
    assert field in summary_links(response)
    assert count(Proposal) == 0
    # What the person wrote is kept in the form, so nothing has to be typed again.
    if field != "title":
        assert 'value="Cykelkök i Vårberg"' in response.get_data(as_text=True)


def test_a_title_of_exactly_120_characters_is_accepted(client_for, proposing):
    arena, _, resident = proposing
    response = post(client_for(resident), arena, valid(title="å" * 120))
    assert response.status_code == 303
    assert only_proposal().title == "å" * 120


@pytest.mark.parametrize(
    ("language", "title", "summary"),
    [
        ("sv", "Gröna gårdar åt alla – ÅÄÖ åäö", "Vi odlar på gården bakom Sätra centrum."),
        ("ar", "مرحبا بالدراجات", "نقترح ورشة لإصلاح الدراجات في الحي."),
        ("so", "Baaskiil 🚲🌱 for everyone", "Emoji stay as written: 🚲🌱👩🏽‍🔧."),
    ],
)
def test_text_in_any_script_round_trips_unchanged(client_for, proposing, language, title, summary):
    arena, _, resident = proposing
    client = client_for(resident, accept_language="en")
    response = post(client, arena, valid(title=title, summary=summary, language=language))
    assert response.status_code == 303
    page = client.get(response.headers["Location"])
    html = page.get_data(as_text=True)
    assert re.search(rf'<h1 lang="{language}"[^>]*>{re.escape(title)}</h1>', html)
    assert summary in html
    assert (only_proposal().title, only_proposal().summary) == (title, summary)


@pytest.mark.parametrize(
    "dirty",
    [
        "Cykel\x00kök",
        "\x00Cykelkök\x00",
        "Cykel\x07k\x1bök\x7f",
        "Cykel\x0bkök\x0c",
    ],
)
def test_control_characters_are_dropped_never_an_error(client_for, proposing, dirty):
    arena, _, resident = proposing
    # A NUL even in a choice: PostgreSQL would refuse it outright if it reached the database.
    data = valid(
        title=dirty, summary=f"Sam{dirty}manfattning", body="A\x00B", theme="transport\x00"
    )
    response = post(client_for(resident), arena, data)
    assert response.status_code == 303
    proposal = only_proposal()
    assert proposal.title == "Cykelkök"
    assert proposal.summary == "SamCykelkökmanfattning"
    assert proposal.body == "AB"


def test_only_control_characters_count_as_empty(client_for, proposing):
    arena, _, resident = proposing
    response = post(client_for(resident, accept_language="en"), arena, valid(title="\x00\x01 \x02"))
    assert response.status_code == 200
    assert field_error(response, "title") == "Give your proposal a title."
    assert count(Proposal) == 0


def test_proposing_for_an_organisation_needs_membership(client_for, make, proposing):
    arena, _, resident = proposing
    others = make.organisation(members=[make.user()], arenas=[arena], name="Sätra IF")
    mine = make.organisation(members=[resident], arenas=[arena], name="Vårbergs odlare")
    client = client_for(resident, accept_language="en")

    refused = post(client, arena, valid(organisation=str(others.id)))
    assert refused.status_code == 200
    assert "Not a valid choice" in field_error(refused, "organisation")
    assert count(Proposal) == 0

    accepted = post(client, arena, valid(organisation=str(mine.id)))
    assert accepted.status_code == 303
    assert only_proposal().organisation_id == mine.id
    assert "Vårbergs odlare" in page_text(client.get(accepted.headers["Location"]))


def test_the_form_offers_only_my_organisations(client_for, make, proposing):
    arena, _, resident = proposing
    make.organisation(members=[make.user()], name="Sätra IF")
    make.organisation(members=[resident], name="Vårbergs odlare")
    html = client_for(resident).get(f"/arenas/{arena.slug}/proposals/new").get_data(as_text=True)
    assert "Vårbergs odlare" in html
    assert "Sätra IF" not in html


def test_the_form_starts_in_the_language_i_browse_in(client_for, proposing):
    arena, _, resident = proposing
    page = client_for(resident, accept_language="en").get(f"/arenas/{arena.slug}/proposals/new")
    html = page.get_data(as_text=True)
    assert re.search(r'<option selected value="en">|<option value="en" selected>', html)
