"""Membership by invitation: the admin's form tells nobody who has an account, and
nobody is a member (listed, counted, acting for the organisation) before accepting."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from arena.audit.models import AuditEntry
from arena.core.time import utcnow
from arena.extensions import db
from arena.mail.models import OutboxMessage
from arena.organisations.models import OrganisationInvitation, OrganisationMember
from tests.commitments.followup_helpers import make_commitment
from tests.helpers import _catalog, count, flashes, page_text
from tests.organisations.test_organisations import state


@pytest.fixture
def world(make):
    with make.batch():
        here = make.arena("Järva", slug="jarva")
        make.cycle(here, phase="testing")
        owner = make.user(connected_to=here, email="owner@example.org", display_name="Ägare")
        organisation = make.organisation(
            name="Hyresgästföreningen Tensta", arenas=[here], members=[owner]
        )
        organisation.members[0].is_admin = True
        invitee = make.user(
            email="hodan@example.org",
            display_name="Hodan Warsame",
            preferred_language="so",
            verified_at=utcnow(),
        )
        stranger = make.user(email="other@example.org", verified_at=utcnow())
    return {
        "here": here,
        "organisation": organisation,
        "owner": owner,
        "invitee": invitee,
        "stranger": stranger,
    }


def somali(message: str) -> str:
    """The invitee reads the site in Somali, their chosen language."""
    translated = _catalog("so").get(message)
    assert translated, message
    return translated


def invite(client, organisation, email, **form):
    return client.post(
        f"/organisations/{organisation.id}/members",
        data={"email": email, **form},
        follow_redirects=True,
    )


def member_ids(organisation) -> list[int]:
    return list(
        db.session.scalars(
            select(OrganisationMember.user_id)
            .where(OrganisationMember.organisation_id == organisation.id)
            .order_by(OrganisationMember.user_id)
        )
    )


def only_invitation() -> OrganisationInvitation:
    return db.session.scalars(select(OrganisationInvitation)).one()


def test_the_answer_is_the_same_whether_or_not_the_address_has_an_account(world, client_for):
    organisation = world["organisation"]
    client = client_for(world["owner"], accept_language="en")
    known = invite(client, organisation, "Hodan@Example.org")
    unknown = invite(client, organisation, "nobody@example.org")
    assert known.status_code == unknown.status_code == 200
    expected = "If this address belongs to an account, an invitation is on its way."
    assert flashes(known) == flashes(unknown) == [expected]

    def without_pending_list(response):
        return page_text(response).split("Invitations not yet accepted")[0]

    # Identical pages, and no name for the address anywhere.
    assert without_pending_list(known) == without_pending_list(unknown)
    assert "Hodan Warsame" not in known.get_data(as_text=True)
    # Both are pending alike, shown to the admin only by the masked address typed.
    text = page_text(unknown)
    assert "h***@example.org" in text and "n***@example.org" in text
    assert "hodan@example.org" not in text and "nobody@example.org" not in text
    assert count(OrganisationInvitation) == 2
    # Only the existing account gets mail; the unknown address gets nothing.
    assert [m.to_address for m in db.session.scalars(select(OutboxMessage))] == [
        "hodan@example.org"
    ]


def test_a_current_members_address_gets_the_same_answer(world, client_for):
    client = client_for(world["owner"], accept_language="en")
    response = invite(client, world["organisation"], "owner@example.org")
    assert flashes(response) == [
        "If this address belongs to an account, an invitation is on its way."
    ]


def test_pending_people_are_not_members_nor_listed(world, client_for):
    organisation = world["organisation"]
    invite(client_for(world["owner"]), organisation, "hodan@example.org", is_admin="y")
    assert member_ids(organisation) == [world["owner"].id]
    public = client_for(None).get(f"/organisations/{organisation.id}")
    assert "Hodan Warsame" not in public.get_data(as_text=True)
    assert "h***@example.org" not in public.get_data(as_text=True)  # admins only
    # Not an admin before accepting: cannot edit or invite.
    invitee = client_for(world["invitee"])
    assert invitee.get(f"/organisations/{organisation.id}/edit").status_code == 403
    assert invite(invitee, organisation, "x@example.org").status_code == 403


def test_the_mail_is_in_the_invitees_language_and_its_link_works(world, client_for):
    organisation = world["organisation"]
    invite(client_for(world["owner"], accept_language="en"), organisation, "hodan@example.org")
    message = db.session.scalars(select(OutboxMessage)).one()
    assert message.language == "so" and message.kind == "organisation_invitation"
    assert "Hyresgästföreningen Tensta" in message.subject
    assert (
        "Hodan Warsame" in message.body_text and "Hyresgästföreningen Tensta" in message.body_html
    )
    assert "Sign in" not in message.body_text  # Somali, not the admin's English
    link = re.search(r"https?://\S+", message.body_text).group(0)
    assert link in message.body_html
    path = urlsplit(link).path
    assert path == "/organisations/invitations"
    # Anonymous: sign in first; signed in as the invitee: the invitation and its buttons.
    assert client_for(None).get(path).status_code == 302
    page = client_for(world["invitee"], accept_language="en").get(path)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    invitation = only_invitation()
    assert "Hyresgästföreningen Tensta" in html
    assert f'action="/organisations/invitations/{invitation.id}/accept"' in html
    assert f'action="/organisations/invitations/{invitation.id}/decline"' in html
    # The My page links to it.
    me = client_for(world["invitee"]).get("/accounts/me").get_data(as_text=True)
    assert 'href="/organisations/invitations"' in me


def test_accept_makes_a_member_with_the_role_offered(world, client_for):
    organisation = world["organisation"]
    invite(client_for(world["owner"]), organisation, "hodan@example.org", is_admin="y")
    invitation = only_invitation()
    client = client_for(world["invitee"], accept_language="en")
    response = client.post(f"/organisations/invitations/{invitation.id}/accept")
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/organisations/{organisation.id}")
    assert member_ids(organisation) == sorted([world["owner"].id, world["invitee"].id])
    assert count(OrganisationInvitation) == 0
    member = db.session.scalar(
        select(OrganisationMember).where(OrganisationMember.user_id == world["invitee"].id)
    )
    assert member.is_admin
    assert "Hodan Warsame" in page_text(client_for(None).get(f"/organisations/{organisation.id}"))
    assert client.get(f"/organisations/{organisation.id}/edit").status_code == 200
    actions = list(db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))
    assert actions == ["organisation.invite", "organisation.accept"]
    # Answered once: a second accept finds nothing.
    assert client.post(f"/organisations/invitations/{invitation.id}/accept").status_code == 404


def test_decline_removes_the_invitation_and_lists_nobody(world, client_for):
    organisation = world["organisation"]
    invite(client_for(world["owner"]), organisation, "hodan@example.org")
    invitation = only_invitation()
    client = client_for(world["invitee"], accept_language="en")
    response = client.post(
        f"/organisations/invitations/{invitation.id}/decline", follow_redirects=True
    )
    assert flashes(response) == [
        somali("You declined the invitation from %(name)s.").replace(
            "%(name)s", "Hyresgästföreningen Tensta"
        )
    ]
    assert count(OrganisationInvitation) == 0
    assert member_ids(organisation) == [world["owner"].id]
    assert "Hodan Warsame" not in page_text(
        client_for(None).get(f"/organisations/{organisation.id}")
    )
    assert db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id.desc())).first() == (
        "organisation.decline"
    )


def test_nobody_else_can_answer_someone_elses_invitation(world, client_for, make):
    organisation = world["organisation"]
    invite(client_for(world["owner"]), organisation, "hodan@example.org")
    invitation = only_invitation()
    # Someone who signed up with the same address but never confirmed it (made
    # here by changing the invitee's account) sees and answers nothing either.
    unconfirmed = make.user(email="unconfirmed@example.org")
    before = state()
    for person in (world["stranger"], world["owner"], unconfirmed, None):
        client = client_for(person)
        for answer in ("accept", "decline"):
            response = client.post(f"/organisations/invitations/{invitation.id}/{answer}")
            assert response.status_code == (302 if person is None else 404), (person, answer)
        if person is not None:
            assert "Hyresgästföreningen" not in page_text(client.get("/organisations/invitations"))
    assert state() == before
    world["invitee"].verified_at = None
    db.session.commit()
    client = client_for(world["invitee"], accept_language="en")
    assert client.post(f"/organisations/invitations/{invitation.id}/accept").status_code == 404
    assert somali(
        "Invitations are sent to an e-mail address. Confirm the address of your account to "
        "see the invitations sent to it."
    ) in page_text(client.get("/organisations/invitations"))
    assert state() == before


def test_an_expired_invitation_is_refused_and_can_be_renewed(world, client_for):
    organisation = world["organisation"]
    admin = client_for(world["owner"], accept_language="en")
    invite(admin, organisation, "hodan@example.org")
    invitation = only_invitation()
    invitation.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    before = state()
    client = client_for(world["invitee"], accept_language="en")
    assert "Hyresgästföreningen" not in page_text(client.get("/organisations/invitations"))
    response = client.post(
        f"/organisations/invitations/{invitation.id}/accept", follow_redirects=True
    )
    assert flashes(response) == [
        somali("This invitation has expired. Ask the organisation to invite you again.")
    ]
    assert state() == before and member_ids(organisation) == [world["owner"].id]
    assert "expired on" in page_text(admin.get(f"/organisations/{organisation.id}"))
    # Inviting again renews it (and mails again); a pending one is not mailed twice.
    invite(admin, organisation, "hodan@example.org")
    invite(admin, organisation, "hodan@example.org")
    assert count(OrganisationInvitation) == 1 and count(OutboxMessage) == 2
    db.session.expire_all()
    assert only_invitation().expires_at > utcnow() + timedelta(days=29)
    response = client.post(f"/organisations/invitations/{invitation.id}/accept")
    assert response.status_code == 303 and world["invitee"].id in member_ids(organisation)


def test_admins_withdraw_invitations_others_cannot(world, client_for, make):
    organisation = world["organisation"]
    other = make.organisation(name="Annan förening", members=[world["stranger"]])
    other.members[0].is_admin = True
    db.session.commit()
    invite(client_for(world["owner"]), organisation, "hodan@example.org")
    invitation = only_invitation()
    url = f"/organisations/{organisation.id}/invitations/{invitation.id}/withdraw"
    before = state()
    assert client_for(world["invitee"]).post(url).status_code == 403
    assert client_for(world["stranger"]).post(url).status_code == 403
    # Another organisation's admin cannot reach it through their own organisation.
    wrong = f"/organisations/{other.id}/invitations/{invitation.id}/withdraw"
    assert client_for(world["stranger"]).post(wrong).status_code == 404
    assert state() == before
    response = client_for(world["owner"], accept_language="en").post(url, follow_redirects=True)
    assert any("withdrawn" in f for f in flashes(response))
    assert count(OrganisationInvitation) == 0
    assert (
        client_for(world["invitee"])
        .post(f"/organisations/invitations/{invitation.id}/accept")
        .status_code
        == 404
    )


@pytest.mark.parametrize(
    "email",
    [
        "",
        "not-an-address",
        "a@b",
        "x" * 250 + "@example.org",
        "hodan@@example.org",
        "a@b.se, c@d.se",
    ],
)
def test_bad_input_saves_nothing(world, client_for, email):
    before = state()
    response = invite(
        client_for(world["owner"], accept_language="en"), world["organisation"], email
    )
    assert response.status_code == 200
    assert flashes(response) and "invitation is on its way" not in " ".join(flashes(response))
    assert state() == before and count(OutboxMessage) == 0


def test_invitation_members_act_for_the_organisation_only_after_accepting(world, client_for, make):
    organisation = world["organisation"]
    invite(client_for(world["owner"]), organisation, "hodan@example.org")
    commitment = make_commitment(
        make, world["here"], cycle=world["here"].cycles[0], organisation=organisation
    )
    client = client_for(world["invitee"])
    page = client.get(f"/commitments/{commitment.id}").get_data(as_text=True)
    assert f"/commitments/{commitment.id}/indicators/new" not in page
    invitation = only_invitation()
    client.post(f"/organisations/invitations/{invitation.id}/accept")
    page = client.get(f"/commitments/{commitment.id}").get_data(as_text=True)
    assert f"/commitments/{commitment.id}/indicators/new" in page


def test_forget_address_removes_every_invitation_to_it(world, client_for, make):
    from arena.organisations.invitations import forget_address

    other = make.organisation(name="Annan förening", members=[world["owner"]])
    other.members[0].is_admin = True
    db.session.commit()
    for organisation in (world["organisation"], other):
        invite(client_for(world["owner"]), organisation, "hodan@example.org")
    invite(client_for(world["owner"]), other, "someone@example.org")
    assert forget_address("Hodan@Example.org") == 2
    db.session.commit()
    assert [i.email for i in db.session.scalars(select(OrganisationInvitation))] == [
        "someone@example.org"
    ]
