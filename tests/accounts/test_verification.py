"""Verifying an e-mail address: the link mailed at sign-up works once, only for that
address, for a week; proposing, supporting and commenting wait for it."""

import pytest
from sqlalchemy import select

from arena.accounts.models import User
from arena.extensions import db
from arena.proposals.models import Comment, Proposal, Support
from tests.accounts.mail import link_in, queued, the_mail
from tests.helpers import count, page_text

PASSWORD = "lång och säker 🚲"
pytestmark = pytest.mark.usefixtures("quick_password_hashing")
NEEDS_VERIFYING = "Confirm your e-mail address first"


def sign_up(client, email="hodan@example.org", **changes):
    data = {"display_name": "Hodan", "email": email, "password": PASSWORD, "confirm": PASSWORD}
    return client.post("/accounts/sign-up", data={**data, **changes})


def verification_link(to="hodan@example.org") -> str:
    return link_in(queued("verify_email", to=to)[-1], "/accounts/verify/")


def hodan() -> User:
    return db.session.scalar(select(User).where(User.email == "hodan@example.org"))


def test_the_link_shows_a_button_and_the_button_verifies_and_signs_in(client_for):
    client = client_for(None, accept_language="en")
    sign_up(client)
    link = verification_link()

    page = client.get(link)
    assert page.status_code == 200
    assert "Press the button to confirm that this e-mail address is yours." in page_text(page)
    assert hodan().verified_at is None  # opening the link (a mail scanner may) changes nothing

    confirmed = client.post(link)
    assert confirmed.status_code == 303
    assert confirmed.headers["Location"] == "/accounts/me"
    db.session.expire_all()
    assert hodan().verified_at is not None
    me = page_text(client.get("/accounts/me"))
    assert "Thank you! Your e-mail address is confirmed." in me
    assert "Signed in as Hodan." in me
    assert "Send me a new link" not in me


def test_the_link_works_once(client_for):
    client = client_for(None, accept_language="en")
    sign_up(client)
    link = verification_link()
    assert client.post(link).status_code == 303
    for method in (client.get, client.post):
        again = method(link)
        assert again.status_code == 400
        assert "This link does not work any more" in page_text(again)


def test_the_link_is_only_for_the_address_it_was_sent_to(client_for):
    sign_up(client_for(None))
    link = verification_link()
    user = hodan()
    user.email = "someone-else@example.org"
    db.session.commit()
    response = client_for(None, accept_language="en").post(link)
    assert response.status_code == 400
    db.session.refresh(user)
    assert user.verified_at is None


def test_a_link_from_another_account_or_a_forged_one_verifies_nothing(client_for):
    sign_up(client_for(None))
    good = verification_link()
    client = client_for(None)
    for bad in (good[:-3] + "xyz", "/accounts/verify/not-a-token", good + "x"):
        assert client.post(bad).status_code in (400, 404)
    assert hodan().verified_at is None


def test_the_link_expires_after_a_week(client_for, later):
    sign_up(client_for(None))
    link = verification_link()
    later(8 * 24 * 3600)
    response = client_for(None, accept_language="en").post(link)
    assert response.status_code == 400
    assert "It may have been used already, or it is more than a week old." in page_text(response)
    assert hodan().verified_at is None


def test_the_mail_is_in_the_language_of_the_sign_up(client_for):
    sign_up(client_for(None, accept_language="sv"), email="hodan@example.org")
    sign_up(client_for(None, accept_language="en"), email="amina@example.org")
    swedish = the_mail("verify_email", to="hodan@example.org")
    english = the_mail("verify_email", to="amina@example.org")
    assert (swedish.language, english.language) == ("sv", "en")
    assert "Thank you for signing up." in english.body_text
    assert "Thank you for signing up." not in swedish.body_text
    assert verification_link() in swedish.body_html


# --- resending ----------------------------------------------------------------------


def test_my_page_offers_a_new_link_and_it_works(client_for, make):
    person = make.user(email="hodan@example.org", verified=False)
    client = client_for(person, accept_language="en")
    assert "Send me a new link" in page_text(client.get("/accounts/me"))
    assert client.get("/accounts/verify-email").status_code == 200

    sent = client.post("/accounts/verify-email")
    assert sent.status_code == 303
    assert "We have sent a new link to hodan@example.org." in page_text(client.get("/accounts/me"))
    assert client.post(verification_link()).status_code == 303
    db.session.refresh(person)
    assert person.verified_at is not None


def test_no_new_link_for_a_verified_address_or_anonymous_people(client_for, make):
    person = make.user(email="amina@example.org")
    response = client_for(person, accept_language="en").post("/accounts/verify-email")
    assert response.status_code == 303
    assert queued() == []
    anonymous = client_for(None).post("/accounts/verify-email")
    assert anonymous.status_code == 302
    assert "/accounts/sign-in" in anonymous.headers["Location"]
    assert queued() == []


# --- what verification opens ----------------------------------------------------------


def _propose(client, arena):
    return client.post(
        f"/arenas/{arena.slug}/proposals/new",
        data={
            "title": "Fler cykelställ",
            "summary": "Vid skolan.",
            "theme": "transport",
            "language": "sv",
        },
    )


def test_an_unverified_person_cannot_propose_until_verified(client_for, make):
    cycle = make.cycle(phase="proposing")
    make.theme("transport")
    person = make.user(connected_to=cycle.arena, verified=False)
    client = client_for(person, accept_language="en")
    refused = _propose(client, cycle.arena)
    assert refused.status_code == 403
    assert NEEDS_VERIFYING in page_text(refused)
    assert 'href="/accounts/verify-email"' in refused.get_data(as_text=True)
    assert count(Proposal) == 0

    client.post("/accounts/verify-email")
    assert client.post(verification_link(person.email)).status_code == 303
    assert _propose(client, cycle.arena).status_code == 303
    assert count(Proposal) == 1


def test_the_arena_page_tells_an_unverified_person_why_there_is_no_proposal_button(
    client_for, make
):
    cycle = make.cycle(phase="proposing")
    person = make.user(connected_to=cycle.arena, verified=False)
    client = client_for(person, accept_language="en")
    page = client.get(f"/arenas/{cycle.arena.slug}")
    assert NEEDS_VERIFYING in page_text(page)
    assert "Write a proposal" not in page_text(page)
    assert 'href="/accounts/verify-email"' in page.get_data(as_text=True)

    person.verified_at = person.created_at
    db.session.commit()
    page = client.get(f"/arenas/{cycle.arena.slug}")
    assert "Write a proposal" in page_text(page)
    assert NEEDS_VERIFYING not in page_text(page)


def test_an_unverified_person_cannot_support_and_is_told_why(client_for, make):
    cycle = make.cycle(phase="voting")
    proposal = make.proposal(cycle=cycle)
    person = make.user(connected_to=cycle.arena, verified=False)
    client = client_for(person, accept_language="en")
    page = client.get(f"/proposals/{proposal.id}")
    assert NEEDS_VERIFYING in page_text(page)
    assert "Support this proposal" not in page_text(page)
    assert client.post(f"/proposals/{proposal.id}/support").status_code == 403
    assert count(Support) == 0

    client.post("/accounts/verify-email")
    client.post(verification_link(person.email))
    assert client.post(f"/proposals/{proposal.id}/support").status_code == 303
    assert count(Support) == 1


def test_an_unverified_person_cannot_comment_and_is_told_why(client_for, make):
    cycle = make.cycle(phase="voting")
    proposal = make.proposal(cycle=cycle)
    person = make.user(connected_to=cycle.arena, verified=False)
    client = client_for(person, accept_language="en")
    page = page_text(client.get(f"/proposals/{proposal.id}"))
    assert "Write a comment" not in page
    assert page.count(NEEDS_VERIFYING) == 2  # beside the support button and the comments
    comment = {"body": "Bra idé!", "language": "sv"}
    refused = client.post(f"/proposals/{proposal.id}/comments", data=comment)
    assert refused.status_code == 403
    assert NEEDS_VERIFYING in page_text(refused)
    assert count(Comment) == 0

    client.post("/accounts/verify-email")
    client.post(verification_link(person.email))
    assert client.post(f"/proposals/{proposal.id}/comments", data=comment).status_code == 303
    assert count(Comment) == 1


def test_a_code_account_is_verified_by_its_code_and_can_propose(client_for, make):
    from arena.core.time import utcnow
    from arena.workshops import access_codes

    cycle = make.cycle(phase="proposing")
    make.theme("transport")
    facilitator = make.facilitator(cycle.arena)
    code, *_ = access_codes.generate_codes(
        facilitator, cycle.arena, now=utcnow(), count=1, days=30, workshop=None
    )
    db.session.commit()
    client = client_for(None)
    redeemed = client.post("/workshops/redeem", data={"code": code, "display_name": "Abdi"})
    assert redeemed.status_code == 303
    abdi = db.session.scalar(select(User).where(User.display_name == "Abdi"))
    assert (abdi.email, abdi.verified_at is not None) == (None, True)
    assert _propose(client, cycle.arena).status_code == 303
    assert count(Proposal) == 1
