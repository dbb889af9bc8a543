"""The shared page cache never serves a page a write or the clock has changed: after
each kind of change, the next anonymous view shows it. On files (the embedded
default) and on Redis (production), on both databases."""

from __future__ import annotations

from datetime import timedelta

import pytest

from arena.core import freshness
from arena.core import time as clock
from tests.commitments.followup_helpers import add_indicator, make_commitment
from tests.helpers import html_lang, page_text


def seen_twice(client, path) -> str:
    """The page's text, after making sure the cache holds it (the second view a hit)."""
    first = client.get(path)
    assert first.status_code == 200
    second = client.get(path)
    assert second.headers["X-Cache"] == "hit", path
    assert second.get_data() == first.get_data()
    return page_text(second)


def fresh(client, path) -> str:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["X-Cache"] == "miss", path
    return page_text(response)


def test_a_new_proposal_shows_at_the_next_view(visitor, make):
    cycle = make.cycle(make.arena(slug="skarholmen"), phase="proposing")
    make.theme("transport")
    author = make.user(connected_to=cycle.arena)
    listing = "/arenas/skarholmen/proposals"
    anonymous = visitor()
    assert "Solceller på skolans tak" not in seen_twice(anonymous, listing)

    sent = visitor(author).post(
        f"{listing}/new",
        data={
            "title": "Solceller på skolans tak",
            "summary": "Skolans tak har plats för solceller.",
            "theme": "transport",
            "language": "sv",
            "organisation": "",
        },
    )
    assert sent.status_code == 303, page_text(sent)
    assert "Solceller på skolans tak" in fresh(anonymous, listing)


def test_a_hide_by_a_facilitator_shows_at_the_next_view(visitor, make):
    cycle = make.cycle(make.arena(slug="jarva"), phase="voting")
    proposal = make.proposal(cycle, title="Köp klockor hos oss")
    facilitator = make.facilitator(cycle.arena)
    anonymous = visitor()
    assert "Köp klockor hos oss" in seen_twice(anonymous, "/arenas/jarva/proposals")
    hidden = visitor(facilitator).post(
        f"/moderation/proposals/{proposal.id}/hide", data={"hide-reason": "Reklam."}
    )
    assert hidden.status_code == 303
    assert "Köp klockor hos oss" not in fresh(anonymous, "/arenas/jarva/proposals")


def test_a_check_in_shows_at_the_next_view(visitor, make):
    arena = make.arena()
    owner = make.user(connected_to=arena)
    commitment = make_commitment(make, arena, owner=owner)
    trips = add_indicator(commitment)
    page = f"/commitments/{commitment.id}"
    anonymous = visitor(accept_language="en")
    assert "15.5" not in seen_twice(anonymous, page)
    sent = visitor(owner, accept_language="en").post(
        f"{page}/check-ins/new",
        data={
            "reported_on": clock.local_day(clock.utcnow()).isoformat(),
            f"value_{trips.id}": "15,5",
            "note": "Bra vecka",
            "confidence": "high",
            "organisation": "",
        },
    )
    assert sent.status_code == 303, page_text(sent)
    assert "Cykelturer: 15.5 turer" in fresh(anonymous, page)


def test_a_phase_change_by_the_clock_shows_at_the_next_view(visitor, make, monkeypatch):
    """Nobody writes anything: voting opens because its day has come."""
    cycle = make.cycle(make.arena(slug="jarva"), phase="proposing")
    anonymous = visitor(accept_language="en")
    before = seen_twice(anonymous, "/arenas/jarva")
    assert "Proposing" in before
    opens = cycle.voting_opens_at
    monkeypatch.setattr(clock, "utcnow", lambda: opens + timedelta(minutes=1))
    after = fresh(anonymous, "/arenas/jarva")
    assert "Voting" in after and after != before
    # And it is kept again, in the new phase.
    assert anonymous.get("/arenas/jarva").headers["X-Cache"] == "hit"


def test_a_page_is_kept_no_longer_than_to_the_next_midnight(visitor, make, monkeypatch):
    make.arena(slug="jarva")
    anonymous = visitor()
    seen_twice(anonymous, "/arenas/jarva")
    tomorrow = clock.start_of_day(clock.local_day(clock.utcnow()) + timedelta(days=1))
    monkeypatch.setattr(clock, "utcnow", lambda: tomorrow + timedelta(seconds=1))
    fresh(anonymous, "/arenas/jarva")


def test_a_language_change_shows_at_the_next_view(visitor, make):
    make.arena(slug="jarva")
    anonymous = visitor(accept_language="sv")
    seen_twice(anonymous, "/arenas/jarva")
    assert anonymous.post("/language", data={"language": "en"}).status_code == 303
    english = anonymous.get("/arenas/jarva")
    assert html_lang(english) == "en"
    # Another visitor's Swedish copy is still the cache's.
    other = visitor(accept_language="sv").get("/arenas/jarva")
    assert html_lang(other) == "sv" and other.headers["X-Cache"] == "hit"
    # A visitor who chose Arabic gets Arabic, whatever their browser asks for.
    arabic = visitor(accept_language="sv")
    arabic.set_cookie("arena_lang", "ar")
    assert html_lang(arabic.get("/arenas/jarva")) == "ar"
    assert html_lang(arabic.get("/arenas/jarva")) == "ar"


def test_each_language_is_kept_apart(visitor, make):
    make.arena(slug="jarva")
    for language in ("sv", "en", "ar", "so", "fi"):
        seen_twice(visitor(accept_language=language), "/arenas/jarva")
    for language in ("sv", "en", "ar", "so", "fi"):
        page = visitor(accept_language=language).get("/arenas/jarva")
        assert page.headers["X-Cache"] == "hit" and html_lang(page) == language


def test_signed_in_pages_are_never_cached_nor_mixed_with_anonymous_ones(visitor, make):
    arena = make.arena(slug="jarva")
    person = make.user(connected_to=arena, display_name="Leyla Hassan")
    anonymous = visitor()
    seen_twice(anonymous, "/arenas/jarva")
    for _ in range(2):
        mine = visitor(person).get("/arenas/jarva")
        assert "X-Cache" not in mine.headers  # not looked for, not kept
        assert mine.headers["Cache-Control"] == "no-store"
        assert "Logga ut" in page_text(mine)
    again = anonymous.get("/arenas/jarva")
    assert again.headers["X-Cache"] == "hit"
    assert "Logga ut" not in page_text(again) and "Leyla Hassan" not in page_text(again)


def test_the_cached_copy_answers_if_none_match_and_head(visitor, make):
    make.arena(slug="jarva")
    anonymous = visitor()
    first = anonymous.get("/arenas/jarva")
    etag = first.headers["ETag"]
    confirmed = anonymous.get("/arenas/jarva", headers={"If-None-Match": etag})
    assert confirmed.status_code == 304 and confirmed.headers["X-Cache"] == "hit"
    assert confirmed.headers["ETag"] == etag and confirmed.get_data() == b""
    head = anonymous.head("/arenas/jarva")
    assert head.status_code == 200 and head.headers["X-Cache"] == "hit"
    assert head.get_data() == b""


def test_query_strings_are_keyed_sorted_and_odd_ones_not_kept(visitor, make):
    cycle = make.cycle(make.arena(slug="jarva"), phase="voting")
    make.proposal(cycle)
    anonymous = visitor()
    assert anonymous.get("/arenas/jarva/proposals?sort=new&page=1").headers["X-Cache"] == "miss"
    assert anonymous.get("/arenas/jarva/proposals?page=1&sort=new").headers["X-Cache"] == "hit"
    for odd in ("?next=/x", "?" + "&".join(f"p{n}=1" for n in range(12)), "?q=" + "x" * 300):
        assert "X-Cache" not in anonymous.get(f"/arenas/jarva/proposals{odd}").headers


def test_sending_mail_keeps_the_cache_but_a_write_elsewhere_does_not(visitor, make, cached_app):
    from arena.extensions import db
    from arena.mail.models import OutboxMessage

    make.arena(slug="jarva")
    anonymous = visitor()
    seen_twice(anonymous, "/arenas/jarva")
    db.session.execute(db.update(OutboxMessage).values(attempts=OutboxMessage.attempts))
    db.session.commit()
    assert anonymous.get("/arenas/jarva").headers["X-Cache"] == "hit"
    make.arena(slug="skarholmen")  # a committed write: every page is looked at again
    assert anonymous.get("/arenas/jarva").headers["X-Cache"] == "miss"


def test_a_write_on_a_raw_connection_says_so(visitor, make, cached_app):
    from sqlalchemy import text

    from arena.extensions import db

    arena = make.arena(slug="jarva", name="Järva")
    anonymous = visitor()
    assert "Järva" in seen_twice(anonymous, "/arenas/jarva")
    with db.engine.begin() as connection:
        connection.execute(
            text("UPDATE arenas SET name = 'Rinkeby' WHERE id = :id"), {"id": arena.id}
        )
    freshness.pages_changed()
    db.session.expire_all()  # the test's own session (the pages' too, here) read the old name
    assert "Rinkeby" in fresh(anonymous, "/arenas/jarva")


@pytest.mark.parametrize("path", ["/accounts/sign-in", "/api/v1/arenas", "/healthz"])
def test_personal_and_program_answers_are_not_looked_for(visitor, path):
    assert "X-Cache" not in visitor().get(path).headers


def test_an_update_statement_through_the_session_counts_as_a_write(visitor, make):
    from arena.arenas.models import Arena
    from arena.extensions import db

    arena = make.arena(slug="jarva", name="Järva")
    anonymous = visitor()
    seen_twice(anonymous, "/arenas/jarva")
    db.session.execute(db.update(Arena).where(Arena.id == arena.id).values(name="Rinkeby"))
    db.session.commit()
    db.session.expire_all()
    assert "Rinkeby" in fresh(anonymous, "/arenas/jarva")
    # A statement that is rolled back changes nothing: the copy is kept.
    seen_twice(anonymous, "/arenas/jarva")
    db.session.execute(db.update(Arena).where(Arena.id == arena.id).values(name="Tensta"))
    db.session.rollback()
    assert anonymous.get("/arenas/jarva").headers["X-Cache"] == "hit"
