"""The arenas, cycles and themes each process keeps in memory (arena/arenas/reference.py)
are never shown out of date: a change committed on one instance shows at the next view
on another, signed in or not; other writes, such as a support, leave them kept. On
files and on Redis, on both databases."""

from __future__ import annotations

import contextlib

import pytest
from sqlalchemy import event, insert, literal, select

from arena.arenas.models import Theme
from arena.commitments.models import commitment_themes
from arena.extensions import db
from arena.proposals.models import Proposal
from tests.arenas.test_cycles import days_of, fixed_dates, form
from tests.commitments.followup_helpers import make_commitment
from tests.conftest import make_test_app
from tests.helpers import client_of, page_text

REFERENCE_TABLES = ("arenas", "cycles", "themes", "co_benefits")


@pytest.fixture
def other_instance(cached_app):
    """A second app on the same database and the same shared cache, its page cache off:
    each of its views is rendered, and reads the reference rows from its own memory."""
    other = make_test_app(
        cached_app.config["SQLALCHEMY_DATABASE_URI"],
        CACHE_URL=cached_app.config["CACHE_URL"],
        CACHE_KEY_PREFIX=cached_app.config["CACHE_KEY_PREFIX"],
        PAGE_CACHE=False,
    )
    yield other
    with other.app_context():
        db.engine.dispose()


@contextlib.contextmanager
def reads_of_reference_rows(app):
    """The statements `app` runs on the arenas, cycles or themes tables inside the block."""
    with app.app_context():
        engine = db.engine
    found: list[str] = []

    def record(_conn, _cursor, statement, _parameters, _context, _many):
        if any(f"FROM {table}" in statement for table in REFERENCE_TABLES):
            found.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield found
    finally:
        event.remove(engine, "before_cursor_execute", record)


def _text(client, path) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    assert "X-Cache" not in response.headers  # rendered, not from the page cache
    return page_text(response)


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed in"])
def test_an_arena_renamed_on_one_instance_shows_on_the_other(make, other_instance, signed_in):
    arena = make.arena(slug="jarva", name="Järva")
    make.cycle(arena, phase="proposing")
    person = make.user(connected_to=arena) if signed_in else None
    browser = client_of(other_instance, person)
    assert "Järva" in _text(browser, "/arenas/jarva/proposals")
    with reads_of_reference_rows(other_instance) as reads:
        assert "Järva" in _text(browser, "/arenas/jarva/proposals")
    assert reads == []  # kept after the first view

    arena.name = "Rinkeby"
    db.session.commit()  # on this instance (the test's app)
    assert "Rinkeby" in _text(browser, "/arenas/jarva/proposals")
    assert "Rinkeby" in _text(browser, "/")


def test_a_proposal_and_its_story_show_the_arena_as_it_is_now(make, other_instance):
    arena = make.arena(slug="jarva", name="Järva")
    proposal = make.proposal(make.cycle(arena, phase="voting"))
    browser = client_of(other_instance)
    pages = (f"/proposals/{proposal.id}", f"/proposals/{proposal.id}/story")
    for path in pages:
        assert "Järva" in _text(browser, path)
    with reads_of_reference_rows(other_instance) as reads:
        assert all("Järva" in _text(browser, path) for path in pages)
    assert reads == []  # the cycle and its arena taken from what the instance keeps

    arena.name = "Rinkeby"
    db.session.commit()
    for path in pages:
        text = _text(browser, path)
        assert "Rinkeby" in text and "Järva" not in text, path


def test_a_proposal_shows_its_benefits_as_they_are_now(make, other_instance):
    air = make.co_benefit("cleaner_air")
    proposal = make.proposal(make.cycle(make.arena(slug="jarva")), co_benefits=[air])
    browser, path = client_of(other_instance), f"/proposals/{proposal.id}"
    assert "Renare luft" in _text(browser, path)
    with reads_of_reference_rows(other_instance) as reads:
        assert "Renare luft" in _text(browser, path)
    assert reads == []  # the benefits' ids in the page's statement, the benefits kept

    proposal.co_benefits = [make.co_benefit("fewer_car_trips")]
    db.session.commit()
    text = _text(browser, path)
    assert "Färre bilresor" in text and "Renare luft" not in text


def test_a_cycle_and_a_theme_changed_show_at_the_next_view(make, other_instance):
    cycle = make.cycle(make.arena(slug="jarva"), phase="proposing", introduction="Första året.")
    make.theme("transport")
    browser = client_of(other_instance)
    assert "Första året." in _text(browser, "/arenas/jarva")
    listing = _text(browser, "/arenas/jarva/proposals")
    assert "Transport" in listing and "Energi" not in listing

    cycle.introduction = "Andra försöket."
    make.theme("energy")  # commits both
    assert "Andra försöket." in _text(browser, "/arenas/jarva")
    assert "Energi" in _text(browser, "/arenas/jarva/proposals")


def test_a_cycle_saved_through_the_facilitator_form_shows_on_the_other_instance(
    make, cached_app, other_instance
):
    arena = make.arena(slug="jarva")
    cycle = make.cycle(arena, year=2035, introduction="Första året.", **fixed_dates(2035))
    facilitator = make.facilitator(arena)
    browser = client_of(other_instance)
    assert "Första året." in _text(browser, "/arenas/jarva")

    data = form(days_of(cycle), introduction="Andra försöket.")
    saved = client_of(cached_app, facilitator).post("/arenas/jarva/manage/cycles/2035", data=data)
    assert saved.status_code == 303, page_text(saved)
    assert "Andra försöket." in _text(browser, "/arenas/jarva")


def test_a_support_leaves_the_kept_rows_alone(make, cached_app, other_instance):
    cycle = make.cycle(make.arena(slug="jarva"), phase="voting")
    proposal = make.proposal(cycle)
    person = make.user(connected_to=cycle.arena)
    browser = client_of(other_instance)
    assert proposal.title in _text(browser, "/arenas/jarva/proposals")
    assert proposal.title in _text(browser, f"/proposals/{proposal.id}")  # its benefits kept

    supported = client_of(cached_app, person).post(f"/proposals/{proposal.id}/support")
    assert supported.status_code == 303
    with reads_of_reference_rows(other_instance) as reads:
        assert proposal.title in _text(browser, "/arenas/jarva/proposals")
        assert proposal.title in _text(browser, f"/proposals/{proposal.id}")
    assert reads == []


def _copy_of(proposal_id: int, **changes):
    """INSERT … SELECT: a copy of a proposal's row, with `changes`."""
    table = Proposal.__table__
    kept = [c for c in table.c if c.key != "id" and c.key not in changes]
    values = [*kept, *(literal(v).label(k) for k, v in changes.items())]
    source = select(*values).where(table.c.id == proposal_id)
    return insert(table).from_select([c.key for c in kept] + list(changes), source)


def test_a_card_of_a_theme_newer_than_the_kept_ones_shows_it(make, other_instance):
    """A theme added while an instance keeps the themes, by a write it was not told of
    (as in the moment between another instance's commit and its new token): the list
    reads the themes again rather than failing on a card it cannot label."""
    cycle = make.cycle(make.arena(slug="jarva"), phase="voting")
    first = make.proposal(cycle, theme=make.theme("transport"), title="Cykelpool")
    browser = client_of(other_instance)
    assert "Cykelpool" in _text(browser, "/arenas/jarva/proposals")  # the themes now kept

    with db.engine.begin() as connection:  # not through the session: no token renewed
        theme_id = connection.execute(
            insert(Theme).values(key="local_food", sort_order=9).returning(Theme.id)
        ).scalar_one()
        connection.execute(_copy_of(first.id, theme_id=theme_id, title="Odlingslotter"))
    text = _text(browser, "/arenas/jarva/proposals")
    assert "Odlingslotter" in text and "Lokal odling" in text


def test_a_commitment_shows_its_themes_and_benefits_as_they_are_now(make, other_instance):
    """The commitment page reads its themes' and benefits' ids and takes the rows from
    what the instance keeps; a change of either shows at the next view, and a theme
    newer than the kept ones is read from the database."""
    arena = make.arena(slug="jarva")
    commitment = make_commitment(make, arena)
    commitment.themes = [make.theme("transport")]
    commitment.co_benefits = [make.co_benefit("cleaner_air")]
    db.session.commit()
    browser, path = client_of(other_instance), f"/commitments/{commitment.id}"
    assert "Renare luft" in _text(browser, path)
    with reads_of_reference_rows(other_instance) as reads:
        text = _text(browser, path)
    assert "Transport" in text and "Renare luft" in text
    assert [r for r in reads if "FROM themes" in r or "FROM co_benefits" in r] == []

    commitment.themes = [make.theme("energy")]
    commitment.co_benefits = [make.co_benefit("fewer_car_trips")]
    db.session.commit()
    text = _text(browser, path)
    assert "Energi" in text and "Transport" not in text
    assert "Färre bilresor" in text and "Renare luft" not in text

    with db.engine.begin() as connection:  # not through the session: no token renewed
        theme_id = connection.execute(
            insert(Theme).values(key="local_food", sort_order=9).returning(Theme.id)
        ).scalar_one()
        connection.execute(
            insert(commitment_themes).values(commitment_id=commitment.id, theme_id=theme_id)
        )
    text = _text(browser, path)
    assert "Energi" in text and "Lokal odling" in text
