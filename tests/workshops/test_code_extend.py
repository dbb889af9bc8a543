"""Facilitators extend a batch of access codes, after a confirmation step."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from arena.accounts.models import User
from arena.audit.models import AuditEntry
from arena.core.time import utcnow
from arena.extensions import db
from arena.workshops import access_codes
from arena.workshops.models import AccessCode
from tests.helpers import flashes, page_text
from tests.workshops.helpers import build_scene, snapshot


def expiries(batch: str) -> list:
    db.session.expire_all()
    return list(
        db.session.scalars(
            select(AccessCode.expires_at).where(AccessCode.batch == batch).order_by(AccessCode.id)
        )
    )


def make_batch(actor, arena, *, count=3, days=10, workshop=None) -> str:
    access_codes.generate_codes(
        actor, arena, now=utcnow(), count=count, days=days, workshop=workshop
    )
    db.session.commit()
    return db.session.scalar(select(AccessCode.batch).order_by(AccessCode.id.desc()).limit(1))


@pytest.fixture
def scene(app):
    arena, cycle, _, workshop, facilitator = build_scene("proposing", "facilitator")
    return arena, workshop, facilitator


def _url(batch):
    return f"/workshops/jarva/codes/batches/{batch}/extend"


def test_each_generation_is_one_batch_listed_on_the_codes_page(client_for, scene):
    arena, workshop, facilitator = scene
    first = make_batch(facilitator, arena, workshop=workshop)
    second = make_batch(facilitator, arena, count=2)
    assert first != second and len(expiries(first)) == 3 and len(expiries(second)) == 2
    page = client_for(facilitator, accept_language="en").get("/workshops/jarva/codes")
    html = page.get_data(as_text=True)
    assert _url(first) in html and _url(second) in html
    assert "Tensta träff" in page_text(page)


def test_extend_asks_for_confirmation_then_moves_expires_at(client_for, scene):
    arena, workshop, facilitator = scene
    batch = make_batch(facilitator, arena, workshop=workshop)
    other = make_batch(facilitator, arena)
    before, untouched = expiries(batch), expiries(other)
    client = client_for(facilitator, accept_language="en")

    form = client.get(_url(batch))
    assert form.status_code == 200 and "Extend by (days)" in page_text(form)
    asked = client.post(_url(batch), data={"days": "30"})
    assert asked.status_code == 200
    assert "Extend these codes?" in page_text(asked)
    assert 'name="confirmed" value="yes"' in asked.get_data(as_text=True)
    assert expiries(batch) == before  # nothing yet: it needs the confirmation

    done = client.post(_url(batch), data={"days": "30", "confirmed": "yes"})
    assert done.status_code == 303 and done.headers["Location"].endswith("/workshops/jarva/codes")
    assert "3 codes were extended." in flashes(client.get(done.headers["Location"]))
    assert [after - old for after, old in zip(expiries(batch), before, strict=True)] == [
        timedelta(days=30)
    ] * 3
    assert expiries(other) == untouched
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "access_codes.extend"))
    assert (entry.actor_id, entry.arena_id) == (facilitator.id, arena.id)
    assert entry.details == {"batch": batch, "count": 3, "days": 30}


def test_expired_codes_work_again_from_today_and_never_beyond_365_days(client_for, scene):
    arena, _, facilitator = scene
    batch = make_batch(facilitator, arena, count=3, days=300)
    rows = db.session.scalars(select(AccessCode).where(AccessCode.batch == batch)).all()
    now = utcnow()
    rows[0].expires_at = now - timedelta(days=5)  # recently expired: revived
    rows[1].expires_at = now - timedelta(days=200)  # long expired: stays so
    db.session.commit()
    old = expiries(batch)
    client = client_for(facilitator, accept_language="en")
    assert client.post(_url(batch), data={"days": "100", "confirmed": "yes"}).status_code == 303
    revived, stale, capped = expiries(batch)
    assert abs(revived - (now + timedelta(days=100))) < timedelta(minutes=5)
    assert stale == old[1]
    assert abs(capped - (now + timedelta(days=365))) < timedelta(minutes=5)
    assert access_codes.list_batches(arena, utcnow())[0].extendable == 2


@pytest.mark.parametrize(
    ("days", "message"),
    [
        ("0", "Extend by 1 to 365 days."),
        ("366", "Extend by 1 to 365 days."),
        ("", "Enter by how many days to extend the codes."),
        ("many", "Enter a whole number, like 30."),
        ("9" * 500, "Enter a whole number, like 30."),
    ],
)
def test_bad_numbers_of_days_change_nothing(client_for, scene, days, message):
    arena, _, facilitator = scene
    batch = make_batch(facilitator, arena)
    before = (snapshot(), expiries(batch))
    response = client_for(facilitator, accept_language="en").post(
        _url(batch), data={"days": days, "confirmed": "yes"}
    )
    assert response.status_code == 200
    assert message in page_text(response)
    assert (snapshot(), expiries(batch)) == before


@pytest.mark.parametrize("role", ["anonymous", "resident", "facilitator_elsewhere"])
def test_only_this_arenas_facilitators_may_extend(client_for, app, role):
    arena, _, _, _, actor = build_scene("proposing", role)
    host = db.session.scalar(select(User).where(User.email == "host@example.org"))
    batch = make_batch(host, arena)
    before = expiries(batch)
    client = client_for(actor, accept_language="en")
    for method, data in (("get", None), ("post", {"days": "30", "confirmed": "yes"})):
        response = getattr(client, method)(_url(batch), data=data)
        assert response.status_code == (302 if role == "anonymous" else 403)
    assert expiries(batch) == before
    assert (
        db.session.scalar(select(AuditEntry).where(AuditEntry.action == "access_codes.extend"))
        is None
    )


def test_a_batch_of_another_arena_is_not_found(client_for, make, scene):
    arena, _, facilitator = scene
    elsewhere = make.arena(slug="elsewhere-arena")
    host = make.facilitator(elsewhere)
    batch = make_batch(host, elsewhere)
    before = expiries(batch)
    client = client_for(facilitator, accept_language="en")
    assert client.post(_url(batch), data={"days": "30", "confirmed": "yes"}).status_code == 404
    assert client.get("/workshops/jarva/codes/batches/%C3%A5%00/extend").status_code == 404
    assert expiries(batch) == before
