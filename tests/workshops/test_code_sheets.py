"""A batch's sheet printed again until it expires, in the workshop's language and
Swedish, with a print button; revoking a batch after a confirmation page."""

import re

import pytest
from sqlalchemy import select

from arena.accounts.models import User
from arena.audit.models import AuditEntry
from arena.core.time import utcnow
from arena.extensions import db
from arena.workshops import access_codes
from arena.workshops.models import AccessCode
from tests.helpers import page_text
from tests.workshops.helpers import build_scene, snapshot

PRINTED = re.compile(r"\b[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}\b")


@pytest.fixture
def proposing(app):
    arena, cycle, _, workshop, facilitator = build_scene("proposing", "facilitator")
    return arena, workshop, facilitator


def _batch(facilitator, arena, workshop=None, count=3):
    label, printed = access_codes.make_batch(
        facilitator, arena, now=utcnow(), count=count, days=30, workshop=workshop
    )
    db.session.commit()
    return label, printed


def _codes(response) -> list[str]:
    return sorted(set(PRINTED.findall(response.get_data(as_text=True))))


def test_the_sheet_prints_in_the_workshops_language_and_swedish(client_for, proposing):
    arena, workshop, facilitator = proposing
    workshop.language = "ar"
    db.session.commit()
    label, printed = _batch(facilitator, arena, workshop)
    client = client_for(facilitator, accept_language="en")
    sheet = client.get(f"/workshops/jarva/codes/batches/{label}/sheet")
    html = sheet.get_data(as_text=True)
    assert _codes(sheet) == sorted(printed)
    assert '<div class="code-help" lang="ar" dir="rtl">' in html
    assert '<div class="code-help" lang="sv" dir="ltr">' in html
    assert 'class="code-help" lang="en"' not in html
    assert "Skriv koden och det namn du vill att andra ska se." in html
    assert "Type the code and the name you want others to see." not in html
    # A print button that only JavaScript shows (no inline script), and words without it.
    assert '<button type="button" data-print hidden>Print the codes</button>' in html
    assert re.search(r'<script src="/static/print\.[0-9a-f]{12}\.js" defer></script>', html)
    with client.get("/static/print.js") as script:
        assert "window.print()" in script.get_data(as_text=True)
    assert "print command" in page_text(sheet)


def test_the_sheet_leaves_out_used_codes(client_for, proposing):
    arena, workshop, facilitator = proposing
    label, printed = _batch(facilitator, arena, count=2)
    used = printed[0]
    assert (
        client_for(None)
        .post("/workshops/redeem", data={"code": used, "display_name": "Fatima"})
        .status_code
        == 303
    )
    sheet = client_for(facilitator, accept_language="en").get(
        f"/workshops/jarva/codes/batches/{label}/sheet"
    )
    assert _codes(sheet) == [printed[1]]
    # Codes for the whole arena: slips in Swedish and English.
    assert 'lang="sv" dir="ltr"' in sheet.get_data(as_text=True)
    assert 'lang="en" dir="ltr"' in sheet.get_data(as_text=True)


def test_revoking_asks_first_then_stops_the_unused_codes(client_for, proposing):
    arena, workshop, facilitator = proposing
    label, printed = _batch(facilitator, arena, workshop)
    assert (
        client_for(None)
        .post("/workshops/redeem", data={"code": printed[0], "display_name": "Fatima"})
        .status_code
        == 303
    )
    client = client_for(facilitator, accept_language="en")
    listing = client.get("/workshops/jarva/codes").get_data(as_text=True)
    assert f"/workshops/jarva/codes/batches/{label}/revoke" in listing
    assert f"/workshops/jarva/codes/batches/{label}/sheet" in listing

    before = snapshot()
    confirm = client.get(f"/workshops/jarva/codes/batches/{label}/revoke")
    assert confirm.status_code == 200
    assert "2 unused codes of this batch will stop working at once." in page_text(confirm)
    assert "1 code has already been used to make an account: it keeps working" in page_text(confirm)
    assert snapshot() == before  # asking changes nothing

    done = client.post(f"/workshops/jarva/codes/batches/{label}/revoke")
    assert done.status_code == 303
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "access_codes.revoke"))
    assert entry.actor_id == facilitator.id and entry.details["count"] == 2
    assert not any(code in str(entry.details) for code in printed)

    refused = client_for(None, accept_language="en").post(
        "/workshops/redeem", data={"code": printed[1], "display_name": "Abdi"}
    )
    assert "This code has been withdrawn" in page_text(refused)
    # The used code still signs its account in.
    signed = client_for(None).post("/workshops/sign-in-with-code", data={"code": printed[0]})
    assert signed.status_code == 303
    # Nothing left to print or revoke, and extending does not bring revoked codes back.
    assert _codes(client.get(f"/workshops/jarva/codes/batches/{label}/sheet")) == []
    again = client.post(f"/workshops/jarva/codes/batches/{label}/revoke", follow_redirects=True)
    assert "none still works unused" in page_text(again)
    client.post(
        f"/workshops/jarva/codes/batches/{label}/extend", data={"days": "30", "confirmed": "yes"}
    )
    revoked = db.session.scalars(select(AccessCode).where(AccessCode.revoked_at.is_not(None)))
    assert len(revoked.all()) == 2
    assert (
        client_for(None)
        .post("/workshops/redeem", data={"code": printed[2], "display_name": "Abdi"})
        .status_code
        == 200
    )


def test_other_people_cannot_see_or_revoke_a_sheet(client_for, proposing):
    arena, workshop, facilitator = proposing
    label, _ = _batch(facilitator, arena, workshop)
    resident = db.session.scalar(select(User).where(User.email == "author@example.org"))
    for path in ("sheet", "revoke"):
        response = client_for(resident).get(f"/workshops/jarva/codes/batches/{label}/{path}")
        assert response.status_code == 403
    assert (
        client_for(resident).post(f"/workshops/jarva/codes/batches/{label}/revoke").status_code
        == 403
    )
    assert db.session.scalar(select(db.func.count()).where(AccessCode.revoked_at.is_not(None))) == 0
