"""The optional profile questions (sign-up and profile) and the workshop form's
"who came" boxes. Every question can be skipped."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, StringField
from wtforms.validators import NumberRange, Optional

from arena.core.forms import ArenaForm, WholeNumberField, max_length
from arena.representation import questions as q
from arena.representation.services import MAX_COUNT, field_name

WHY_WE_ASK = _l(
    "We ask so that we can see whether the arena reaches everyone in the district. "
    "Nobody sees your answer; only counts of at least 5 people are shown."
)


def _choices(question):
    return lambda: [(key, label) for key, label in q.ANSWERS[question].items()]


class ProfileQuestions:
    """Mixed into a form: the two optional questions and the free-text box."""

    age_band = RadioField(
        _l("Your age (optional)"), validators=[Optional()], choices=_choices(q.AGE_BAND)
    )
    gender = RadioField(
        _l("Your gender (optional)"), validators=[Optional()], choices=_choices(q.GENDER)
    )
    gender_text = StringField(
        _l("Your gender in your own words (optional)"),
        validators=[Optional(), max_length(q.FREE_TEXT_MAX)],
        description=_l("Only if you chose “Another gender”."),
    )

    def profile_answers(self) -> dict[str, str | None]:
        return {q.AGE_BAND: self.age_band.data or None, q.GENDER: self.gender.data or None}


class ProfileQuestionsForm(ProfileQuestions, ArenaForm):
    pass


def add_count_fields(form_class) -> None:
    """Give the workshop form one optional number box per answer: `who_<question>_<n>`."""
    for question, answers in q.ANSWERS.items():
        for answer, label in answers.items():
            setattr(
                form_class,
                field_name(question, answer),
                WholeNumberField(
                    label,
                    validators=[
                        Optional(),
                        NumberRange(0, MAX_COUNT, _l("Enter a number from 0 to 10000.")),
                    ],
                ),
            )


def count_fields(form) -> list[tuple[str, list]]:
    """[(question label, [fields])] for the template."""
    return [
        (q.QUESTION_LABELS[question], [form[field_name(question, a)] for a in answers])
        for question, answers in q.ANSWERS.items()
    ]


def counts_from(form) -> dict[str, dict[str, int | None]]:
    return {
        question: {a: form[field_name(question, a)].data for a in answers}
        for question, answers in q.ANSWERS.items()
    }


def fill_counts(form, counts: dict[str, dict[str, int]]) -> None:
    for question, answers in q.ANSWERS.items():
        for answer in answers:
            form[field_name(question, answer)].data = counts.get(question, {}).get(answer)
