"""A story per proposal and commitment: one dated timeline from the idea to the result,
linked from both pages; counts only once voting has closed; hidden items as
placeholders; paper proposals named by their workshop."""

from datetime import date, timedelta

from sqlalchemy import select

from arena.commitments.models import CheckIn, CheckInKind, Commitment
from arena.core.time import utcnow
from arena.extensions import db
from arena.proposals.models import ProposalStatus
from arena.reviews.models import Review
from arena.workshops.models import Workshop
from tests.commitments.followup_helpers import add_indicator, add_value, make_commitment
from tests.helpers import page_text


def _selected_story(make):
    """A proposal supported by 3, selected with a motivation, made a commitment with
    a check-in, a hidden check-in and a review, and carried into next year."""
    arena = make.arena(name="Järva")
    cycle = make.cycle(arena, phase="review")
    author = make.user(display_name="Amina", connected_to=arena)
    proposal = make.proposal(
        cycle,
        author=author,
        title="Cykelkök i Rinkeby",
        support_count=3,
        status=ProposalStatus.SELECTED,
        decided_at=cycle.voting_closes_at + timedelta(days=2),
        decision_note="Många ville laga sina cyklar.",
        created_at=cycle.proposing_opens_at + timedelta(days=1),
    )
    commitment = make_commitment(make, arena, cycle=cycle, owner=author, title="Cykelkök")
    commitment.created_at = cycle.voting_closes_at + timedelta(days=3)
    commitment.proposals = [proposal]
    indicator = add_indicator(commitment)
    add_value(commitment, indicator, 14, author=author, on=date.today() - timedelta(days=20))
    commitment.check_ins[0].note = "Vi lagade 14 cyklar."
    db.session.add(
        CheckIn(
            commitment=commitment,
            author=author,
            kind=CheckInKind.RESIDENT,
            reported_on=date.today() - timedelta(days=5),
            note="Olämplig text",
            hidden_at=utcnow(),
            hidden_reason="Personangrepp",
        )
    )
    db.session.add(
        Review(
            commitment=commitment,
            outcome="revise",
            rationale="Fler verkstäder behövs.",
            decided_by=make.facilitator(arena),
            decided_at=utcnow() - timedelta(days=1),
        )
    )
    next_cycle = make.cycle(arena, phase="proposing")
    db.session.add(
        Commitment(arena=arena, cycle=next_cycle, title="Cykelkök 2.0", previous_id=commitment.id)
    )
    db.session.commit()
    return proposal, commitment


def test_the_proposal_page_links_a_story_from_idea_to_next_version(make, client_for):
    proposal, commitment = _selected_story(make)
    client = client_for(None, accept_language="en")
    page = client.get(f"/proposals/{proposal.id}").get_data(as_text=True)
    assert f'href="/proposals/{proposal.id}/story"' in page

    story = client.get(f"/proposals/{proposal.id}/story")
    assert story.status_code == 200
    html = story.get_data(as_text=True)
    text = page_text(story)
    steps = [
        "Proposed: Cykelkök i Rinkeby",
        "By Amina",
        "Voting closed",
        "3 online supports",
        "Selected by the facilitators",
        "Många ville laga sina cyklar.",
        "The commitment Cykelkök was made",
        "Testing started",
        "Vi lagade 14 cyklar.",
        "A check-in. It is hidden.",
        "Hidden by the facilitators: Personangrepp",
        "Reviewed: Revise it for next year",
        "A new version for",
    ]
    missing = [step for step in steps if step not in text]
    assert not missing, text
    positions = [text.index(step) for step in steps]
    assert positions == sorted(positions)  # oldest first, in the order it happened
    assert "Olämplig text" not in text
    assert '<ol class="story">' in html and "<time datetime=" in html
    assert f'href="/commitments/{commitment.id}"' in html


def test_the_commitment_page_links_the_same_story(make, client_for):
    proposal, commitment = _selected_story(make)
    client = client_for(None, accept_language="en")
    page = client.get(f"/commitments/{commitment.id}").get_data(as_text=True)
    assert f'href="/commitments/{commitment.id}/story"' in page
    text = page_text(client.get(f"/commitments/{commitment.id}/story"))
    assert "Proposed: Cykelkök i Rinkeby" in text and "Reviewed: Revise" in text
    assert text.index("Selected by the facilitators") < text.index("Testing started")


def test_counts_wait_until_voting_closes(make, client_for):
    cycle = make.cycle(phase="voting")
    proposal = make.proposal(cycle, support_count=7)
    text = page_text(client_for(None, accept_language="en").get(f"/proposals/{proposal.id}/story"))
    assert "Voting opened" in text
    assert "Support counts are published when voting closes" in text
    assert "7 online" not in text and "Voting closed" not in text


def test_a_paper_proposal_names_its_workshop_and_a_hidden_one_is_a_placeholder(make, client_for):
    arena = make.arena()
    cycle = make.cycle(arena, phase="voting")
    workshop = Workshop(
        cycle=cycle,
        held_at=utcnow(),
        place="Rinkeby bibliotek",
        language="sv",
        participant_count=12,
        created_by_id=make.facilitator(arena).id,
    )
    db.session.add(workshop)
    db.session.flush()
    paper = make.proposal(cycle, title="Fler bänkar", workshop=workshop)
    paper.author = None
    hidden = make.proposal(cycle, title="Hemlig", hidden_at=utcnow(), hidden_reason="Reklam")
    db.session.commit()
    client = client_for(None, accept_language="en")
    text = page_text(client.get(f"/proposals/{paper.id}/story"))
    assert "Written on paper at the workshop at Rinkeby bibliotek" in text
    hidden_page = client.get(f"/proposals/{hidden.id}/story")
    assert hidden_page.status_code == 200
    text = page_text(hidden_page)
    assert "Hemlig" not in text
    assert "A proposal was written. It is hidden." in text and "Reklam" in text


def test_a_merged_proposal_points_to_the_story_it_continues_in(make, client_for):
    cycle = make.cycle(phase="selection")
    target = make.proposal(cycle, title="Odla tillsammans")
    duplicate = make.proposal(
        cycle, title="Odlingslotter", status=ProposalStatus.MERGED, merged_into_id=target.id
    )
    client = client_for(None, accept_language="en")
    html = client.get(f"/proposals/{duplicate.id}/story").get_data(as_text=True)
    assert "Merged into" in html and f'href="/proposals/{target.id}/story"' in html
    text = page_text(client.get(f"/proposals/{target.id}/story"))
    assert "Odlingslotter was merged into it" in text


def test_unknown_stories_are_not_found(client_for, app):
    client = client_for(None)
    assert client.get("/proposals/999999/story").status_code == 404
    assert client.get("/commitments/99999999999/story").status_code == 404


def test_a_story_in_arabic_keeps_swedish_titles_left_to_right(make, client_for):
    proposal, _commitment = _selected_story(make)
    html = client_for(None, accept_language="ar").get(f"/proposals/{proposal.id}/story")
    html = html.get_data(as_text=True)
    assert 'dir="rtl"' in html
    assert 'lang="sv" dir="ltr">Cykelkök i Rinkeby</a>' in html
    assert db.session.scalar(select(Commitment.id).where(Commitment.title == "Cykelkök 2.0"))


def test_an_adoption_is_told_in_both_stories(make, client_for):
    """A scaled-up commitment's story names the arena that adopted it, and the adopted
    one's story (it has no proposal of its own) starts from where it came from."""
    jarva, skarholmen = make.arena(name="Järva"), make.arena(name="Skärholmen")
    origin = make_commitment(make, jarva, phase="review", title="Mindre plast")
    adopted = make_commitment(make, skarholmen, phase="proposing", title="Mindre plast i Vårberg")
    adopted.origin_id = origin.id
    db.session.commit()
    client = client_for(None, accept_language="en")
    html = client.get(f"/commitments/{origin.id}/story").get_data(as_text=True)
    assert "Adopted in Skärholmen" in page_text(client.get(f"/commitments/{origin.id}/story"))
    assert f'href="/commitments/{adopted.id}/story"' in html
    text = page_text(client.get(f"/commitments/{adopted.id}/story"))
    assert "Adopted from Mindre plast in Järva" in text
    assert "Proposed" not in text and "Testing started" not in text
