"""Notices follow decisions that are undone, changed or hidden later: what no mail has
told yet is taken back or kept from sight; what was mailed stays, marked as changed."""

from datetime import timedelta

from sqlalchemy import select

from arena.commitments.models import CheckIn
from arena.core.time import utcnow
from arena.extensions import db
from arena.following import jobs
from arena.following.models import Notice
from arena.mail.models import OutboxMessage
from tests.commitments.followup_helpers import make_commitment
from tests.following.helpers import give_support, kinds_for, notices_for
from tests.following.test_mail import choose
from tests.helpers import page_text
from tests.reviews.test_review import form_for, setup  # noqa: F401 (a fixture)
from tests.selections.test_selection import select_data


def test_undoing_a_selection_takes_back_the_unmailed_notices(make, client_for):
    arena = make.arena("Innerstaden", slug="innerstaden")
    cycle = make.cycle(arena, phase="selection")
    author = make.user(connected_to=arena)  # a daily digest: not mailed yet
    proposal = make.proposal(cycle, author=author, title="Sommargågata")
    mailed = make.user(email="mailed@example.org")
    mailed_client = client_for(mailed, accept_language="en")
    mailed_client.post(f"/following/proposal/{proposal.id}")
    choose(mailed_client, "immediately")
    silent = make.user()
    silent_client = client_for(silent, accept_language="en")
    silent_client.post(f"/following/proposal/{proposal.id}")
    choose(silent_client, "none")  # never mailed: counts as not told by mail
    client = client_for(make.facilitator(arena))
    decide = f"/commitments/decide/{proposal.id}"
    assert client.post(f"{decide}/select", data=select_data()).status_code == 303
    assert kinds_for(author) == kinds_for(mailed) == kinds_for(silent) == ["selected"]

    assert client.post(f"{decide}/undo").status_code == 303
    assert kinds_for(author) == [] and kinds_for(silent) == []
    # The mail was sent: the notice stays as history, marked as no longer true.
    assert kinds_for(mailed) == ["selected"]
    page = page_text(mailed_client.get("/notices"))
    assert "“Sommargågata” was selected" in page
    assert "This decision was changed later." in page

    response = client.post(
        f"{decide}/not-select", data={"reject-motivation": "Gatan byggs om i år."}
    )
    assert response.status_code == 303
    assert kinds_for(author) == ["not_selected"] and kinds_for(silent) == ["not_selected"]
    assert kinds_for(mailed) == ["selected", "not_selected"]
    page = page_text(client_for(author, accept_language="en").get("/notices"))
    assert "“Sommargågata” was not selected." in page and "Why: Gatan byggs om i år." in page
    assert "was selected and" not in page and "changed later" not in page
    # Undoing the non-selection takes its notice back too.
    assert client.post(f"{decide}/undo").status_code == 303
    assert kinds_for(author) == [] and kinds_for(mailed) == ["selected", "not_selected"]
    assert page_text(mailed_client.get("/notices")).count("This decision was changed later.") == 2


def test_a_hidden_check_in_takes_its_notice_out_of_sight_and_out_of_the_digest(make, client_for):
    arena = make.arena("Järva", slug="jarva")
    owner = make.user(connected_to=arena)
    commitment = make_commitment(make, arena, owner=owner, title="Cykla till skolan")
    follower = make.user(email="sara@example.org")
    client = client_for(follower, accept_language="en")
    client.post(f"/following/commitment/{commitment.id}")
    for note in ("Vi cyklade i dag.", "Ring mig på 070-1234567!"):
        response = client_for(owner).post(
            f"/commitments/{commitment.id}/check-ins/resident", data={"note": note}
        )
        assert response.status_code == 303
    assert kinds_for(follower) == ["check_in", "check_in"]
    assert "070-1234567" in page_text(client.get("/notices"))

    # A facilitator hides the second check-in (there is no page for it yet; see report).
    spam = db.session.scalars(select(CheckIn).where(CheckIn.note.contains("070"))).one()
    spam.hidden_at, spam.hidden_reason = utcnow(), "Personuppgifter."
    db.session.commit()
    page = page_text(client.get("/notices"))
    assert "070-1234567" not in page and "What was reported: Vi cyklade i dag." in page
    assert "What's new (1 unread)" in page  # the count in the navigation agrees

    assert jobs.send_digests(utcnow() + timedelta(days=1)).daily == 1
    db.session.commit()
    mail = db.session.scalars(select(OutboxMessage)).one()
    assert "Vi cyklade i dag." in mail.body_text and "070-1234567" not in mail.body_text
    hidden_notice = db.session.scalars(
        select(Notice).where(Notice.related_id == spam.id, Notice.kind == "check_in")
    ).one()
    assert hidden_notice.mailed_at is None  # never mailed while hidden


def test_a_notice_about_a_proposal_hidden_later_is_not_shown(make, client_for):
    arena = make.arena("Innerstaden", slug="innerstaden")
    cycle = make.cycle(arena, phase="selection")
    author = make.user(connected_to=arena)
    proposal = make.proposal(cycle, author=author, title="Köp klockor hos oss")
    client = client_for(make.facilitator(arena))
    response = client.post(
        f"/commitments/decide/{proposal.id}/not-select", data={"reject-motivation": "Reklam."}
    )
    assert response.status_code == 303
    reader = client_for(author, accept_language="en")
    assert "“Köp klockor hos oss” was not selected." in page_text(reader.get("/notices"))
    response = client.post(
        f"/moderation/proposals/{proposal.id}/hide", data={"hide-reason": "Reklam."}
    )
    assert response.status_code == 303
    page = page_text(reader.get("/notices"))
    assert "Köp klockor" not in page  # the hidden proposal is never named
    assert "A proposal you follow in Innerstaden was hidden by the facilitators." in page
    assert kinds_for(author) == ["not_selected", "hidden"]


def test_a_changed_review_tells_the_followers_again(setup, make, client_for):  # noqa: F811
    commitment = setup["commitment"]
    daily = make.user(connected_to=setup["arena"])
    daily_client = client_for(daily, accept_language="en")
    daily_client.post(f"/following/commitment/{commitment.id}")
    mailed = make.user(email="mailed@example.org")
    mailed_client = client_for(mailed, accept_language="en")
    mailed_client.post(f"/following/commitment/{commitment.id}")
    choose(mailed_client, "immediately")
    facilitator = make.facilitator(setup["arena"])
    client = client_for(facilitator)
    url = f"/commitments/{commitment.id}/review"
    assert client.post(url, data=form_for("continue")).status_code == 303
    assert kinds_for(daily) == kinds_for(mailed) == ["reviewed", "new_version"]

    stop = {**form_for("stop", rationale="Ingen ville fortsätta."), "reason": "Ägaren slutar."}
    assert client.post(f"{url}/change", data=stop).status_code == 303
    # The daily digest had not gone yet: the old decision's notices are replaced.
    assert kinds_for(daily) == ["reviewed"] and kinds_for(setup["owner"]) == ["reviewed"]
    assert kinds_for(facilitator) == []
    page = page_text(daily_client.get("/notices"))
    assert "“Mindre plast” was reviewed: stopped." in page
    assert "Why: Ingen ville fortsätta." in page
    assert "continued" not in page and "new version" not in page
    # The mailed ones stay, marked; the new version they named is gone, so they lead to
    # the commitment itself.
    assert kinds_for(mailed) == ["reviewed", "new_version", "reviewed"]
    page = page_text(mailed_client.get("/notices"))
    assert page.count("This decision was changed later.") == 2
    assert "“Mindre plast” was reviewed: stopped." in page
    html = mailed_client.get("/notices").get_data(as_text=True)
    assert html.count(f'href="/commitments/{commitment.id}"') == 3
    mails = db.session.scalars(
        select(OutboxMessage)
        .where(OutboxMessage.to_address == "mailed@example.org")
        .order_by(OutboxMessage.id)
    ).all()
    assert len(mails) == 3 and "Ingen ville fortsätta." in mails[-1].body_text


def auto_hide(make, client_for, proposal, reporters=3):
    for _ in range(reporters):
        response = client_for(make.user()).post(
            f"/moderation/proposals/{proposal.id}/report", data={"reason": "spam"}
        )
        assert response.status_code == 303
    db.session.expire_all()
    assert proposal.is_auto_hidden


def test_an_automatic_hide_tells_the_followers_like_a_facilitators_hide(make, client_for):
    arena = make.arena("Järva", slug="jarva")
    cycle = make.cycle(arena, phase="voting")
    author = make.user(connected_to=arena)
    proposal = make.proposal(cycle, author=author, title="Köp klockor hos oss")
    supporter = make.user(connected_to=arena)
    give_support(supporter, proposal)
    bystander = make.user()
    auto_hide(make, client_for, proposal)
    assert kinds_for(author) == kinds_for(supporter) == ["auto_hidden"]
    assert kinds_for(bystander) == []
    page = page_text(client_for(supporter, accept_language="en").get("/notices"))
    assert (
        "A proposal you follow in Järva was hidden automatically after several reports, "
        "until the facilitators have looked at it." in page
    )
    assert "Köp klockor" not in page
    swedish = page_text(client_for(supporter, accept_language="sv").get("/notices"))
    assert "Ett förslag som du följer i Järva har dolts automatiskt" in swedish

    # The facilitator's hide replaces the automatic one's notice (not mailed yet).
    facilitator = client_for(make.facilitator(arena))
    response = facilitator.post(
        f"/moderation/proposals/{proposal.id}/hide", data={"hide-reason": "Reklam."}
    )
    assert response.status_code == 303
    assert kinds_for(author) == kinds_for(supporter) == ["hidden"]
    assert notices_for(supporter)[0].detail == "Reklam."
    # Shown again: the hide no longer holds, so its notice goes too.
    response = facilitator.post(f"/moderation/proposals/{proposal.id}/restore")
    assert response.status_code == 303
    assert kinds_for(author) == kinds_for(supporter) == []


def test_dismissed_reports_take_the_automatic_hide_notice_back(make, client_for):
    arena = make.arena("Järva", slug="jarva")
    cycle = make.cycle(arena, phase="voting")
    author = make.user(connected_to=arena, email="author@example.org", preferred_language="en")
    author_client = client_for(author, accept_language="en")
    choose(author_client, "immediately")
    supporter = make.user(connected_to=arena)
    proposal = make.proposal(cycle, author=author, title="Lånecyklar")
    give_support(supporter, proposal)
    auto_hide(make, client_for, proposal)
    mail = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.to_address == "author@example.org")
    ).one()
    assert "was hidden automatically after several reports" in mail.body_text
    response = client_for(make.facilitator(arena)).post(
        f"/moderation/proposals/{proposal.id}/dismiss"
    )
    assert response.status_code == 303
    assert kinds_for(supporter) == []
    # The author had it by mail: it stays, marked as no longer so.
    assert kinds_for(author) == ["auto_hidden"]
    assert "This decision was changed later." in page_text(author_client.get("/notices"))
