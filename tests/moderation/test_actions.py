"""What the facilitators' actions do: hide, restore, dismiss, merge duplicates; each in
the audit log; refusals and lost races explained, with nothing changed."""

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from arena.accounts.roles import grant_role
from arena.audit import services as audit
from arena.audit.models import AuditEntry
from arena.extensions import db
from arena.moderation import services
from arena.moderation.models import Report
from arena.proposals.models import Participation, Proposal, Support
from tests.helpers import flashes, page_text
from tests.moderation.tools import (
    add_comment,
    add_report,
    give_support,
    hide,
    state,
    supports_are_consistent,
)


@pytest.fixture
def jarva(make):
    arena = make.arena("Järva")
    cycle = make.cycle(arena, phase="voting")
    facilitator = make.facilitator(arena, display_name="Johan")
    return arena, cycle, facilitator


def act(client, path, data=None):
    response = client.post(path, data=data or {})
    assert response.status_code == 303, page_text(response)
    return flashes(client.get(response.headers["Location"]))


def last_audit() -> AuditEntry:
    return db.session.scalar(select(AuditEntry).order_by(AuditEntry.id.desc()))


def test_hiding_needs_a_public_reason_and_is_logged(client_for, make, jarva):
    arena, cycle, facilitator = jarva
    proposal = make.proposal(cycle, title="Köp klockor")
    add_report(proposal, make.user(), "spam")
    client = client_for(facilitator, accept_language="en")
    path = f"/moderation/proposals/{proposal.id}/hide"

    before = state()
    for reason, message in [("  ", "Give the public reason for hiding it."), ("x" * 501, "500")]:
        response = client.post(path, data={"hide-reason": reason})
        assert response.status_code == 400
        assert message in page_text(response)
    assert state() == before

    assert act(client, path, {"hide-reason": "Reklam för en butik."}) == [
        "It is hidden. The public reason is shown in its place."
    ]
    db.session.expire_all()
    assert proposal.is_hidden and proposal.hidden_reason == "Reklam för en butik."
    assert proposal.hidden_by_id == facilitator.id and not proposal.is_auto_hidden
    assert db.session.scalar(select(Report.resolution)) == "hidden"
    entry = last_audit()
    assert (entry.actor_id, entry.action, entry.arena_id, entry.target_id, entry.reason) == (
        facilitator.id,
        "proposal.hide",
        arena.id,
        proposal.id,
        "Reklam för en butik.",
    )
    public = page_text(client_for(None, accept_language="en").get(f"/proposals/{proposal.id}"))
    assert (
        "Hidden by the facilitators: Reklam för en butik." in public and "Köp klockor" not in public
    )
    assert "Köp klockor" not in page_text(client_for(None).get(f"/arenas/{arena.slug}/proposals"))

    before = state()
    assert act(client, path, {"hide-reason": "Igen."}) == ["This is already hidden."]
    assert state() == before


def test_a_facilitator_confirms_an_automatic_hide_with_their_own_reason(client_for, make, jarva):
    _arena, cycle, facilitator = jarva
    comment = add_comment(make.proposal(cycle), make.user())
    add_report(comment, make.user())
    hide(comment, "Dold automatiskt.", auto=True)
    client = client_for(facilitator, accept_language="en")
    act(client, f"/moderation/comments/{comment.id}/hide", {"hide-reason": "Hot mot en granne."})
    db.session.expire_all()
    assert not comment.is_auto_hidden and comment.hidden_reason == "Hot mot en granne."
    assert last_audit().action == "comment.hide"


def test_restoring_shows_the_item_again(client_for, make, jarva):
    _arena, cycle, facilitator = jarva
    proposal = make.proposal(cycle)
    comment = add_comment(proposal, make.user(), "Synlig igen.")
    add_report(comment, make.user())
    hide(comment, "Misstag.")
    client = client_for(facilitator, accept_language="en")
    assert act(
        client, f"/moderation/comments/{comment.id}/restore", {"restore-note": "Inget fel."}
    ) == ["It is shown again."]
    db.session.expire_all()
    assert not comment.is_hidden and comment.hidden_reason is None and comment.hidden_by_id is None
    assert db.session.scalar(select(Report.resolution)) == "restored"
    assert (last_audit().action, last_audit().reason) == ("comment.restore", "Inget fel.")
    assert "Synlig igen." in page_text(client.get(f"/proposals/{proposal.id}"))

    before = state()
    assert act(client, f"/moderation/comments/{comment.id}/restore") == ["This is not hidden."]
    assert state() == before


def test_dismissing_reports_keeps_the_item_and_undoes_an_automatic_hide(client_for, make, jarva):
    _arena, cycle, facilitator = jarva
    visible, auto = make.proposal(cycle), make.proposal(cycle)
    add_report(visible, make.user())
    for _ in range(3):
        add_report(auto, make.user())
    hide(auto, "Automatiskt.", auto=True)
    client = client_for(facilitator, accept_language="en")

    assert act(client, f"/moderation/proposals/{visible.id}/dismiss") == [
        "The reports are dismissed. It stays visible."
    ]
    act(
        client,
        f"/moderation/proposals/{auto.id}/dismiss",
        {"dismiss-note": "Inget att invända mot."},
    )
    db.session.expire_all()
    assert not visible.is_hidden and not auto.is_hidden and not auto.is_auto_hidden
    assert set(db.session.scalars(select(Report.resolution))) == {"dismissed"}
    entry = last_audit()
    assert (entry.action, entry.reason, entry.details) == (
        "proposal.dismiss_reports",
        "Inget att invända mot.",
        {"reports": 3, "restored": True},
    )

    before = state()
    assert act(client, f"/moderation/proposals/{visible.id}/dismiss") == [
        "There are no open reports on this."
    ]
    assert state() == before


def test_dismissing_leaves_a_facilitators_hide_in_place(client_for, make, jarva):
    _arena, cycle, facilitator = jarva
    comment = add_comment(make.proposal(cycle), make.user())
    add_report(comment, make.user())
    hide(comment, "Personuppgifter.")
    act(client_for(facilitator, accept_language="en"), f"/moderation/comments/{comment.id}/dismiss")
    db.session.expire_all()
    assert comment.is_hidden and comment.hidden_reason == "Personuppgifter."


def test_merging_moves_supports_and_gives_back_doubled_ones(client_for, make, jarva):
    arena, cycle, facilitator = jarva
    target = make.proposal(cycle, title="Lånecyklar vid Tensta centrum")
    source = make.proposal(cycle, title="Lådcyklar att låna i Tensta")
    bystander = make.proposal(cycle)
    both, only_source, only_target = (make.user(connected_to=arena) for _ in range(3))
    for user, proposals in (
        (both, (target, source, bystander)),
        (only_source, (source,)),
        (only_target, (target,)),
    ):
        for proposal in proposals:
            give_support(user, proposal)
    add_report(source, make.user(), "duplicate")
    client = client_for(facilitator, accept_language="en")

    page = client.get(f"/moderation/proposals/{source.id}")
    assert f'<option value="{target.id}">Lånecyklar vid Tensta centrum</option>' in page.get_data(
        as_text=True
    )
    assert act(
        client,
        f"/moderation/proposals/{source.id}/merge",
        {"merge-into": str(target.id), "merge-reason": "Samma idé.", "confirmed": "yes"},
    ) == ["The proposal is merged into “Lånecyklar vid Tensta centrum”. Its supports moved there."]
    db.session.expire_all()
    assert (source.status, source.merged_into_id, source.support_count) == ("merged", target.id, 0)
    assert target.support_count == 3 and bystander.support_count == 1
    supporters = set(
        db.session.scalars(select(Support.user_id).where(Support.proposal_id == target.id))
    )
    assert supporters == {both.id, only_source.id, only_target.id}
    used = dict(
        db.session.execute(select(Participation.user_id, Participation.supports_used)).all()
    )
    assert used == {both.id: 2, only_source.id: 1, only_target.id: 1}
    supports_are_consistent()
    assert db.session.scalar(select(Report.resolution)) == "merged"
    entry = last_audit()
    assert (entry.actor_id, entry.action, entry.target_id, entry.reason) == (
        facilitator.id,
        "proposal.merge",
        source.id,
        "Samma idé.",
    )
    assert (
        entry.details["into"] == target.id
        and entry.details["moved"] == 1
        and entry.details["refunded"] == 1
    )

    reader = client_for(None, accept_language="en")
    source_page = reader.get(f"/proposals/{source.id}").get_data(as_text=True)
    assert (
        f'Merged into <a href="/proposals/{target.id}" lang="sv" dir="ltr">'
        "Lånecyklar vid Tensta centrum</a>" in source_page
    )
    target_page = reader.get(f"/proposals/{target.id}").get_data(as_text=True)
    assert (
        "Includes" in target_page
        and f'<a href="/proposals/{source.id}" lang="sv" dir="ltr">Lådcyklar att låna i Tensta</a>'
        in target_page
    )
    # The one who supported both can spend the support they got back.
    assert client_for(both).post(f"/proposals/{make.proposal(cycle).id}/support").status_code == 303
    supports_are_consistent()


OTHER_CYCLE = "Proposals can only be merged with another proposal of the same arena and cycle."
MERGE_REFUSALS = {
    "itself": "A proposal cannot be merged into itself.",
    "other_cycle": OTHER_CYCLE,
    "other_arena": OTHER_CYCLE,
    "hidden_target": "A proposal cannot be merged into a hidden proposal.",
    "merged_target": "That proposal has itself been merged into another.",
    "withdrawn_target": "Proposals can only be merged into a published proposal.",
    "already_merged": "This proposal has already been merged into another.",
    "no_such_proposal": "Choose the proposal to merge into.",
    "not_a_number": "Choose the proposal to merge into.",
    "huge_number": "Choose the proposal to merge into.",
    "empty": "Choose the proposal to merge into.",
}


def test_merges_that_make_no_sense_are_refused_with_nothing_changed(client_for, make, jarva):
    arena, cycle, facilitator = jarva
    client = client_for(facilitator, accept_language="en")
    for case, message in MERGE_REFUSALS.items():
        source, target = make.proposal(cycle), make.proposal(cycle)
        give_support(make.user(connected_to=arena), source)
        into = {
            "itself": str(source.id),
            "other_cycle": lambda: str(make.proposal(make.cycle(arena, phase="voting")).id),
            "other_arena": lambda: str(make.proposal(make.cycle(make.arena(), phase="voting")).id),
            "no_such_proposal": str(2**40),
            "not_a_number": "elva",
            "huge_number": "9" * 5000,
            "empty": "",
        }.get(case, str(target.id))
        into = into() if callable(into) else into
        if case == "hidden_target":
            hide(target)
        elif case in ("merged_target", "withdrawn_target"):
            target.status = "merged" if case == "merged_target" else "withdrawn"
            target.merged_into_id = make.proposal(cycle).id if case == "merged_target" else None
            db.session.commit()
        elif case == "already_merged":
            source.status, source.merged_into_id = "merged", make.proposal(cycle).id
            db.session.commit()
        before = state()
        response = client.post(
            f"/moderation/proposals/{source.id}/merge", data={"merge-into": into}
        )
        if case == "empty":
            assert response.status_code == 400, case
            assert message in page_text(response), case
        else:
            assert response.status_code == 303, case
            assert flashes(client.get(response.headers["Location"])) == [message], case
        assert state() == before, case


def test_a_lost_race_asks_to_try_again_and_saves_nothing(client_for, make, jarva, monkeypatch):
    _arena, cycle, facilitator = jarva
    source, target = make.proposal(cycle), make.proposal(cycle)

    apply_merge = services.apply_merge

    def deadlock(actor, source, target, **_kwargs):
        apply_merge(actor, source, target, now=source.created_at)
        raise OperationalError("UPDATE supports …", {}, Exception("deadlock detected"))

    # The merge service turns the lost race into a refusal; the view only shows it.
    monkeypatch.setattr(services, "apply_merge", deadlock)
    client = client_for(facilitator, accept_language="en")
    before = state()
    assert act(
        client,
        f"/moderation/proposals/{source.id}/merge",
        {"merge-into": str(target.id), "confirmed": "yes"},
    ) == ["Someone else changed this at the same moment, so nothing was saved. Please try again."]
    assert state() == before


def test_the_moderation_page_offers_what_the_state_allows(client_for, make, jarva):
    _arena, cycle, facilitator = jarva
    proposal = make.proposal(cycle)
    client = client_for(facilitator, accept_language="en")
    html = client.get(f"/moderation/proposals/{proposal.id}").get_data(as_text=True)
    assert (
        "/hide" in html
        and "/restore" not in html
        and "/dismiss" not in html
        and "/merge" not in html
    )
    add_report(proposal, make.user())
    make.proposal(cycle)
    html = client.get(f"/moderation/proposals/{proposal.id}").get_data(as_text=True)
    assert "/dismiss" in html and "/merge" in html
    hide(proposal)
    html = client.get(f"/moderation/proposals/{proposal.id}").get_data(as_text=True)
    assert "/restore" in html and "/hide" not in html


def test_the_audit_log_is_readable_newest_first_and_paginated(client_for, make, jarva):
    arena, cycle, facilitator = jarva
    proposal = make.proposal(cycle, title="Lånecyklar vid Tensta centrum")
    comment = add_comment(proposal, make.user(display_name="Karin"))
    admin = make.user(is_admin=True, display_name="Admin")
    audit.record(
        None,
        "comment.auto_hide",
        arena=arena,
        target=comment,
        reason="Dold automatiskt.",
        reports=3,
    )
    audit.record(facilitator, "proposal.hide", arena=arena, target=proposal, reason="Reklam.")
    grant_role(admin, make.user(display_name="Lina"), "facilitator", arena)
    audit.record(
        facilitator,
        "proposal.hide",
        arena=make.arena("Skärholmen"),
        target=proposal,
        reason="Annan arena.",
    )
    db.session.commit()

    response = client_for(make.user(is_staff=True), accept_language="en").get(
        f"/moderation/{arena.slug}/audit"
    )
    assert response.status_code == 200
    text = page_text(response)
    html = response.get_data(as_text=True)
    assert (
        text.index("Role given")
        < text.index("Proposal hidden")
        < text.index("Comment hidden automatically")
    )
    assert "Admin Role given: Lina (Facilitator of an arena)" in text
    assert "Johan Proposal hidden: Lånecyklar vid Tensta centrum Reklam." in text
    assert (
        "System Comment hidden automatically after reports: "
        "comment by Karin on “Lånecyklar vid Tensta centrum”" in text
    )
    assert f'href="/proposals/{proposal.id}#comment-{comment.id}"' in html
    assert "Annan arena." not in text
    assert '<th scope="col">When</th>' in html

    for _ in range(50):
        audit.record(facilitator, "proposal.restore", arena=arena, target=proposal)
    db.session.commit()
    client = client_for(facilitator, accept_language="en")
    first, second = (
        client.get(f"/moderation/{arena.slug}/audit"),
        client.get(f"/moderation/{arena.slug}/audit?page=2"),
    )
    assert page_text(first).count("Proposal restored") == 50 and "Role given" not in page_text(
        first
    )
    assert "Role given" in page_text(second) and "Comment hidden automatically" in page_text(second)
    assert client.get(f"/moderation/{arena.slug}/audit?page={2**70}").status_code == 200


def test_the_moderation_start_page_lists_what_each_role_may_open(client_for, make, jarva):
    arena, _cycle, facilitator = jarva
    add_report(make.proposal(_cycle), make.user())
    text = page_text(client_for(facilitator, accept_language="en").get("/moderation/"))
    assert "1 open report" in text and "Audit log of Järva" in text
    staff_text = page_text(
        client_for(make.user(is_staff=True), accept_language="en").get("/moderation/")
    )
    assert "Audit log of Järva" in staff_text and "open report" not in staff_text
    assert client_for(make.user(connected_to=arena)).get("/moderation/").status_code == 403


def test_supports_stay_consistent_after_several_merges(client_for, make, jarva):
    arena, cycle, facilitator = jarva
    a, b, c = (make.proposal(cycle) for _ in range(3))
    people = [make.user(connected_to=arena) for _ in range(4)]
    for index, person in enumerate(people):
        for proposal in (a, b, c)[: index % 3 + 1]:
            give_support(person, proposal)
    client = client_for(facilitator, accept_language="en")
    act(
        client, f"/moderation/proposals/{b.id}/merge", {"merge-into": str(a.id), "confirmed": "yes"}
    )
    act(
        client, f"/moderation/proposals/{c.id}/merge", {"merge-into": str(a.id), "confirmed": "yes"}
    )
    db.session.expire_all()
    supports_are_consistent()
    assert a.support_count == 4
    assert db.session.scalar(select(Proposal.support_count).where(Proposal.id == b.id)) == 0
