"""Delete my account: who I am is erased, what I wrote stays as "Deleted user", my
supports and pledges still count, and no count, result or export changes."""

import pytest
from sqlalchemy import select

from arena.accounts.models import ArenaConnection, FacilitatorRole, User
from arena.audit.models import AuditEntry
from arena.audit.pseudonyms import pseudonym_tag
from arena.commitments.models import Pledge
from arena.core.time import utcnow
from arena.extensions import db
from arena.mail.models import OutboxMessage
from arena.organisations.models import OrganisationMember
from arena.proposals.models import Support
from arena.representation.models import ProfileAnswer
from arena.workshops import access_codes
from tests.accounts.people_world import build_world
from tests.exports.files import download
from tests.factories import PASSWORD
from tests.helpers import count, page_text, snapshot, swedish

CONFIRM = {"password": PASSWORD, "understood": "y"}


def _public_pages(world, client_for):
    """What anyone (and city staff) can read, which deletion must leave as it was."""
    anonymous = client_for(None, accept_language="en")
    staff = client_for(world.staff, accept_language="en")
    pages = {
        "results": page_text(anonymous.get("/arenas/skarholmen/results")),
        "commitment": page_text(anonymous.get(f"/commitments/{world.commitment.id}")),
    }
    for table, year in (
        ("support_counts", world.cycle.year),
        ("pledge_counts", world.commitment.cycle.year),
    ):
        response = download(staff, year=year, arena="skarholmen", format="csv", table=table)
        assert response.status_code == 200
        pages[table] = response.data
    return pages


def _database():
    return {
        **snapshot(),
        "pledges": count(Pledge),
        "distinct_supporters": len(set(db.session.scalars(select(Support.user_id)))),
    }


def test_deleting_erases_the_person_and_changes_no_count(make, client_for):
    world = build_world(make, client_for)
    anna_id = world.anna.id
    before, pages_before = _database(), _public_pages(world, client_for)
    own_before = page_text(client_for(None, accept_language="en").get(f"/proposals/{world.own.id}"))
    assert "By Anna Andersson" in own_before and "2 online supports" in own_before
    others_before = page_text(
        client_for(None, accept_language="en").get(f"/proposals/{world.others.id}")
    )

    client = client_for(world.anna, accept_language="en")
    page = client.get("/accounts/me/delete")
    assert page.status_code == 200 and "This cannot be undone." in page_text(page)
    response = client.post("/accounts/me/delete", data=CONFIRM)
    assert response.status_code == 303 and response.headers["Location"].endswith(
        "/accounts/deleted"
    )
    assert "Your account is deleted" in page_text(client.get("/accounts/deleted"))
    # This browser is signed out.
    assert client.get("/accounts/me").status_code == 302

    db.session.expire_all()
    anna = db.session.get(User, anna_id)
    assert anna.deleted_at is not None
    assert (anna.email, anna.password_hash, anna.stored_name, anna.preferred_language) == (
        None,
        None,
        "",
        None,
    )
    for model, column in (
        (ProfileAnswer, ProfileAnswer.user_id),
        (ArenaConnection, ArenaConnection.user_id),
        (FacilitatorRole, FacilitatorRole.user_id),
        (OrganisationMember, OrganisationMember.user_id),
        (Support, Support.user_id),
        (Pledge, Pledge.user_id),
    ):
        assert count(model, column == anna_id) == 0, model
    # Nothing that counts changed, not even how many different people supported.
    assert _database() == before
    assert _public_pages(world, client_for) == pages_before
    own_after = page_text(client_for(None, accept_language="en").get(f"/proposals/{world.own.id}"))
    assert "By Deleted user" in own_after and "Anna" not in own_after
    assert "2 online supports" in own_after
    # Her comment stays, and on that page only her name changed.
    assert "Gärna vid torget!" in others_before and "Anna Andersson" in others_before
    others_after = page_text(
        client_for(None, accept_language="en").get(f"/proposals/{world.others.id}")
    )
    assert others_after == others_before.replace("Anna Andersson", "Deleted user")

    # Mail: what waited for the address is gone; one last message says it is done.
    mail = db.session.scalars(select(OutboxMessage)).all()
    assert [(m.to_address, m.kind) for m in mail] == [("anna@example.org", "account_deleted")]
    assert (
        mail[0].language == "sv" and swedish("Your account on Arena is deleted") == mail[0].subject
    )

    # The audit log keeps a pseudonym, never the name.
    audit = page_text(
        client_for(world.staff, accept_language="en").get("/moderation/skarholmen/audit")
    )
    assert "Anna" not in audit
    # One pseudonym on each of her rows: the hide she did, the role she lost.
    assert audit.count(f"Deleted user {pseudonym_tag(anna_id)}") == 2
    assert count(AuditEntry, AuditEntry.action == "account.delete") == 1

    # She cannot sign in; the address is free for a new account.
    anonymous = client_for(None, accept_language="en")
    refused = anonymous.post(
        "/accounts/sign-in", data={"email": "anna@example.org", "password": PASSWORD}
    )
    assert refused.status_code == 200 and "is wrong" in page_text(refused)
    again = anonymous.post(
        "/accounts/sign-up",
        data={
            "display_name": "Anna igen",
            "email": "anna@example.org",
            "password": "a fresh start 2025",
            "confirm": "a fresh start 2025",
        },
    )
    assert again.status_code == 303
    assert count(User, User.email == "anna@example.org") == 1


def test_deleted_user_in_swedish(make, client_for):
    world = build_world(make, client_for)
    client_for(world.anna).post("/accounts/me/delete", data=CONFIRM)
    text = page_text(client_for(None, accept_language="sv").get(f"/proposals/{world.own.id}"))
    assert swedish("Deleted user") in text and "Anna" not in text


@pytest.mark.parametrize(
    "data, problem",
    [
        ({"password": "not my password", "understood": "y"}, "The password is wrong."),
        ({"password": "", "understood": "y"}, "Enter your password."),
        ({"password": PASSWORD}, "Tick the box"),
    ],
)
def test_a_wrong_or_missing_confirmation_changes_nothing(make, client_for, data, problem):
    world = build_world(make, client_for)
    before = _database()
    users = db.session.execute(select(User.id, User.email, User.stored_name)).all()
    response = client_for(world.anna, accept_language="en").post("/accounts/me/delete", data=data)
    assert response.status_code == 400 and problem in page_text(response)
    db.session.expire_all()
    assert db.session.execute(select(User.id, User.email, User.stored_name)).all() == users
    assert _database() == before
    assert count(ProfileAnswer) == 2 and count(OutboxMessage) == 1
    assert count(User, User.deleted_at.is_not(None)) == 0


def test_the_last_administrator_cannot_leave(make, client_for):
    admin = make.user(is_admin=True)
    client = client_for(admin, accept_language="en")
    page = page_text(client.get("/accounts/me/delete"))
    assert "only administrator" in page
    response = client.post("/accounts/me/delete", data=CONFIRM)
    assert response.status_code == 409 and "only administrator" in page_text(response)
    db.session.expire_all()
    assert db.session.get(User, admin.id).deleted_at is None
    # With a second administrator, the first one may go.
    make.user(is_admin=True)
    assert client.post("/accounts/me/delete", data=CONFIRM).status_code == 303
    db.session.expire_all()
    assert db.session.get(User, admin.id).deleted_at is not None
    assert count(User, User.is_admin, User.deleted_at.is_(None)) == 1


def test_a_code_account_confirms_with_its_code(make, client_for):
    arena = make.arena("Järva", slug="jarva")
    now = utcnow()
    printed = access_codes.generate_codes(make.facilitator(arena), arena, now=now, count=1, days=9)
    code = access_codes.redeem_code(printed[0], display_name="Kodis", language="so", now=now)
    db.session.commit()
    user_id = code.redeemed_by_id
    client = client_for(code.redeemed_by, accept_language="en")
    # The account's own language (Somali) is used, and the code is asked for, not a password.
    assert "Koodkaaga gelitaanka, si aad u xaqiijiso" in page_text(
        client.get("/accounts/me/delete")
    )
    wrong = client.post("/accounts/me/delete", data={"code": "AAAA-BBBB", "understood": "y"})
    assert wrong.status_code == 400 and "Taasi ma aha koodka" in page_text(wrong)
    done = client.post("/accounts/me/delete", data={"code": printed[0], "understood": "y"})
    assert done.status_code == 303
    db.session.expire_all()
    assert db.session.get(User, user_id).deleted_at is not None
    # The code no longer signs anyone in.
    response = client_for(None, accept_language="en").post(
        "/workshops/sign-in-with-code", data={"code": printed[0]}
    )
    assert response.status_code != 303
