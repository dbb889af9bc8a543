"""Following through the buttons and automatically, and the notices each change makes
for followers (never for whoever made the change)."""

from datetime import timedelta

from sqlalchemy import select

from arena.core.time import utcnow
from arena.extensions import db
from arena.following.models import Follow, Notice, NoticeKind, NoticeSetting
from arena.following.notices import create_notices
from tests.commitments.followup_helpers import make_commitment
from tests.factories import PASSWORD
from tests.following.helpers import give_support, kinds_for, notices_for
from tests.helpers import flashes, page_text
from tests.selections.test_selection import select_data


def test_follow_and_unfollow_an_arena_with_the_buttons(make, client_for):
    arena = make.arena("Järva", slug="jarva")
    make.cycle(arena, phase="proposing")
    resident = make.user(connected_to=arena)
    client = client_for(resident, accept_language="en")
    page = client.get("/arenas/jarva").get_data(as_text=True)
    assert f'action="/following/arena/{arena.id}"' in page

    response = client.post(f"/following/arena/{arena.id}")
    assert response.status_code == 303 and response.headers["Location"] == "/arenas/jarva"
    assert flashes(client.get("/arenas/jarva"))[0].startswith("You follow this now.")
    assert db.session.scalar(select(Follow.is_following).where(Follow.user_id == resident.id))
    assert "Stop following" in page_text(client.get("/arenas/jarva"))
    # Following twice changes nothing.
    assert client.post(f"/following/arena/{arena.id}").status_code == 303
    assert len(db.session.scalars(select(Follow)).all()) == 1
    client.get("/arenas/jarva")  # shows (and so clears) the second confirmation

    client.post(f"/following/arena/{arena.id}/stop")
    assert db.session.scalars(select(Follow)).all() == []  # a chosen follow simply goes
    page = client.get("/arenas/jarva")
    assert "You no longer follow this." in flashes(page)[0]
    assert f'action="/following/arena/{arena.id}"' in page.get_data(as_text=True)


def test_anonymous_visitors_are_asked_to_sign_in(make, client_for):
    arena = make.arena("Järva", slug="jarva")
    cycle = make.cycle(arena, phase="voting")
    proposal = make.proposal(cycle)
    commitment = make_commitment(make, arena)
    anonymous = client_for(None, accept_language="en")
    for path in ("/arenas/jarva", f"/proposals/{proposal.id}", f"/commitments/{commitment.id}"):
        assert "Sign in to follow this" in page_text(anonymous.get(path)), path
    response = anonymous.post(f"/following/proposal/{proposal.id}")
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]
    assert anonymous.get("/notices").status_code == 302
    assert db.session.scalars(select(Follow)).all() == []


def test_unknown_targets_are_not_found(make, client_for):
    client = client_for(make.user())
    assert client.post("/following/proposal/999999").status_code == 404
    assert client.post("/following/cycle/1").status_code == 404
    assert client.post("/following/commitment/99999999999").status_code == 404


def test_supporting_and_writing_follow_automatically_and_unfollowing_sticks(make, client_for):
    arena = make.arena("Järva", slug="jarva")
    cycle = make.cycle(arena, phase="voting")
    author = make.user(connected_to=arena)
    supporter = make.user(connected_to=arena)
    proposal = make.proposal(cycle, author=author)
    client = client_for(supporter, accept_language="en")
    assert client.post(f"/proposals/{proposal.id}/support").status_code == 303
    for person in (author, supporter):
        text = page_text(client_for(person, accept_language="en").get(f"/proposals/{proposal.id}"))
        assert "You follow this because you wrote, supported, joined or own it." in text

    client.post(f"/following/proposal/{proposal.id}/stop")
    assert "Follow" in page_text(client.get(f"/proposals/{proposal.id}"))
    # Withdrawing and supporting again does not follow again: the choice is kept.
    client.post(f"/proposals/{proposal.id}/withdraw")
    client.post(f"/proposals/{proposal.id}/support")
    facilitator = make.facilitator(arena)
    hide = client_for(facilitator).post(
        f"/moderation/proposals/{proposal.id}/hide", data={"hide-reason": "Fel arena."}
    )
    assert hide.status_code == 303
    assert kinds_for(supporter) == [] and kinds_for(author) == ["hidden"]


def test_joining_and_owning_a_commitment_follow_it(make, client_for):
    arena = make.arena("Järva", slug="jarva")
    owner = make.user(connected_to=arena)
    member = make.user(connected_to=arena)
    club = make.organisation(members=[member], arenas=[arena])
    commitment = make_commitment(make, arena, owner=owner, organisation=club)
    joiner = make.user(connected_to=arena)
    assert client_for(joiner).post(f"/commitments/{commitment.id}/join").status_code == 303
    bystander = make.user(connected_to=arena)
    response = client_for(owner).post(
        f"/commitments/{commitment.id}/check-ins/resident", data={"note": "Vi cyklade."}
    )
    assert response.status_code == 303
    assert kinds_for(joiner) == ["check_in"] and kinds_for(member) == ["check_in"]
    assert kinds_for(owner) == [] and kinds_for(bystander) == []  # the actor; no follower


def test_selection_and_non_selection_tell_followers_with_the_motivation(make, client_for):
    arena = make.arena("Innerstaden", slug="innerstaden")
    cycle = make.cycle(arena, phase="selection")
    author = make.user(connected_to=arena)
    chosen = make.proposal(cycle, author=author, title="Sommargågata")
    passed = make.proposal(cycle, author=author, title="Fler bussar")
    follower = make.user()
    client_for(follower).post(f"/following/proposal/{passed.id}")
    facilitator = make.facilitator(arena)
    client = client_for(facilitator)
    assert (
        client.post(f"/commitments/decide/{chosen.id}/select", data=select_data()).status_code
        == 303
    )
    response = client.post(
        f"/commitments/decide/{passed.id}/not-select",
        data={"reject-motivation": "Trafikkontoret ansvarar redan för bussarna."},
    )
    assert response.status_code == 303
    assert kinds_for(author) == ["selected", "not_selected"]
    assert kinds_for(follower) == ["not_selected"] and kinds_for(facilitator) == []

    page = page_text(client_for(author, accept_language="en").get("/notices"))
    assert "“Sommargågata” was selected and becomes a commitment." in page
    assert "Why: Många vill pröva en bilfri sommargata." in page
    assert "“Fler bussar” was not selected." in page


def test_a_hidden_proposal_is_told_with_the_public_reason_only(make, client_for):
    arena = make.arena("Järva", slug="jarva")
    cycle = make.cycle(arena, phase="voting")
    proposal = make.proposal(cycle, title="Köp klockor hos oss")
    supporter = make.user(connected_to=arena)
    give_support(supporter, proposal)
    facilitator = make.facilitator(arena)
    client_for(facilitator).post(
        f"/moderation/proposals/{proposal.id}/hide", data={"hide-reason": "Reklam för en butik."}
    )
    page = client_for(supporter, accept_language="en").get("/notices")
    text = page_text(page)
    assert "A proposal you follow in Järva was hidden by the facilitators." in text
    assert "Public reason: Reklam för en butik." in text
    assert "Köp klockor" not in page.get_data(as_text=True)
    assert kinds_for(facilitator) == []


def test_a_merge_tells_the_duplicates_followers(make, client_for):
    arena = make.arena("Järva", slug="jarva")
    cycle = make.cycle(arena, phase="voting")
    source = make.proposal(cycle, title="Lådcyklar att låna")
    target = make.proposal(cycle, title="Lånecyklar vid Tensta")
    supporter = make.user(connected_to=arena)
    give_support(supporter, source)
    facilitator = make.facilitator(arena)
    done = client_for(facilitator).post(
        f"/moderation/proposals/{source.id}/merge",
        data={"merge-into": str(target.id), "merge-reason": "Samma idé.", "confirmed": "yes"},
    )
    assert done.status_code == 303
    [notice] = notices_for(supporter)
    assert notice.kind == "merged" and notice.related_id == target.id
    page = client_for(supporter, accept_language="en").get("/notices").get_data(as_text=True)
    assert f'href="/proposals/{target.id}"' in page


def test_the_navigation_counts_unread_and_mark_all_as_read(make, client_for):
    arena = make.arena("Järva", slug="jarva")
    owner = make.user(connected_to=arena)
    commitment = make_commitment(make, arena, owner=owner)
    follower = make.user()
    client = client_for(follower, accept_language="en")
    assert "What's new" in page_text(client.get("/"))
    assert "Nothing new yet." in page_text(client.get("/notices"))
    client.post(f"/following/commitment/{commitment.id}")
    owner_client = client_for(owner)
    for note in ("Första turen.", "Andra turen."):
        owner_client.post(f"/commitments/{commitment.id}/check-ins/resident", data={"note": note})
    assert "What's new (2 unread)" in page_text(client.get("/"))
    html = client.get("/notices").get_data(as_text=True)
    assert html.count("notice-unread") == 2 and f'href="/commitments/{commitment.id}"' in html

    response = client.post("/notices/read")
    assert response.status_code == 303
    assert flashes(client.get(response.headers["Location"])) == ["All notices are marked as read."]
    assert "unread" not in page_text(client.get("/"))
    assert all(n.read_at is not None for n in notices_for(follower))
    # Another person's notices are never touched or shown.
    other = make.user()
    assert "Nothing new yet." in page_text(client_for(other, accept_language="en").get("/notices"))


def test_notices_are_paged_newest_first(make, client_for):
    arena = make.arena("Järva", slug="jarva")
    follower = make.user()
    now = utcnow()
    for n in range(25):
        create_notices(
            [follower.id],
            kind=NoticeKind.PHASE,
            now=now + timedelta(minutes=n),
            arena_id=arena.id,
            detail="voting",
        )
    db.session.commit()
    client = client_for(follower, accept_language="en")
    first = client.get("/notices").get_data(as_text=True)
    assert first.count('<li class="notice') == 20 and 'rel="next"' in first
    second = client.get("/notices?page=2").get_data(as_text=True)
    assert second.count('<li class="notice') == 5
    assert client.get("/notices?page=99999999999").status_code == 200
    assert client.get("/notices?page=x").status_code == 200


def test_deleting_the_account_removes_follows_and_notices(make, client_for):
    arena = make.arena("Järva", slug="jarva")
    owner = make.user(connected_to=arena)
    commitment = make_commitment(make, arena, owner=owner)
    person = make.user()
    client = client_for(person)
    client.post(f"/following/commitment/{commitment.id}")
    client.post(f"/following/arena/{arena.id}")
    client_for(owner).post(f"/commitments/{commitment.id}/check-ins/resident", data={"note": "Hej"})
    client.post("/notices/mail", data={"frequency": "weekly", "weekday": "4"})
    mine = client.get("/accounts/me/data.json").get_json()["following"]
    assert mine["mail"] == "weekly" and mine["weekly_day"] == 4
    assert {f["kind"] for f in mine["follows"]} == {"arena", "commitment"}
    assert len(mine["notices"]) == 1 and "Hej" not in str(mine)
    assert len(notices_for(person)) == 1
    response = client.post("/accounts/me/delete", data={"password": PASSWORD, "understood": "y"})
    assert response.status_code == 303, page_text(response)

    assert db.session.scalars(select(Follow).where(Follow.user_id == person.id)).all() == []
    assert db.session.scalars(select(Notice).where(Notice.user_id == person.id)).all() == []
    assert db.session.get(NoticeSetting, person.id) is None


def test_any_page_number_of_the_notices_is_a_page(make, client_for):
    client = client_for(make.user(), accept_language="en")
    for page in ("2", "0", "-1", "x", "99999999999999999999"):
        assert client.get(f"/notices?page={page}").status_code == 200, page


def test_the_navigation_counts_up_to_99_unread(make, client_for):
    """Someone who never reads keeps the count cheap: past 99 it says 99+."""
    arena = make.arena("Järva", slug="jarva")
    proposal = make.proposal(make.cycle(arena))
    reader = make.user()
    client = client_for(reader, accept_language="en")

    def add(count):
        db.session.add_all(
            Notice(user_id=reader.id, kind=NoticeKind.SELECTED, proposal_id=proposal.id)
            for _ in range(count)
        )
        db.session.commit()

    add(99)
    assert "What's new (99 unread)" in page_text(client.get("/"))
    add(1)
    assert "What's new (99+ unread)" in page_text(client.get("/"))
    swedish = client_for(reader, accept_language="sv")
    assert "Nytt (99+ olästa)" in page_text(swedish.get("/"))
