"""Access codes: made and printed once by facilitators, then used by people without
e-mail to create an account and to sign in again."""

import hashlib
import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from arena.accounts.models import User
from arena.accounts.services import authenticate, find_user_by_email
from arena.audit.models import AuditEntry
from arena.core.time import utcnow
from arena.extensions import db
from arena.proposals.models import Proposal, Support
from arena.workshops import access_codes, codes
from arena.workshops.models import AccessCode
from tests.helpers import page_text
from tests.workshops.helpers import build_scene, snapshot

PRINTED = re.compile(r"\b[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}\b")


# --- the codes themselves ---------------------------------------------------------------


def test_codes_are_unambiguous_and_grouped():
    made = {codes.new_code() for _ in range(300)}
    assert len(made) == 300
    for code in made:
        assert PRINTED.fullmatch(code)
        assert not set(code) & set("0O1IL")


@pytest.mark.parametrize(
    "typed",
    [
        "K7PQM-X4TZB",
        "k7pqm-x4tzb",
        " K7PQMX4TZB ",
        "k7pqm x4tzb",
        "K7PQM–X4TZB",
        "ｋ７ｐｑｍ－ｘ４ｔｚｂ",
        "K7P QM-X4T ZB\n",
    ],
)
def test_typed_variants_mean_the_same_code(typed):
    assert codes.normalise(typed) == "K7PQMX4TZB"
    assert codes.is_well_formed(codes.normalise(typed))
    assert codes.hash_code(codes.normalise(typed)) == hashlib.sha256(b"K7PQMX4TZB").hexdigest()


@pytest.mark.parametrize(
    "typed", ["", None, "K7PQM-X4TZ", "K7PQM-X4TZBB", "K0PQM-X4TZB", "K7PQM_X4TZB", "x" * 5000]
)
def test_malformed_codes(typed):
    assert not codes.is_well_formed(codes.normalise(typed))


# --- making and printing ----------------------------------------------------------------


@pytest.fixture
def proposing(app):
    arena, cycle, (proposal,), workshop, facilitator = build_scene("proposing", "facilitator")
    return arena, cycle, proposal, workshop, facilitator


def _printed(response) -> list[str]:
    return PRINTED.findall(response.get_data(as_text=True))


def test_the_sheet_can_be_shown_again_and_only_hashes_are_kept(client_for, proposing):
    arena, _, _, workshop, facilitator = proposing
    client = client_for(facilitator, accept_language="en")
    form = client.get(f"/workshops/jarva/codes?workshop={workshop.id}").get_data(as_text=True)
    assert f'<option selected value="{workshop.id}">' in form

    made = client.post(
        "/workshops/jarva/codes", data={"workshop": str(workshop.id), "count": "5", "days": "10"}
    )
    assert made.status_code == 303
    sheet = client.get(made.headers["Location"])
    assert sheet.status_code == 200
    assert sheet.headers["Cache-Control"] == "no-store"
    printed = sorted(set(_printed(sheet)))
    assert len(printed) == 5
    html = sheet.get_data(as_text=True)
    # A workshop held in Swedish: instructions in Swedish and in English, whatever
    # language the facilitator reads.
    assert '<div class="code-help" lang="sv" dir="ltr">' in html
    assert '<div class="code-help" lang="en" dir="ltr">' in html
    assert "Go to http://localhost/workshops/redeem" in page_text(sheet)
    assert "Type the code and the name you want others to see." in page_text(sheet)

    rows = db.session.scalars(select(AccessCode)).all()
    assert sorted(r.code_hash for r in rows) == sorted(
        codes.hash_code(codes.normalise(c)) for c in printed
    )
    assert {(r.arena_id, r.workshop_id, r.created_by_id, r.redeemed_at) for r in rows} == {
        (arena.id, workshop.id, facilitator.id, None)
    }
    assert abs(rows[0].expires_at - (utcnow() + timedelta(days=10))) < timedelta(minutes=1)
    entry = db.session.scalar(
        select(AuditEntry).where(AuditEntry.action == "access_codes.generate")
    )
    assert entry.details["count"] == 5 and entry.details["days"] == 10
    stored = " ".join(
        str(value) for row in db.session.execute(select(AccessCode.__table__)) for value in row
    )
    stored += str(entry.details) + entry.reason
    assert not any(code in stored or codes.normalise(code) in stored for code in printed)

    # Reloading shows the same codes again (and makes no more).
    again = client.get(made.headers["Location"])
    assert again.status_code == 200
    assert sorted(set(_printed(again))) == printed
    assert client.get("/workshops/jarva/codes/batches/%C3%A5%00/sheet").status_code == 404
    assert db.session.scalar(select(db.func.count(AccessCode.id))) == 5


def test_two_hundred_codes_fit_on_one_sheet(client_for, proposing):
    *_, facilitator = proposing
    client = client_for(facilitator, accept_language="en")
    made = client.post(
        "/workshops/jarva/codes", data={"workshop": "", "count": "200", "days": "365"}
    )
    assert len(set(_printed(client.get(made.headers["Location"])))) == 200
    assert (
        db.session.scalar(
            select(db.func.count(AccessCode.id)).where(AccessCode.workshop_id.is_(None))
        )
        == 200
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"count": "0"}, "Make from 1 to 200 codes at a time."),
        ({"count": "201"}, "Make from 1 to 200 codes at a time."),
        ({"count": "lots"}, "Enter a whole number, like 20."),
        ({"count": "9" * 5000}, "Enter a whole number, like 20."),
        ({"days": "0"}, "Codes can be valid for 1 to 365 days."),
        ({"days": "366"}, "Codes can be valid for 1 to 365 days."),
        ({"days": ""}, "Enter for how many days the codes are valid."),
        ({"workshop": "999999"}, "The codes are for"),
        ({"workshop": "2147483648"}, "The codes are for"),
        ({"count": "2147483648"}, "Make from 1 to 200 codes at a time."),
    ],
)
def test_bad_batches_make_nothing(client_for, proposing, change, message):
    *_, facilitator = proposing
    before = snapshot()
    response = client_for(facilitator, accept_language="en").post(
        "/workshops/jarva/codes", data={"workshop": "", "count": "5", "days": "30", **change}
    )
    assert response.status_code == 200
    assert message in page_text(response)
    assert snapshot() == before


# --- using a code -----------------------------------------------------------------------


def _make_codes(facilitator, arena, n=2, days=30, workshop=None):
    made = access_codes.generate_codes(
        facilitator, arena, now=utcnow(), count=n, days=days, workshop=workshop
    )
    db.session.commit()
    return made


def _redeem(client, code, name="Fatima"):
    return client.post("/workshops/redeem", data={"code": code, "display_name": name})


@pytest.mark.parametrize(
    "variant", [str, str.lower, lambda c: c.replace("-", ""), lambda c: f"  {c[:3]} {c[3:]} "]
)
def test_a_code_makes_an_account_that_can_take_part(client_for, app, variant):
    arena, cycle, (proposal,), _, facilitator = build_scene("voting", "facilitator")
    code, _ = _make_codes(facilitator, arena)
    client = client_for(None, accept_language="en")
    assert "Got a code from a workshop?" in page_text(client.get("/accounts/sign-in"))

    response = _redeem(client, variant(code))
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/arenas/jarva")
    user = db.session.scalar(select(User).where(User.display_name == "Fatima"))
    assert (user.email, user.password_hash, user.preferred_language) == (None, None, "en")
    assert [(c.arena_id, c.kind) for c in user.connections] == [(arena.id, "lives")]
    row = db.session.scalar(
        select(AccessCode).where(AccessCode.code_hash == codes.hash_code(codes.normalise(code)))
    )
    assert (row.redeemed_by_id, row.redeemed_at is not None) == (user.id, True)

    # Signed in, and able to support at once; their page works without an e-mail address.
    assert "Signed in as Fatima." in page_text(client.get("/accounts/me"))
    assert client.post(f"/proposals/{proposal.id}/support").status_code == 303
    assert db.session.scalar(select(Support.user_id)) == user.id
    # Nothing that looks people up by e-mail can reach this account.
    assert find_user_by_email(None) is None and find_user_by_email("") is None
    assert authenticate("", "") is None


def test_a_code_account_can_propose(client_for, proposing):
    arena, _, _, _, facilitator = proposing
    code, other = _make_codes(facilitator, arena)
    client = client_for(None, accept_language="en")
    _redeem(client, code, name="Abdi")
    # Accounts without e-mail do not collide on the unique e-mail column.
    assert _redeem(client_for(None), other, name="Hodan").status_code == 303
    assert db.session.scalar(select(db.func.count(User.id)).where(User.email.is_(None))) == 2
    response = client.post(
        "/arenas/jarva/proposals/new",
        data={
            "title": "Fler cykelställ",
            "summary": "Vid skolan.",
            "theme": "transport",
            "language": "sv",
        },
    )
    assert response.status_code == 303
    assert (
        db.session.scalar(
            select(Proposal).where(Proposal.title == "Fler cykelställ")
        ).author.display_name
        == "Abdi"
    )


def test_the_code_signs_in_again_until_it_expires(client_for, proposing):
    arena, _, _, _, facilitator = proposing
    code, unused = _make_codes(facilitator, arena)
    _redeem(client_for(None, accept_language="en"), code)
    user = db.session.scalar(select(User).where(User.display_name == "Fatima"))

    client = client_for(None, accept_language="en")
    response = client.post(
        "/workshops/sign-in-with-code", data={"code": code.lower().replace("-", " ")}
    )
    assert response.status_code == 303 and response.headers["Location"].endswith("/accounts/me")
    assert "Signed in as Fatima." in page_text(client.get("/accounts/me"))

    not_yet = client_for(None, accept_language="en").post(
        "/workshops/sign-in-with-code", data={"code": unused}
    )
    assert "This code has not been used yet." in page_text(not_yet)

    db.session.execute(db.update(AccessCode).values(expires_at=utcnow() - timedelta(seconds=1)))
    db.session.commit()
    expired = client_for(None, accept_language="en").post(
        "/workshops/sign-in-with-code", data={"code": code}
    )
    assert expired.status_code == 200
    assert "This code has expired." in page_text(expired)
    assert "_user_id" not in expired.headers.get("Set-Cookie", "")
    assert user.id  # the account itself stays


def test_a_used_code_points_to_signing_in(client_for, proposing):
    arena, _, _, _, facilitator = proposing
    code, _ = _make_codes(facilitator, arena)
    _redeem(client_for(None), code)
    before = snapshot()
    response = _redeem(client_for(None, accept_language="en"), code.lower(), name="Someone else")
    assert response.status_code == 200
    text = page_text(response)
    assert (
        "This code has already been used to create an account. Sign in with the code instead."
        in text
    )
    assert 'href="/workshops/sign-in-with-code"' in response.get_data(as_text=True)
    assert snapshot() == before


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("ABCDE-FGHJK", "We do not recognise this code."),  # well formed, never made
        ("hello", "We do not recognise this code."),  # mistyped: the same answer
        ("K0OIL-11111", "We do not recognise this code."),
        ("ABCDE\x00FGHJK", "We do not recognise this code."),
        ("x" * 5000, "We do not recognise this code."),
        ("", "Enter the code printed on your paper."),
    ],
)
def test_unknown_codes_get_one_answer(client_for, proposing, typed, message):
    before = snapshot()
    for path in ("/workshops/redeem", "/workshops/sign-in-with-code"):
        response = client_for(None, accept_language="en").post(
            path, data={"code": typed, "display_name": "X"}
        )
        assert response.status_code == 200
        assert message in page_text(response)
    assert snapshot() == before


def test_an_expired_code_makes_no_account(client_for, proposing):
    arena, _, _, _, facilitator = proposing
    code, _ = _make_codes(facilitator, arena, days=1)
    db.session.execute(db.update(AccessCode).values(expires_at=utcnow() - timedelta(seconds=1)))
    db.session.commit()
    before = snapshot()
    response = _redeem(client_for(None, accept_language="en"), code)
    assert "This code has expired. Ask the arena's facilitators for a new one." in page_text(
        response
    )
    assert snapshot() == before


@pytest.mark.parametrize("name", ["", "\x00", "x" * 81])
def test_a_public_name_is_needed(client_for, proposing, name):
    arena, _, _, _, facilitator = proposing
    code, _ = _make_codes(facilitator, arena)
    before = snapshot()
    response = _redeem(client_for(None, accept_language="en"), code, name=name)
    assert response.status_code == 200 and "Public name" in page_text(response)
    assert snapshot() == before  # the code is still unused


def test_signed_in_people_are_sent_to_their_page(client_for, proposing):
    *_, facilitator = proposing
    client = client_for(facilitator)
    for path in ("/workshops/redeem", "/workshops/sign-in-with-code"):
        response = client.get(path)
        assert response.status_code == 302 and response.headers["Location"].endswith("/accounts/me")


def test_redeem_pages_answer_in_every_language(client_for, proposing):
    for language in ("sv", "en", "ar", "so", "fi"):
        response = client_for(None, accept_language=language).get("/workshops/redeem")
        assert response.status_code == 200
        assert f'<html lang="{language}"' in response.get_data(as_text=True)
