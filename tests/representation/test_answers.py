"""The optional profile questions at sign-up and on the profile page, and the workshop
form's counts by group."""

import re

import pytest
from sqlalchemy import select

from arena.accounts.models import User
from arena.audit.models import AuditEntry
from arena.extensions import db
from arena.representation import questions as q
from arena.representation.models import ProfileAnswer, WorkshopGroupCount
from arena.workshops.models import Workshop
from tests.helpers import count, page_text
from tests.workshops.helpers import build_scene

PASSWORD = "lång och säker 🚲"
SIGN_UP = {
    "display_name": "Hodan",
    "email": "hodan@example.org",
    "password": PASSWORD,
    "confirm": PASSWORD,
    "arena": "",
}


def answers_of(user) -> dict:
    rows = db.session.scalars(select(ProfileAnswer).where(ProfileAnswer.user_id == user.id))
    return {a.question: (a.answer, a.free_text) for a in rows}


@pytest.mark.usefixtures("quick_password_hashing")
def test_sign_up_without_answers_stores_none(client_for):
    client = client_for(None, accept_language="en")
    page = page_text(client.get("/accounts/sign-up"))
    assert "We ask so that we can see whether the arena reaches everyone" in page
    assert client.post("/accounts/sign-up", data=SIGN_UP).status_code == 303
    assert count(ProfileAnswer) == 0


@pytest.mark.usefixtures("quick_password_hashing")
def test_sign_up_with_answers_stores_them(client_for):
    data = {**SIGN_UP, "age_band": "25-34", "gender": "another", "gender_text": " icke-binär "}
    assert client_for(None).post("/accounts/sign-up", data=data).status_code == 303
    user = db.session.scalars(select(User)).one()
    assert answers_of(user) == {"age_band": ("25-34", None), "gender": ("another", "icke-binär")}


@pytest.mark.usefixtures("quick_password_hashing")
def test_sign_up_with_an_unknown_answer_is_refused(client_for):
    data = {**SIGN_UP, "age_band": "200-300"}
    response = client_for(None, accept_language="en").post("/accounts/sign-up", data=data)
    assert response.status_code == 200
    assert count(User) == 0 and count(ProfileAnswer) == 0


def test_the_profile_page_changes_and_clears_answers(client_for, make):
    user = make.user()
    client = client_for(user, accept_language="en")
    me = page_text(client.get("/accounts/me"))
    assert "You have not answered the optional questions" in me
    assert client.get("/representation/my-answers").status_code == 200
    data = {"age_band": "65-74", "gender": "woman", "gender_text": "ignored"}
    assert client.post("/representation/my-answers", data=data).status_code == 303
    assert answers_of(user) == {"age_band": ("65-74", None), "gender": ("woman", None)}
    assert "65–74" in page_text(client.get("/accounts/me"))
    # Leaving one out clears it.
    assert client.post("/representation/my-answers", data={"gender": "man"}).status_code == 303
    assert answers_of(user) == {"gender": ("man", None)}
    assert client.post("/representation/my-answers/clear").status_code == 303
    assert answers_of(user) == {}


def test_answers_go_with_the_account(make):
    user = make.user()
    db.session.add(ProfileAnswer(user_id=user.id, question=q.GENDER, answer="man"))
    db.session.commit()
    db.session.delete(user)
    db.session.commit()
    assert count(ProfileAnswer) == 0


GOOD = {
    "date": "2026-07-14",
    "time": "18:30",
    "place": "Tensta träff",
    "language": "so",
    "participant_count": "12",
    "notes": "",
}


def test_a_workshop_records_who_came(client_for, app):
    arena, cycle, _proposals, _workshop, facilitator = build_scene("voting", "facilitator")
    client = client_for(facilitator, accept_language="en")
    assert "Who came (optional)" in page_text(client.get("/workshops/jarva/new"))
    data = {
        **GOOD,
        "cycle": str(cycle.year),
        "who_age_band_1": "5",
        "who_age_band_2": "4",
        "who_gender_0": "7",
        "who_gender_1": "0",
    }
    assert client.post("/workshops/jarva/new", data=data).status_code == 303
    workshop = db.session.scalar(select(Workshop).order_by(Workshop.id.desc()))
    rows = db.session.scalars(
        select(WorkshopGroupCount).where(WorkshopGroupCount.workshop_id == workshop.id)
    ).all()
    assert {(r.question, r.answer, r.count) for r in rows} == {
        ("age_band", "16-24", 5),
        ("age_band", "25-34", 4),
        ("gender", "woman", 7),
        ("gender", "man", 0),
    }
    entry = db.session.scalar(select(AuditEntry).order_by(AuditEntry.id.desc()))
    assert entry.action == "workshop.save_group_counts"
    edit = client.get(f"/workshops/jarva/{workshop.id}/edit").get_data(as_text=True)
    box = re.search(r'<input[^>]*name="who_age_band_1"[^>]*>', edit).group(0)
    assert 'value="5"' in box
    # Changing only the counts is a change, audited again.
    changed = {**data, "who_age_band_1": "6"}
    del changed["cycle"]
    response = client.post(f"/workshops/jarva/{workshop.id}/edit", data=changed)
    assert response.status_code == 303
    stored = db.session.scalar(
        select(WorkshopGroupCount.count).where(
            WorkshopGroupCount.workshop_id == workshop.id, WorkshopGroupCount.answer == "16-24"
        )
    )
    assert stored == 6
    assert count(AuditEntry, AuditEntry.action == "workshop.save_group_counts") == 2


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"who_age_band_0": "10", "who_age_band_3": "3"}, "These add up to 13, more than the 12"),
        ({"who_gender_2": "13"}, "These add up to 13, more than the 12"),
        ({"who_gender_2": "-1"}, "Enter a number from 0 to 10000."),
        ({"who_gender_2": "lots"}, ""),
    ],
)
def test_counts_above_the_participants_are_refused_on_the_field(client_for, app, change, message):
    _arena, cycle, _proposals, _workshop, facilitator = build_scene("voting", "facilitator")
    before = count(Workshop)
    response = client_for(facilitator, accept_language="en").post(
        "/workshops/jarva/new", data={**GOOD, "cycle": str(cycle.year), **change}
    )
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'class="error-message"' in html and message in page_text(response)
    assert count(Workshop) == before and count(WorkshopGroupCount) == 0
