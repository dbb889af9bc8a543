"""The arena's Atom feed: what changed (new commitments, the selection, check-ins and
review outcomes), newest first, valid Atom with absolute links, 304 for a reader that
has it, never an e-mail address, and linked from the arena page."""

from datetime import date, timedelta
from xml.etree import ElementTree as ET

import feedparser

from arena.commitments.models import CheckIn
from arena.core.time import utcnow
from arena.extensions import db
from arena.proposals.models import ProposalStatus
from arena.reviews.models import Review
from tests.commitments.followup_helpers import make_commitment

ATOM = "{http://www.w3.org/2005/Atom}"


def _arena_with_changes(make):
    arena = make.arena(name="Skärholmen")
    cycle = make.cycle(arena, phase="review")
    owner = make.user(email="owner@example.org", display_name="Ägaren")
    now = utcnow()
    make.proposal(
        cycle,
        title="Odla på taken",
        status=ProposalStatus.SELECTED,
        decided_at=now - timedelta(days=30),
        decision_note="Ett tydligt önskemål.",
    )
    make.proposal(
        cycle,
        title="Dold idé",
        status=ProposalStatus.SELECTED,
        decided_at=now - timedelta(days=29),
        hidden_at=now,
        hidden_reason="Reklam",
    )
    commitment = make_commitment(make, arena, cycle=cycle, owner=owner, title="Takodling")
    commitment.created_at = now - timedelta(days=20)
    db.session.add_all(
        [
            CheckIn(
                commitment_id=commitment.id,
                author_id=owner.id,
                reported_on=date.today(),
                note="Första skörden.",
                created_at=now - timedelta(days=10),
            ),
            CheckIn(
                commitment_id=commitment.id,
                author_id=owner.id,
                reported_on=date.today(),
                note="Dold text",
                created_at=now - timedelta(days=9),
                hidden_at=now,
            ),
            Review(
                commitment_id=commitment.id,
                outcome="scale_up",
                rationale="Det fungerade.",
                decided_by_id=make.facilitator(arena).id,
                decided_at=now - timedelta(days=1),
            ),
        ]
    )
    db.session.commit()
    return arena, commitment


def test_the_feed_is_valid_atom_newest_first(make, client_for):
    arena, commitment = _arena_with_changes(make)
    response = client_for(None).get(f"/arenas/{arena.slug}/feed.atom?lang=en")
    assert response.status_code == 200
    assert response.mimetype == "application/atom+xml"
    body = response.get_data()

    parsed = feedparser.parse(body)
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.version == "atom10"
    assert parsed.feed.title == "Climate arena Skärholmen: what changed"
    assert (
        parsed.feed.language == "en"
        or ET.fromstring(body).get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    )
    titles = [entry.title for entry in parsed.entries]
    assert titles == ["Takodling", "Takodling", "Takodling", "Odla på taken"]
    summaries = [entry.summary for entry in parsed.entries]
    assert summaries[0].startswith("Reviewed: Scale it up")
    assert "Första skörden." in summaries[1]
    assert summaries[2].startswith("New commitment in Skärholmen")
    assert "Ett tydligt önskemål." in summaries[3]
    for entry in parsed.entries:
        assert entry.id.startswith("tag:")
        assert entry.link.startswith("http://")
        assert entry.updated_parsed is not None

    root = ET.fromstring(body)
    for name in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{name}") is not None, name
    links = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
    assert links["self"].endswith(f"/arenas/{arena.slug}/feed.atom?lang=en")
    assert links["alternate"].endswith(f"/arenas/{arena.slug}")
    text = body.decode()
    assert "Dold" not in text and "@" not in text.replace("xmlns", "")


def test_entry_ids_stay_the_same_and_a_reader_that_has_it_gets_304(make, client_for):
    arena, _commitment = _arena_with_changes(make)
    client = client_for(None)
    first = client.get(f"/arenas/{arena.slug}/feed.atom?lang=sv")
    second = client.get(f"/arenas/{arena.slug}/feed.atom?lang=sv")
    assert first.get_data() == second.get_data()
    etag = first.headers["ETag"]
    again = client.get(f"/arenas/{arena.slug}/feed.atom?lang=sv", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.get_data() == b""


def test_an_empty_arena_has_a_valid_feed(make, client_for):
    arena = make.arena()
    parsed = feedparser.parse(client_for(None).get(f"/arenas/{arena.slug}/feed.atom").get_data())
    assert not parsed.bozo and parsed.entries == []


def test_the_arena_page_links_and_advertises_the_feed(make, client_for):
    arena = make.arena()
    make.cycle(arena, phase="voting")
    html = (
        client_for(None, accept_language="en").get(f"/arenas/{arena.slug}").get_data(as_text=True)
    )
    feed = f"/arenas/{arena.slug}/feed.atom?lang=en"
    assert f'<link rel="alternate" type="application/atom+xml" href="{feed}"' in html
    assert f'<a href="/arenas/{arena.slug}/feed.atom?lang=en" type="application/atom+xml"' in html


def test_an_unknown_arena_has_no_feed(client_for, app):
    assert client_for(None).get("/arenas/nowhere/feed.atom").status_code == 404
