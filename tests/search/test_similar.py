"""Similar proposals while writing: a step before publishing (without JavaScript), the
fragment the script fetches while typing, and the facilitators' likely duplicates."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from arena.core.time import utcnow
from arena.extensions import db
from arena.proposals.models import Proposal


@pytest.fixture
def proposing(make):
    arena = make.arena("Skärholmen", slug="skarholmen")
    cycle = make.cycle(arena, phase="proposing")
    theme = make.theme("transport")
    existing = make.proposal(
        cycle,
        theme=theme,
        title="Cykelverkstad i Vårberg",
        summary="En verkstad där grannar lagar sina cyklar tillsammans.",
    )
    make.proposal(cycle, theme=theme, title="Solceller på skolan", summary="Tak med solceller.")
    return arena, cycle, existing, make.user(connected_to=arena)


def form(**changes) -> dict:
    data = {
        "title": "Laga cyklar i Vårberg",
        "summary": "Grannar som lagar cyklar ihop i en verkstad.",
        "theme": "transport",
        "language": "sv",
    }
    return data | changes


def count_proposals() -> int:
    return db.session.scalar(select(func.count()).select_from(Proposal))


def test_a_similar_proposal_is_shown_before_publishing(proposing, client_for):
    arena, _cycle, existing, resident = proposing
    client = client_for(resident, accept_language="en")
    response = client.post(f"/arenas/{arena.slug}/proposals/new", data=form())
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert count_proposals() == 2  # nothing published yet
    assert "These proposals look similar" in html
    assert "Cykelverkstad i Vårberg" in html
    assert "Solceller" not in html
    assert f'href="/proposals/{existing.id}#support-title"' in html  # support it instead
    assert 'value="Laga cyklar i Vårberg"' in html  # what was written is kept
    assert 'name="publish_anyway" value="1"' in html
    # "Publish anyway" goes on.
    response = client.post(
        f"/arenas/{arena.slug}/proposals/new", data=form(publish_anyway=["", "1"])
    )
    assert response.status_code == 303
    assert count_proposals() == 3


def test_a_proposal_like_no_other_is_published_at_once(proposing, client_for):
    arena, _cycle, _existing, resident = proposing
    data = form(title="Kompost i parken", summary="Matavfall blir jord i en kompost.")
    response = client_for(resident).post(f"/arenas/{arena.slug}/proposals/new", data=data)
    assert response.status_code == 303
    assert count_proposals() == 3


def test_hidden_and_other_arenas_proposals_are_not_offered(proposing, make, client_for):
    arena, _cycle, existing, resident = proposing
    existing.hidden_at = utcnow()
    make.proposal(
        make.cycle(make.arena("Järva"), phase="proposing"),
        title="Cykelverkstad i Tensta",
        summary="Grannar lagar cyklar i en verkstad.",
    )
    db.session.commit()
    response = client_for(resident).post(f"/arenas/{arena.slug}/proposals/new", data=form())
    assert response.status_code == 303  # nothing similar left to show


def test_the_fragment_lists_similar_proposals_while_typing(proposing, client_for):
    arena, _cycle, existing, _resident = proposing
    client = client_for(accept_language="en")
    response = client.get(
        f"/search/similar/{arena.slug}",
        query_string={"title": "Laga cyklar", "summary": "En verkstad", "language": "sv"},
    )
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Cykelverkstad i Vårberg" in html and "<html" not in html
    empty = client.get(f"/search/similar/{arena.slug}", query_string={"title": "Kompost"})
    assert "No similar proposals" in empty.get_data(as_text=True)
    assert client.get("/search/similar/nowhere").status_code == 404


def test_the_form_has_the_live_list_and_its_script(proposing, client_for):
    arena, _cycle, _existing, resident = proposing
    html = client_for(resident).get(f"/arenas/{arena.slug}/proposals/new").get_data(as_text=True)
    assert 'aria-live="polite"' in html
    assert f'data-similar-url="/search/similar/{arena.slug}"' in html
    # Linked by its hashed name (arena.core.statics), so it can be cached for a year.
    assert re.search(r'<script src="/static/similar\.[0-9a-f]+\.js" defer></script>', html)


def test_facilitators_see_likely_duplicates_ready_to_merge(proposing, make, client_for):
    arena, cycle, existing, _resident = proposing
    duplicate = make.proposal(
        cycle, title="Laga cyklar i Vårberg", summary="Grannar lagar cyklar i en verkstad."
    )
    facilitator = make.facilitator(arena)
    client = client_for(facilitator, accept_language="en")
    assert "/search/duplicates/skarholmen" in client.get("/moderation/skarholmen/reports").get_data(
        as_text=True
    )
    html = client.get("/search/duplicates/skarholmen").get_data(as_text=True)
    merge_link = f"/moderation/proposals/{duplicate.id}?into={existing.id}#merge-title"
    assert merge_link in html
    page = client.get(merge_link.split("#")[0]).get_data(as_text=True)
    assert f'<option selected value="{existing.id}">' in page


def test_only_the_arenas_facilitators_see_the_duplicates(proposing, make, client_for):
    arena, _cycle, _existing, resident = proposing
    assert client_for(resident).get("/search/duplicates/skarholmen").status_code == 403
    other = make.facilitator(make.arena("Järva"))
    assert client_for(other).get("/search/duplicates/skarholmen").status_code == 403
    assert client_for().get("/search/duplicates/skarholmen").status_code == 302


def test_prepositions_do_not_make_proposals_similar(make, client_for):
    """Titles of the form "X vid Y" sharing only prepositions ("vid", "under",
    "över": stop words) are not similar; two telling words shared make them so."""
    arena = make.arena("Järva", slug="jarva")
    cycle = make.cycle(arena, phase="proposing")
    make.proposal(cycle, title="Solpaneler vid Kista", summary="Paneler under taket över hallen.")
    client = client_for(None)

    def similar(title, summary):
        html = client.get(
            "/search/similar/jarva", query_string={"title": title, "summary": summary}
        ).get_data(as_text=True)
        return "Solpaneler vid Kista" in html

    assert not similar("Kompost vid Akalla", "Matavfall under och över jord hos grannar.")
    assert similar("Kompost vid Kista", "Matavfall blir jord under taket.")
