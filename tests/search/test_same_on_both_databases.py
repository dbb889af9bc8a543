"""The same searches give the same results, in the same order, on SQLite and PostgreSQL:
the same Swedish and English texts are written to both, and every query is asked of
both (the titles are compared: ids come from each database's own counter)."""

from __future__ import annotations

import re

import pytest

from arena.extensions import db
from tests.conftest import BACKENDS, empty_all_tables
from tests.factories import Factories

pytestmark = pytest.mark.skipif(
    "postgresql" not in BACKENDS, reason="needs both databases (ARENA_REQUIRE_POSTGRESQL=1)"
)

SWEDISH = [
    ("Odlingarna vid skolan", "Eleverna sköter odlingarna och lagar mat av skörden."),
    ("Odling på taket", "En odling på taket ger grönsaker och svalka på sommaren."),
    ("Cyklar att låna", "Lånecyklar och cyklar för barn, cykel för cykel lagad i verkstaden."),
    ("Cykelbana till Kista", "En säker cykelbana så att fler kan cykla till jobbet."),
    ("Kompost i gården", "Matavfall blir jord till odlingar i gården."),
    ("Solceller på förskolan", "Solceller på taket och odling i trädgården."),
    ("Cykel och buss", "Cykel till bussen och cykelparkering vid hållplatsen."),
]
ENGLISH = [
    ("Cycling lessons", "Free cycling lessons for adults, with cycles to borrow."),
    ("Cycle repair café", "Repair your cycle with neighbours every Saturday."),
    ("Roof gardens", "Gardening on roofs, and cycles parked below."),
]
QUERIES = [
    "odling",
    "odlingarna",
    "cykel",
    "cyklar",
    "cykla",
    "cycling",
    "cycle",
    "cycles",
    "taket",
    "odling taket",
    "cykel taket",
    "solceller",
    "gardening",
    "ingenting här",
]
TITLE = re.compile(r'<h2 class="card-title"><a href="[^"]+"[^>]*>(.*?)</a></h2>')


def _build() -> None:
    make = Factories()
    with make.batch():
        cycle = make.cycle(make.arena("Järva", slug="jarva"), phase="voting")
        theme = make.theme("local_food")
        for title, summary in SWEDISH:
            make.proposal(cycle, theme=theme, title=title, summary=summary)
        for title, summary in ENGLISH:
            make.proposal(cycle, theme=theme, title=title, summary=summary, language="en")


def _answers(app) -> dict[str, list[str]]:
    with app.app_context():
        try:
            _build()
            client = app.test_client()
            return {
                q: TITLE.findall(
                    client.get("/search", query_string={"q": q}).get_data(as_text=True)
                )
                for q in QUERIES
            }
        finally:
            db.session.rollback()
            empty_all_tables()
            db.session.remove()


def test_the_same_searches_give_the_same_results_on_sqlite_and_postgresql(shared_apps):
    sqlite = _answers(shared_apps("sqlite", csrf=False))
    postgresql = _answers(shared_apps("postgresql", csrf=False))
    assert sqlite == postgresql
    plain = {q: [re.sub("</?mark>", "", t) for t in found] for q, found in sqlite.items()}
    # And they are the right ones: every form of the word, in both languages.
    assert set(plain["odling"]) == {
        "Odlingarna vid skolan",
        "Odling på taket",
        "Kompost i gården",
        "Solceller på förskolan",
    }
    assert plain["odling"] == plain["odlingarna"]
    assert {"Cyklar att låna", "Cykel och buss"} <= set(plain["cykel"])
    assert plain["cykel"] == plain["cyklar"]
    assert {"Cycling lessons", "Cycle repair café", "Roof gardens"} == set(plain["cycling"])
    assert plain["cycling"] == plain["cycles"] == plain["cycle"]
    # Ranked: the title's words count most, and the word found most often next.
    assert plain["cykel"][0] == "Cyklar att låna"
    assert plain["odling taket"][0] == "Odling på taket"
    assert plain["ingenting här"] == []
