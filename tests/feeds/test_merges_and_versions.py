"""The arena feed also tells of merged proposals (only when both are visible), of new
versions of commitments and adoptions from other arenas, and of its own commitments
adopted elsewhere — each an entry with its own id, link and category."""

from datetime import timedelta

import feedparser

from arena.commitments.models import Commitment
from arena.core.time import utcnow
from arena.extensions import db
from arena.proposals.models import ProposalStatus
from tests.commitments.followup_helpers import make_commitment


def _feed(client_for, arena, lang="en"):
    response = client_for(None).get(f"/arenas/{arena.slug}/feed.atom?lang={lang}")
    assert response.status_code == 200
    parsed = feedparser.parse(response.get_data())
    assert not parsed.bozo, parsed.bozo_exception
    return parsed


def _by_category(parsed, term):
    return [e for e in parsed.entries if any(t.term == term for t in e.get("tags", []))]


def _merge(client_for, facilitator, source, target):
    data = {"merge-into": str(target.id), "merge-reason": "Samma idé.", "confirmed": "yes"}
    response = client_for(facilitator).post(f"/moderation/proposals/{source.id}/merge", data=data)
    assert response.status_code == 303


def test_a_visible_merge_is_in_the_feed_a_hidden_one_is_not(make, client_for):
    arena = make.arena("Järva", slug="jarva")
    cycle = make.cycle(arena, phase="voting")
    facilitator = make.facilitator(arena)
    target = make.proposal(cycle, title="Lånecyklar vid Tensta")
    source = make.proposal(cycle, title="Lådcyklar att låna")
    _merge(client_for, facilitator, source, target)
    hidden_target = make.proposal(cycle, title="Dold målidé", hidden_at=utcnow())
    make.proposal(
        cycle,
        title="Dubblett till dold",
        status=ProposalStatus.MERGED,
        merged_into_id=hidden_target.id,
    )
    make.proposal(
        cycle,
        title="Dold dubblett",
        status=ProposalStatus.MERGED,
        merged_into_id=target.id,
        hidden_at=utcnow(),
    )
    db.session.commit()

    parsed = _feed(client_for, arena)
    [entry] = _by_category(parsed, "merge")
    assert entry.title == "Lådcyklar att låna"
    assert entry.summary == "Merged into “Lånecyklar vid Tensta”."
    assert entry.link.endswith(f"/proposals/{target.id}/story")
    assert entry.id.endswith(f":proposal-{source.id}-merge")
    text = " ".join(e.title + e.summary for e in parsed.entries)
    assert "Dold" not in text and "Dubblett till dold" not in text
    assert "Samma idé." not in text  # the facilitator's reason is not published
    swedish = _by_category(_feed(client_for, arena, "sv"), "merge")
    assert swedish[0].summary == "Sammanslaget med ”Lånecyklar vid Tensta”."


def test_versions_and_adoptions_are_told_in_both_arenas(make, client_for):
    jarva = make.arena("Järva", slug="jarva")
    skarholmen = make.arena("Skärholmen", slug="skarholmen")
    first = make.cycle(jarva, phase="review", year=2026)
    now = utcnow()
    original = make_commitment(make, jarva, cycle=first, title="Mindre plast")
    original.created_at = now - timedelta(days=300)
    version = Commitment(
        arena=jarva,
        cycle=make.cycle(jarva, phase="proposing", year=2027),
        title="Mindre plast 2027",
        description="Vi fortsätter.",
        previous_id=original.id,
        created_at=now - timedelta(days=2),
    )
    adopted = Commitment(
        arena=skarholmen,
        cycle=make.cycle(skarholmen, phase="testing", year=2026),
        title="Mindre plast i Skärholmen",
        description="Vi gör som Järva.",
        origin_id=original.id,
        created_at=now - timedelta(days=1),
    )
    db.session.add_all([version, adopted])
    db.session.commit()

    at_jarva = _feed(client_for, jarva)
    [new_version] = _by_category(at_jarva, "version")
    assert new_version.title == "Mindre plast 2027"
    assert new_version.summary.startswith("New version for 2027 of the commitment from 2026.")
    assert new_version.link.endswith(f"/commitments/{version.id}/story")
    [elsewhere] = _by_category(at_jarva, "adoption")
    assert elsewhere.title == "Mindre plast"
    assert elsewhere.summary == "Adopted in Skärholmen as “Mindre plast i Skärholmen”."
    assert elsewhere.link.endswith(f"/commitments/{adopted.id}/story")
    assert [e.title for e in at_jarva.entries[:2]] == ["Mindre plast", "Mindre plast 2027"]
    [plain] = _by_category(at_jarva, "commitment")
    assert plain.title == "Mindre plast"

    at_skarholmen = _feed(client_for, skarholmen)
    [taken_up] = _by_category(at_skarholmen, "adoption")
    assert taken_up.title == "Mindre plast i Skärholmen"
    assert taken_up.summary.startswith("Adopted from “Mindre plast” in Järva.")
    assert taken_up.id != elsewhere.id
    assert _by_category(at_skarholmen, "commitment") == []
