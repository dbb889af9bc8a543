"""Selecting proposals into commitments, not selecting them, undoing a decision,
and the public commitment page."""

import re

import pytest
from sqlalchemy import func, select

from arena.audit.models import AuditEntry
from arena.commitments.models import Commitment, commitment_proposals
from arena.core.errors import ActionRefused
from arena.core.time import utcnow
from arena.extensions import db
from arena.proposals.models import Proposal
from arena.selections import services
from tests.helpers import count, flashes, page_text


@pytest.fixture
def setting(make, client_for):
    arena = make.arena("Innerstaden", slug="innerstaden")
    cycle = make.cycle(arena, phase="selection")
    author = make.user(connected_to=arena, display_name="Layla")
    club = make.organisation(name="Cykelklubben Söder", arenas=[arena], members=[author])
    other_club = make.organisation(name="Hyresgästföreningen", arenas=[arena])
    make.organisation(name="Föreningen i Järva", arenas=[make.arena("Järva")])
    benefits = [make.co_benefit("cleaner_air"), make.co_benefit("physical_activity")]
    proposal = make.proposal(
        cycle,
        author=author,
        organisation=club,
        title="Sommargågata på Kungsholmen",
        summary="En gata blir gågata under sommaren.",
        body="Med bänkar och växter.",
        language="sv",
        co_benefits=benefits,
        support_count=12,
    )
    facilitator = make.facilitator(arena)
    client = client_for(facilitator, accept_language="en")
    return {
        "arena": arena,
        "cycle": cycle,
        "author": author,
        "club": club,
        "other_club": other_club,
        "proposal": proposal,
        "facilitator": facilitator,
        "client": client,
    }


def select_data(**values) -> dict:
    data = {
        "select-motivation": "Många vill pröva en bilfri sommargata.",
        "select-title": "Bilfri sommargata på Kungsholmen",
        "select-description": "Från juni till augusti.",
        "select-owner_author": "y",
    }
    data.update(values)
    return {key: value for key, value in data.items() if value is not None}


def test_decide_page_is_prefilled_from_the_proposal(setting):
    s = setting
    response = s["client"].get(f"/commitments/decide/{s['proposal'].id}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'value="Sommargågata på Kungsholmen"' in html  # the commitment's title
    assert "En gata blir gågata under sommaren.\n\nMed bänkar och växter.</textarea>" in html
    assert "The proposal's author, Layla" in page_text(response)
    # The author and the proposal's organisation are ticked; the arena's other organisation is
    # offered; an organisation of another arena is not.
    boxes = re.findall(r'<input ([^>]*type="checkbox"[^>]*)>', html)
    ticked = {re.search(r'value="([^"]+)"', b).group(1): "checked" in b for b in boxes}
    assert ticked == {"y": True, str(s["club"].id): True, str(s["other_club"].id): False}
    assert "Hyresgästföreningen" in html and "Föreningen i Järva" not in html
    assert "12" in page_text(response)


def test_selecting_creates_the_commitment_and_audits(setting):
    s = setting
    proposal = s["proposal"]
    response = s["client"].post(
        f"/commitments/decide/{proposal.id}/select",
        data=select_data(
            **{"select-owner_organisations": [str(s["club"].id), str(s["other_club"].id)]}
        ),
    )
    assert response.status_code == 303
    assert response.headers["Location"].endswith(
        f"/arenas/innerstaden/results?year={s['cycle'].year}"
    )
    db.session.expire_all()
    commitment = db.session.scalar(select(Commitment))
    assert (commitment.title, commitment.description) == (
        "Bilfri sommargata på Kungsholmen",
        "Från juni till augusti.",
    )
    assert (commitment.arena_id, commitment.cycle_id, commitment.status) == (
        s["arena"].id,
        s["cycle"].id,
        "planned",
    )
    assert commitment.language == "sv"
    assert [t.key for t in commitment.themes] == ["transport"]
    assert sorted(b.key for b in commitment.co_benefits) == ["cleaner_air", "physical_activity"]
    assert [u.id for u in commitment.owner_users] == [s["author"].id]
    assert sorted(o.id for o in commitment.owner_organisations) == sorted(
        [s["club"].id, s["other_club"].id]
    )
    assert [p.id for p in commitment.proposals] == [proposal.id]
    assert commitment.created_by_id == s["facilitator"].id
    proposal = db.session.get(Proposal, proposal.id)
    assert proposal.status == "selected"
    assert proposal.decision_note == "Många vill pröva en bilfri sommargata."
    assert proposal.decided_at is not None
    entry = db.session.scalar(select(AuditEntry))
    assert (entry.action, entry.actor_id, entry.arena_id) == (
        "proposal.select",
        s["facilitator"].id,
        s["arena"].id,
    )
    assert (entry.target_type, entry.target_id) == ("proposal", proposal.id)
    assert entry.reason == "Många vill pröva en bilfri sommargata."
    assert entry.details["commitment_id"] == commitment.id


BAD_SELECTIONS = [
    ({"select-motivation": ""}, "Say why the proposal is selected."),
    ({"select-motivation": "x" * 1001}, "Write at most 1000 characters."),
    ({"select-title": " "}, "Give the commitment a title."),
    ({"select-owner_author": None}, "Choose at least one owner."),
    (
        {"select-owner_organisations": "99999999999999999999"},
        "Choose among the organisations listed.",
    ),
    ({"select-owner_organisations": "abc"}, "Choose among the organisations listed."),
]


def test_bad_selection_input_saves_nothing(setting):
    s = setting
    for values, message in BAD_SELECTIONS:
        response = s["client"].post(
            f"/commitments/decide/{s['proposal'].id}/select", data=select_data(**values)
        )
        assert response.status_code == 200, values
        assert message in page_text(response), values
        assert count(Commitment) == 0 and count(AuditEntry) == 0
        assert db.session.scalar(select(Proposal.status)) == "published"


def test_an_organisation_from_another_arena_cannot_own_it(setting, make):
    s = setting
    outsider = make.organisation(name="Utomstående", arenas=[make.arena()])
    response = s["client"].post(
        f"/commitments/decide/{s['proposal'].id}/select",
        data=select_data(**{"select-owner_organisations": str(outsider.id)}),
    )
    assert response.status_code == 200
    assert count(Commitment) == 0


def test_not_selecting_with_and_without_motivation(setting, make):
    s = setting
    second = make.proposal(s["cycle"], author=s["author"])
    for proposal, motivation in ((s["proposal"], "Finns redan i stadens regi."), (second, "")):
        response = s["client"].post(
            f"/commitments/decide/{proposal.id}/not-select", data={"reject-motivation": motivation}
        )
        assert response.status_code == 303
    rows = db.session.execute(
        select(Proposal.status, Proposal.decision_note).order_by(Proposal.id)
    ).all()
    assert [tuple(r) for r in rows] == [
        ("not_selected", "Finns redan i stadens regi."),
        ("not_selected", None),
    ]
    reasons = db.session.scalars(
        select(AuditEntry.reason)
        .where(AuditEntry.action == "proposal.not_select")
        .order_by(AuditEntry.id)
    )
    assert list(reasons) == ["Finns redan i stadens regi.", ""]
    assert count(Commitment) == 0


def test_a_decided_proposal_cannot_be_decided_again(setting):
    s = setting
    proposal = s["proposal"]
    assert (
        s["client"].post(f"/commitments/decide/{proposal.id}/not-select", data={}).status_code
        == 303
    )
    response = s["client"].post(
        f"/commitments/decide/{proposal.id}/select", data=select_data(), follow_redirects=True
    )
    assert "This proposal has already been decided on. Undo that decision first." in flashes(
        response
    )
    assert count(Commitment) == 0 and count(AuditEntry) == 1


@pytest.mark.parametrize("state", ["hidden", "merged", "withdrawn"])
def test_hidden_merged_and_withdrawn_proposals_are_not_decided(setting, make, state):
    s = setting
    proposal = s["proposal"]
    if state == "hidden":
        proposal.hidden_at, proposal.hidden_reason = utcnow(), "Personuppgifter."
    elif state == "merged":
        proposal.status, proposal.merged_into = "merged", make.proposal(s["cycle"])
    else:
        proposal.status = "withdrawn"
    db.session.commit()
    page = s["client"].get(f"/commitments/decide/{proposal.id}")
    assert "Hidden, merged and withdrawn proposals are not decided on." in page_text(page)
    assert 'name="select-motivation"' not in page.get_data(as_text=True)
    for path, data in (("select", select_data()), ("not-select", {})):
        response = s["client"].post(
            f"/commitments/decide/{proposal.id}/{path}", data=data, follow_redirects=True
        )
        assert "Hidden, merged and withdrawn proposals are not decided on." in flashes(response)
    assert count(Commitment) == 0 and count(AuditEntry) == 0


def test_undoing_a_selection_deletes_its_commitment(setting):
    s = setting
    proposal = s["proposal"]
    s["client"].post(f"/commitments/decide/{proposal.id}/select", data=select_data())
    commitment_id = db.session.scalar(select(Commitment.id))
    page = s["client"].get(f"/commitments/decide/{proposal.id}")
    assert "Undo the decision" in page_text(page)
    response = s["client"].post(f"/commitments/decide/{proposal.id}/undo", follow_redirects=True)
    assert f"The decision on “{proposal.title}” is undone." in flashes(response)
    assert count(Commitment) == 0
    assert db.session.scalar(select(func.count()).select_from(commitment_proposals)) == 0
    row = db.session.execute(
        select(Proposal.status, Proposal.decision_note, Proposal.decided_at)
    ).one()
    assert tuple(row) == ("published", None, None)
    entry = db.session.scalar(
        select(AuditEntry).where(AuditEntry.action == "proposal.undo_decision")
    )
    assert entry.details["previous_status"] == "selected"
    assert entry.details["previous_motivation"] == "Många vill pröva en bilfri sommargata."
    assert entry.details["deleted_commitment_ids"] == [commitment_id]


@pytest.mark.parametrize("attachment", ["second_proposal", "later_version", "no_longer_planned"])
def test_undo_is_refused_once_something_is_attached(setting, make, attachment):
    s = setting
    proposal = s["proposal"]
    other = make.proposal(s["cycle"])
    s["client"].post(f"/commitments/decide/{proposal.id}/select", data=select_data())
    commitment = db.session.scalar(select(Commitment))
    if attachment == "second_proposal":
        commitment.proposals.append(other)
    elif attachment == "later_version":
        db.session.add(
            Commitment(
                arena_id=s["arena"].id,
                cycle_id=s["cycle"].id,
                title="Version 2",
                previous=commitment,
            )
        )
    else:
        commitment.status = "active"
    db.session.commit()
    before = (
        count(Commitment),
        count(AuditEntry),
        db.session.scalar(select(Proposal.status).where(Proposal.id == proposal.id)),
    )
    response = s["client"].post(f"/commitments/decide/{proposal.id}/undo", follow_redirects=True)
    assert "already has more linked to it, so the selection cannot be undone" in " ".join(
        flashes(response)
    )
    after = (
        count(Commitment),
        count(AuditEntry),
        db.session.scalar(select(Proposal.status).where(Proposal.id == proposal.id)),
    )
    assert after == before == (before[0], 1, "selected")


def test_undoing_a_non_selection(setting):
    s = setting
    proposal = s["proposal"]
    s["client"].post(
        f"/commitments/decide/{proposal.id}/not-select", data={"reject-motivation": "Nej."}
    )
    assert s["client"].post(f"/commitments/decide/{proposal.id}/undo").status_code == 303
    assert db.session.scalar(select(Proposal.status)) == "published"
    response = s["client"].post(f"/commitments/decide/{proposal.id}/undo", follow_redirects=True)
    assert "This proposal has not been decided on." in flashes(response)


def test_commitment_page_is_public(setting, client_for):
    s = setting
    s["client"].post(
        f"/commitments/decide/{s['proposal'].id}/select",
        data=select_data(**{"select-owner_organisations": str(s["club"].id)}),
    )
    commitment_id = db.session.scalar(select(Commitment.id))
    response = client_for(None, accept_language="en").get(f"/commitments/{commitment_id}")
    text = page_text(response)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<h1 lang="sv" dir="ltr">Bilfri sommargata på Kungsholmen</h1>' in html
    assert "Planned" in text and "Innerstaden" in text and str(s["cycle"].year) in text
    assert "Cykelklubben Söder" in text and "Layla" in text
    assert f'href="/proposals/{s["proposal"].id}"' in html
    assert "Why it was selected: Många vill pröva en bilfri sommargata." in text
    assert "Cleaner air" in text


@pytest.mark.parametrize("commitment_id", ["12345", "99999999999999999999"])
def test_unknown_commitment_is_not_found(client_for, app, commitment_id):
    assert client_for(None).get(f"/commitments/{commitment_id}").status_code == 404


def test_service_refuses_owners_outside_the_arena(setting, make):
    s = setting
    stranger = make.user(connected_to=make.arena())
    with pytest.raises(ActionRefused):
        services.select_proposal(
            s["facilitator"],
            s["proposal"],
            now=utcnow(),
            motivation="Bra.",
            title="T",
            description="",
            owner_users=[stranger],
        )
    db.session.rollback()
    assert count(Commitment) == 0
