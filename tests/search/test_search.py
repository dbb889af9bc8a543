"""The search page through HTTP, on SQLite and PostgreSQL: stemmed Swedish and English
matches, filters, paging, hidden items, messages for bad queries, and the index kept
current by every change."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select, update

from arena.commitments.models import Commitment
from arena.core.time import utcnow
from arena.extensions import db
from arena.proposals.models import Proposal
from arena.search.models import SearchDocument
from arena.workshops.models import Workshop
from tests.scale.plans import capturing

TITLES = re.compile(r'<h2 class="card-title"><a href="([^"]+)"[^>]*>(.*?)</a></h2>', re.S)


def titles(response) -> list[str]:
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    return [re.sub(r"</?mark>", "", title) for _, title in TITLES.findall(html)]


def search(client, **args) -> list[str]:
    return titles(client.get("/search", query_string=args))


@pytest.fixture
def texts(make):
    """Swedish and English proposals (and a commitment, an organisation, a workshop)."""
    with make.batch():
        arena = make.arena("Järva", slug="jarva")
        other = make.arena("Skärholmen", slug="skarholmen")
        cycle = make.cycle(arena, phase="voting")
        food, transport = make.theme("local_food"), make.theme("transport")
        odling = make.proposal(
            cycle,
            theme=food,
            title="Grönsaker från odlingarna",
            summary="Matlagning med grönsaker som odlingarna vid Järvafältet ger.",
        )
        make.proposal(
            cycle,
            theme=transport,
            title="Lånecykel för alla",
            summary="Vi vill låna ut cyklar till boende i Tensta.",
        )
        make.proposal(
            cycle,
            theme=transport,
            language="en",
            title="Cycle lessons for adults",
            summary="Free lessons for adults, with cycles to borrow.",
        )
        make.proposal(
            make.cycle(other, phase="voting"),
            theme=transport,
            title="Cykelkurser i Vårberg",
            summary="Kurser för vuxna som vill lära sig cykla, med cyklar att låna.",
        )
        make.organisation(
            name="Tensta odlarförening",
            description="Vi sköter odlingarna bakom skolan.",
            arenas=[arena],
        )
    return {"arena": arena, "other": other, "cycle": cycle, "odling": odling}


def test_odling_finds_odlingarna_and_cykel_finds_cyklar(texts, client_for):
    client = client_for()
    assert set(search(client, q="odling")) == {"Grönsaker från odlingarna", "Tensta odlarförening"}
    assert set(search(client, q="cykel")) == {"Lånecykel för alla", "Cykelkurser i Vårberg"}


def test_english_words_are_stemmed_as_english(texts, client_for):
    client = client_for()
    assert search(client, q="cycling") == ["Cycle lessons for adults"]
    assert search(client, q="cycles") == ["Cycle lessons for adults"]


def test_the_result_shows_what_matched(texts, client_for):
    html = client_for().get("/search?q=odling").get_data(as_text=True)
    assert "Grönsaker från <mark>odlingarna</mark>" in html
    assert "som <mark>odlingarna</mark> vid" in html  # the snippet, highlighted
    assert "Förslag" in html or "Proposal" in html  # the kind
    assert "Järva" in html


def test_every_word_must_match(texts, client_for):
    assert search(client_for(), q="cyklar Tensta") == ["Lånecykel för alla"]


def test_filters_narrow_the_results(texts, client_for):
    client = client_for()
    assert search(client, q="cykel", arena="skarholmen") == ["Cykelkurser i Vårberg"]
    assert search(client, q="odling", kind="organisation") == ["Tensta odlarförening"]
    # An organisation belongs to an arena through its list of arenas.
    assert set(search(client, q="odling", arena="jarva")) == {
        "Grönsaker från odlingarna",
        "Tensta odlarförening",
    }
    assert search(client, q="odling", theme="local_food") == ["Grönsaker från odlingarna"]
    year = texts["cycle"].year
    assert search(client, q="cykel", year=str(year), arena="jarva") == ["Lånecykel för alla"]
    assert search(client, q="cykel", year="1901") == []
    assert search(client, q="cykel", status="selected") == []
    # Unknown filter values are ignored, never an error.
    assert len(search(client, q="cykel", arena="nowhere", kind="x", year="abc")) == 2


def test_hidden_items_are_found_only_by_facilitators_and_staff(texts, make, client_for):
    proposal = texts["odling"]
    proposal.hidden_at = utcnow()
    proposal.hidden_reason = "Reklam"
    db.session.commit()
    resident = make.user(connected_to=texts["arena"])
    assert "Grönsaker från odlingarna" not in search(client_for(), q="odling")
    assert "Grönsaker från odlingarna" not in search(client_for(resident), q="odling")
    other_facilitator = make.facilitator(texts["other"])
    assert "Grönsaker från odlingarna" not in search(client_for(other_facilitator), q="odling")
    for user in (make.facilitator(texts["arena"]), make.user(is_staff=True)):
        response = client_for(user).get("/search?q=odling")
        assert "Grönsaker från odlingarna" in titles(response)
        assert "only facilitators see it" in response.get_data(as_text=True) or (
            "bara processledarna" in response.get_data(as_text=True)
        )


def test_changes_are_indexed_in_their_own_transaction(texts, make, client_for):
    client = client_for()
    proposal = texts["odling"]
    proposal.title = "Solceller på taket"
    db.session.commit()
    assert search(client, q="solceller") == ["Solceller på taket"]
    # A change rolled back leaves the document as it was.
    proposal.title = "Kompost i parken"
    db.session.flush()
    db.session.rollback()
    assert search(client, q="kompost") == []
    assert search(client, q="solceller") == ["Solceller på taket"]
    # A support changes a counter, not the document: nothing is written.
    before = db.session.scalar(
        select(SearchDocument.indexed_at).where(SearchDocument.item_id == proposal.id)
    )
    proposal.support_count += 1
    db.session.commit()
    after = db.session.scalar(
        select(SearchDocument.indexed_at).where(SearchDocument.item_id == proposal.id)
    )
    assert before == after


def test_decisions_and_merges_made_by_update_statements_are_indexed(texts, client_for):
    client = client_for()
    odling = texts["odling"]
    db.session.execute(
        update(Proposal)
        .where(Proposal.id == odling.id, Proposal.status == "published")
        .values(status="selected")
    )
    db.session.commit()
    assert search(client, q="odling", status="selected") == ["Grönsaker från odlingarna"]
    db.session.execute(update(Proposal).where(Proposal.id == odling.id).values(status="merged"))
    db.session.rollback()  # undone: the document stays as committed
    assert search(client, q="odling", status="selected") == ["Grönsaker från odlingarna"]
    # A support count is no part of the document: no rows are even looked up for it.
    with capturing() as statements:
        db.session.execute(
            update(Proposal)
            .where(Proposal.id == odling.id)
            .values(support_count=Proposal.support_count + 1)
        )
        db.session.commit()
    assert not any("search_documents" in s.sql for s in statements)


def test_commitments_and_workshops_are_found(texts, make, client_for):
    cycle = texts["cycle"]
    commitment = Commitment(
        arena=texts["arena"], cycle=cycle, title="En cykel för varje hyresgäst", description=""
    )
    commitment.themes = [make.theme("transport")]
    workshop = Workshop(
        cycle=cycle,
        held_at=utcnow(),
        place="Rinkeby bibliotek",
        language="sv",
        notes="Vi pratade om odlingar.",
        created_by=make.user(),
    )
    db.session.add_all([commitment, workshop])
    db.session.commit()
    client = client_for()
    assert search(client, q="cyklar", kind="commitment") == ["En cykel för varje hyresgäst"]
    assert search(client, q="cykel", theme="transport", kind="commitment") == [
        "En cykel för varje hyresgäst"
    ]
    response = client.get("/search?q=odlingarna&kind=workshop")
    assert titles(response) == ["Rinkeby bibliotek"]
    href = TITLES.findall(response.get_data(as_text=True))[0][0]
    assert client.get(href).status_code == 200
    db.session.delete(workshop)
    db.session.commit()
    assert search(client, q="odlingarna", kind="workshop") == []


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("x" * 201, "too long"),
        ("a " * 11, "at most 10 words"),
        ("!!! ???", "at least one word"),
    ],
)
def test_bad_queries_get_a_clear_message(app, client_for, query, message):
    response = client_for(accept_language="en").get("/search", query_string={"q": query})
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)


def test_empty_query_and_nothing_found(texts, client_for):
    client = client_for(accept_language="en")
    assert "Write one or more words" in client.get("/search").get_data(as_text=True)
    html = client.get("/search?q=zeppelinare").get_data(as_text=True)
    assert "Nothing matches" in html


@pytest.mark.parametrize(
    "query",
    ['"', "AND OR NOT", "NEAR(a b)", "a* ^b", "'); DROP TABLE x; --", "a:b", "\u0000", "ö" * 60],
)
def test_query_syntax_of_either_database_is_only_words(texts, client_for, query):
    response = client_for().get("/search", query_string={"q": query})
    assert response.status_code == 200


def test_results_are_paged(make, client_for, monkeypatch, app):
    monkeypatch.setitem(app.config, "SEARCH_RESULTS_PER_PAGE", 2)
    cycle = make.cycle()
    with make.batch():
        for n in range(5):
            make.proposal(cycle, title=f"Kompost nummer {n}")
    client = client_for()
    first, second, third = (search(client, q="kompost", page=str(n)) for n in (1, 2, 3))
    assert len(first) == len(second) == 2 and len(third) == 1
    assert len(set(first + second + third)) == 5
    assert search(client, q="kompost", page="99") == []
    html = client.get("/search?q=kompost").get_data(as_text=True)
    assert "page=2" in html


def test_the_header_has_a_search_form_on_every_page(app, client_for):
    html = client_for().get("/").get_data(as_text=True)
    form = re.search(r'<form class="site-search"[^>]*>', html).group(0)
    assert 'method="get"' in form and 'action="/search"' in form
    assert '<label for="site-search-q">' in html


def test_reindex_command_builds_the_documents_again(texts, app):
    db.session.execute(SearchDocument.__table__.delete())
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["search", "reindex"])
    assert result.exit_code == 0, result.output
    assert "proposal: 4" in result.output
    assert db.session.scalar(select(db.func.count()).select_from(SearchDocument)) == 5


def test_a_merge_by_a_facilitator_is_found_as_merged(texts, make, client_for):
    from arena.moderation.services import merge_proposal

    cycle = texts["cycle"]
    duplicate = make.proposal(cycle, title="Odlingarna igen", summary="Samma idé om odlingar.")
    facilitator = make.facilitator(texts["arena"])
    merge_proposal(facilitator, duplicate, texts["odling"], now=utcnow(), reason="Samma förslag")
    db.session.commit()
    assert search(client_for(), q="odling", status="merged") == ["Odlingarna igen"]
