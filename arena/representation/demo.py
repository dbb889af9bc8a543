"""Demo data for the representation pages: a few neighbours' answers, the Järva
workshops' counts by group, and example reference distributions (labelled as
example data, never as official statistics). Safe to run again."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from arena.accounts.models import User
from arena.arenas.models import Arena, Cycle, DistrictStatistic
from arena.extensions import db
from arena.representation import questions as q
from arena.representation.models import ProfileAnswer, WorkshopGroupCount
from arena.workshops.models import Workshop

EXAMPLE_SOURCE = "Exempeldata, inte officiell statistik"

ANSWERS = {
    "layla@example.org": ("25-34", "woman"),
    "erik@example.org": ("65-74", "man"),
    "hodan@example.org": ("16-24", "woman"),
    "mikko@example.org": ("35-44", "man"),
    "sara@example.org": ("25-34", "woman"),
    "ahmed@example.org": ("45-54", "man"),
}

# Invented shares of the population per age band (%), roughly like a Stockholm district.
AGE_SHARES = [18, 11, 17, 16, 13, 11, 8, 6]
WORKSHOP_COUNTS = {
    q.AGE_BAND: {"16-24": 2, "25-34": 3, "35-44": 3, "45-54": 1, "65-74": 1},
    q.GENDER: {"woman": 7, "man": 4},
}


def seed_representation_demo(now: datetime) -> None:
    _seed_answers()
    _seed_workshop_counts(now)
    _seed_references(now)
    db.session.flush()


def _seed_answers() -> None:
    users = db.session.scalars(select(User).where(User.email.in_(ANSWERS))).all()
    answered = set(db.session.scalars(select(ProfileAnswer.user_id)))
    for user in users:
        if user.id in answered:
            continue
        age, gender = ANSWERS[user.email]
        db.session.add(ProfileAnswer(user_id=user.id, question=q.AGE_BAND, answer=age))
        db.session.add(ProfileAnswer(user_id=user.id, question=q.GENDER, answer=gender))


def _seed_workshop_counts(now: datetime) -> None:
    workshops = db.session.scalars(
        select(Workshop)
        .join(Cycle, Workshop.cycle_id == Cycle.id)
        .join(Arena, Cycle.arena_id == Arena.id)
        .where(Arena.slug == "jarva", Cycle.year == now.year)
    ).all()
    counted = set(db.session.scalars(select(WorkshopGroupCount.workshop_id)))
    for workshop in workshops:
        if workshop.id in counted or workshop.participant_count < 11:
            continue
        for question, answers in WORKSHOP_COUNTS.items():
            for answer, count in answers.items():
                db.session.add(
                    WorkshopGroupCount(
                        workshop_id=workshop.id, question=question, answer=answer, count=count
                    )
                )


def _seed_references(now: datetime) -> None:
    stored = set(
        db.session.execute(
            select(DistrictStatistic.arena_id, DistrictStatistic.indicator).where(
                DistrictStatistic.year == now.year
            )
        ).all()
    )
    shares = dict(zip(q.ANSWERS[q.AGE_BAND], AGE_SHARES, strict=True))
    for arena in db.session.scalars(select(Arena)):
        rows = [(q.reference_key(q.AGE_BAND, band), share) for band, share in shares.items()]
        rows += [(q.reference_key(q.GENDER, "woman"), 50), (q.reference_key(q.GENDER, "man"), 50)]
        for indicator, value in rows:
            if (arena.id, indicator) in stored:
                continue
            db.session.add(
                DistrictStatistic(
                    arena_id=arena.id,
                    indicator=indicator,
                    year=now.year,
                    value=value,
                    unit=q.PERCENT,
                    source=EXAMPLE_SOURCE,
                    is_example=True,
                )
            )
