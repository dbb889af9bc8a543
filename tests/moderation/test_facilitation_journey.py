"""Issue 4's whole story through HTTP: Järva's facilitator creates next year's cycle,
hides a reported comment, merges duplicates, records a workshop with paper proposals
and dot votes, prints access codes and selects two proposals; a resident sees the
placeholder, the merge, the workshop numbers beside online supports and the outcome;
Skärholmen's facilitator can do none of it in Järva; the audit log has it all."""

from datetime import timedelta

from sqlalchemy import select

from arena.arenas.models import Cycle
from arena.audit.models import AuditEntry
from arena.core.time import utcnow
from arena.extensions import db
from arena.proposals.models import Comment, Proposal
from arena.workshops.models import Workshop
from tests.factories import cycle_dates
from tests.helpers import count, page_text, snapshot


def day(days_from_now: int) -> str:
    return (utcnow() + timedelta(days=days_from_now)).date().isoformat()


def test_a_facilitator_runs_jarva_and_skarholmen_cannot(make, client_for):
    jarva = make.arena("Järva", slug="jarva")
    skarholmen = make.arena("Skärholmen", slug="skarholmen")
    cycle = make.cycle(jarva, phase="voting", year=2026)
    make.cycle(skarholmen, phase="voting", year=2026)
    make.theme("transport")
    facilitator = make.facilitator(jarva, display_name="Johan")
    author = make.user(connected_to=jarva, display_name="Amina")
    supporter, commenter = make.user(connected_to=jarva), make.user(connected_to=jarva)
    main = make.proposal(cycle, author=author, title="Lånecyklar vid Tensta centrum")
    duplicate = make.proposal(cycle, title="Lådcyklar att låna i Tensta")
    ours = client_for(facilitator, accept_language="en")
    theirs = client_for(make.facilitator(skarholmen), accept_language="en")

    def refused_for_skarholmen(url, data=None):
        before = snapshot()
        assert theirs.post(url, data=data or {}).status_code == 403
        assert snapshot() == before

    # Next year's cycle, after this one's participation window.
    new_cycle = {
        "year": "2027",
        "support_budget": "5",
        "introduction": "",
        "proposing_opens_at": day(370),
        "voting_opens_at": day(400),
        "voting_closes_at": day(430),
        "testing_starts_at": day(450),
        "review_starts_at": day(760),
        "closes_at": day(820),
    }
    refused_for_skarholmen("/arenas/jarva/manage/cycles/new", new_cycle)
    assert ours.post("/arenas/jarva/manage/cycles/new", data=new_cycle).status_code == 303
    assert count(Cycle, Cycle.arena_id == jarva.id) == 2

    # A comment is reported, then hidden with a public reason.
    assert client_for(supporter).post(f"/proposals/{duplicate.id}/support").status_code == 303
    client_for(commenter).post(
        f"/proposals/{main.id}/comments", data={"body": "Ni är idioter allihop.", "language": "sv"}
    )
    comment = db.session.scalar(select(Comment))
    client_for(supporter).post(
        f"/moderation/comments/{comment.id}/report",
        data={"reason": "offensive", "note": "Personangrepp"},
    )
    hide = {"hide-reason": "Personangrepp strider mot reglerna."}
    refused_for_skarholmen(f"/moderation/comments/{comment.id}/hide", hide)
    assert ours.post(f"/moderation/comments/{comment.id}/hide", data=hide).status_code == 303

    # The duplicate is merged; its support moves to the main proposal.
    merge = {"merge-into": str(main.id), "merge-reason": "Samma idé.", "confirmed": "yes"}
    refused_for_skarholmen(f"/moderation/proposals/{duplicate.id}/merge", merge)
    assert ours.post(f"/moderation/proposals/{duplicate.id}/merge", data=merge).status_code == 303
    db.session.expire_all()
    assert (duplicate.status, main.support_count) == ("merged", 1)

    # A workshop with 12 participants, three paper proposals and their dot votes.
    workshop_data = {
        "cycle": "2026",
        "date": day(-1),
        "time": "18:00",
        "place": "Tensta träff",
        "language": "sv",
        "participant_count": "12",
        "notes": "",
    }
    refused_for_skarholmen("/workshops/jarva/new", workshop_data)
    assert ours.post("/workshops/jarva/new", data=workshop_data).status_code == 303
    workshop = db.session.scalar(select(Workshop))
    for title in ("Fler bänkar vid torget", "Byteshylla i tvättstugan", "Cykelkurs för vuxna"):
        response = ours.post(
            f"/workshops/jarva/{workshop.id}/proposals/new",
            data={
                "title": title,
                "summary": f"{title}, från lappar.",
                "theme": "transport",
                "language": "sv",
            },
        )
        assert response.status_code == 303
    paper = list(db.session.scalars(select(Proposal).where(Proposal.workshop_id == workshop.id)))
    assert workshop.participant_count == 12 and len(paper) == 3
    votes = {f"votes_{p.id}": str(n) for p, n in zip(paper, (7, 4, 2), strict=True)}
    votes[f"votes_{main.id}"] = "5"
    refused_for_skarholmen(f"/workshops/jarva/{workshop.id}/tallies", votes)
    assert ours.post(f"/workshops/jarva/{workshop.id}/tallies", data=votes).status_code == 303

    # Access codes for people without e-mail, printed once.
    codes = {"workshop": str(workshop.id), "count": "5", "days": "30"}
    refused_for_skarholmen("/workshops/jarva/codes", codes)
    printed = ours.post("/workshops/jarva/codes", data=codes, follow_redirects=True)
    assert printed.status_code == 200 and "Tensta träff" in page_text(printed)

    # Voting closes; the facilitator selects two proposals.
    for name, value in cycle_dates("selection").items():
        setattr(cycle, name, value)
    db.session.commit()
    # A paper proposal's author is its workshop: an organisation active in Järva owns it.
    tensta = make.organisation(name="Tensta träff", arenas=[jarva])
    for proposal in (main, paper[0]):
        select_data = {
            "select-motivation": "Många ville detta.",
            "select-title": proposal.title,
            "select-description": proposal.summary,
        }
        if proposal.workshop_id:
            select_data["select-owner_organisations"] = str(tensta.id)
        else:
            select_data["select-owner_author"] = "y"
        refused_for_skarholmen(f"/commitments/decide/{proposal.id}/select", select_data)
        assert (
            ours.post(f"/commitments/decide/{proposal.id}/select", data=select_data).status_code
            == 303
        )

    # What a resident sees.
    resident = client_for(author, accept_language="en")
    main_page = page_text(resident.get(f"/proposals/{main.id}"))
    assert "Personangrepp strider mot reglerna." in main_page
    assert "Ni är idioter" not in main_page
    assert "1 online support" in main_page and "5 workshop votes" in main_page
    assert f'href="/proposals/{main.id}"' in resident.get(f"/proposals/{duplicate.id}").get_data(
        as_text=True
    )
    assert "Selected" in page_text(resident.get("/accounts/me"))

    # Every one of those actions is in the audit log, by the facilitator, with its reason.
    actions = {
        e.action: e
        for e in db.session.scalars(select(AuditEntry).where(AuditEntry.actor_id == facilitator.id))
    }
    for action in (
        "cycle.create",
        "comment.hide",
        "proposal.merge",
        "workshop.record",
        "workshop.add_proposal",
        "workshop.save_tallies",
        "access_codes.generate",
        "proposal.select",
    ):
        assert action in actions, action
    assert actions["comment.hide"].reason == "Personangrepp strider mot reglerna."
    log = page_text(ours.get("/moderation/jarva/audit"))
    assert "Johan" in log and "Personangrepp strider mot reglerna." in log
