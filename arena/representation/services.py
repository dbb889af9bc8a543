"""The only code that changes profile answers and workshops' counts by group."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import delete, select

from arena.audit import services as audit
from arena.core.errors import ActionRefused
from arena.extensions import db
from arena.representation import questions as q
from arena.representation.models import ProfileAnswer, WorkshopGroupCount

MAX_COUNT = 10_000


def save_profile_answers(user, answers: dict[str, str | None], free_text: str | None = None):
    """Set the person's answers: `answers` maps a question to an answer key, or to None
    to clear it. The free text belongs to "another gender" only; nothing else keeps it."""
    for question, answer in answers.items():
        if question not in q.ANSWERS or (answer is not None and answer not in q.ANSWERS[question]):
            raise ActionRefused(_("Choose one of the answers."), 400)
    text = (free_text or "").strip()[: q.FREE_TEXT_MAX] or None
    stored = {
        a.question: a
        for a in db.session.scalars(select(ProfileAnswer).where(ProfileAnswer.user_id == user.id))
    }
    for question, answer in answers.items():
        existing = stored.get(question)
        if answer is None:
            if existing is not None:
                db.session.delete(existing)
            continue
        kept_text = text if (question, answer) == (q.GENDER, q.ANOTHER_GENDER) else None
        if existing is None:
            db.session.add(
                ProfileAnswer(
                    user_id=user.id, question=question, answer=answer, free_text=kept_text
                )
            )
        else:
            existing.answer, existing.free_text = answer, kept_text
    db.session.flush()


def erase_answers(user) -> None:
    """Delete every answer of the person (their choice, or with the account)."""
    db.session.execute(delete(ProfileAnswer).where(ProfileAnswer.user_id == user.id))


def get_answers(user) -> dict[str, ProfileAnswer]:
    """The person's own answers, for their own profile page only."""
    return {
        a.question: a
        for a in db.session.scalars(select(ProfileAnswer).where(ProfileAnswer.user_id == user.id))
    }


def get_workshop_counts(workshop) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {question: {} for question in q.ANSWERS}
    for row in db.session.scalars(
        select(WorkshopGroupCount).where(WorkshopGroupCount.workshop_id == workshop.id)
    ):
        counts.setdefault(row.question, {})[row.answer] = row.count
    return counts


def save_workshop_counts(actor, workshop, counts: dict[str, dict[str, int | None]]) -> bool:
    """Record how many of the workshop's participants gave each answer (a box left
    empty: not counted). Per question the counts may add up to fewer than the
    participants (not everyone answered) but never to more. The caller has checked
    that `actor` may record the workshop. Returns whether anything changed."""
    problems = {}
    for question, answers in counts.items():
        given = {a: n for a, n in answers.items() if n is not None}
        if any(n < 0 or n > MAX_COUNT for n in given.values()):
            problems[field_name(question, next(iter(given)))] = _(
                "Enter numbers from 0 to %(max)d.", max=MAX_COUNT
            )
        elif sum(given.values()) > workshop.participant_count:
            first = next(iter(answers))
            problems[field_name(question, first)] = _(
                "These add up to %(sum)d, more than the %(num)d participants.",
                sum=sum(given.values()),
                num=workshop.participant_count,
            )
    if problems:
        raise ActionRefused(problems=problems, status=409)
    wanted = {
        (question, answer): n
        for question, answers in counts.items()
        for answer, n in answers.items()
        if n is not None
    }
    before = {
        (question, answer): n
        for question, answers in get_workshop_counts(workshop).items()
        for answer, n in answers.items()
    }
    if wanted == before:
        return False
    db.session.execute(
        delete(WorkshopGroupCount).where(WorkshopGroupCount.workshop_id == workshop.id)
    )
    db.session.add_all(
        WorkshopGroupCount(workshop_id=workshop.id, question=question, answer=answer, count=n)
        for (question, answer), n in wanted.items()
    )
    db.session.flush()
    audit.record(
        actor,
        "workshop.save_group_counts",
        arena=workshop.cycle.arena,
        target=workshop,
        counted={
            question: sum(n for (qq, _a), n in wanted.items() if qq == question)
            for question in counts
        },
    )
    return True


def field_name(question: str, answer: str) -> str:
    """The form box for one answer's count on the workshop form."""
    index = list(q.ANSWERS[question]).index(answer)
    return f"who_{question}_{index}"
