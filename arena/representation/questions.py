"""The profile questions, their answers and the reference keys: defined here only.

Two questions are asked (both optional): the age band and the gender. The bands
follow the City of Stockholm's district statistics (Statistikomraden), which
count the population in these age groups. How a person is connected to an
arena is asked already (arena connections) and not repeated here.

A reference distribution is imported as district statistics whose indicator is
`reference.<question>.<answer>`, e.g. `reference.age_band.16-24`, with the unit
`people` (a head count) or `%` (a share of the district's population).
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

MIN_GROUP_SIZE = 5

AGE_BAND = "age_band"
GENDER = "gender"
NOT_ANSWERED = "not_answered"
ANOTHER_GENDER = "another"
PREFER_NOT = "prefer_not"

ANSWERS: dict[str, dict[str, object]] = {
    AGE_BAND: {
        "0-15": _l("Under 16"),
        "16-24": _l("16–24"),
        "25-34": _l("25–34"),
        "35-44": _l("35–44"),
        "45-54": _l("45–54"),
        "55-64": _l("55–64"),
        "65-74": _l("65–74"),
        "75-": _l("75 and over"),
    },
    GENDER: {
        "woman": _l("Woman"),
        "man": _l("Man"),
        ANOTHER_GENDER: _l("Another gender"),
        PREFER_NOT: _l("I prefer not to say"),
    },
}

QUESTION_LABELS = {AGE_BAND: _l("Age"), GENDER: _l("Gender")}
NOT_ANSWERED_LABEL = _l("Not answered")

# The answers a population statistic can count; the others have no reference.
REFERENCE_ANSWERS = {AGE_BAND: tuple(ANSWERS[AGE_BAND]), GENDER: ("woman", "man")}

REFERENCE_PREFIX = "reference."
PEOPLE, PERCENT = "people", "%"
REFERENCE_UNITS = (PEOPLE, PERCENT)
PERCENT_TOLERANCE = 1.0
FREE_TEXT_MAX = 60


def reference_key(question: str, answer: str) -> str:
    return f"{REFERENCE_PREFIX}{question}.{answer}"


def parse_reference_key(indicator: str) -> tuple[str, str] | None:
    """(question, answer) of a known reference key, or None for any other text."""
    if not indicator.startswith(REFERENCE_PREFIX):
        return None
    question, _dot, answer = indicator[len(REFERENCE_PREFIX) :].partition(".")
    if answer in REFERENCE_ANSWERS.get(question, ()):
        return question, answer
    return None


def is_reference_indicator(indicator: str) -> bool:
    return indicator.casefold().startswith(REFERENCE_PREFIX)


def answer_label(question: str, answer: str):
    if answer == NOT_ANSWERED:
        return NOT_ANSWERED_LABEL
    return ANSWERS[question].get(answer, answer)


def suppress(count: int | None) -> int | None:
    """THE privacy rule for counts by group: a group of fewer than MIN_GROUP_SIZE
    people is never shown, nor used in a figure; it becomes None ("fewer than 5")."""
    if count is None or count < MIN_GROUP_SIZE:
        return None
    return count
