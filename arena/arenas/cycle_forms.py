"""The shape of a cycle's settings: six days, a budget, an introduction, a reason."""

from flask_babel import lazy_gettext as _l
from wtforms import StringField, TextAreaField
from wtforms.validators import Optional

from arena.arenas.cycles import (
    DATE_FIELDS,
    DATE_LABELS,
    MAX_BUDGET,
    MAX_INTRODUCTION,
    MAX_REASON,
    MIN_BUDGET,
)
from arena.core.forms import (
    MAX_YEAR,
    MIN_YEAR,
    ArenaForm,
    DayField,
    Required,
    max_length,
    whole_number_field,
)

ENTER_A_DATE = _l("Enter a date, for example 2027-03-01.")


def _day_field(name: str) -> DayField:
    return DayField(
        DATE_LABELS[name], validators=[Required(ENTER_A_DATE)], invalid_value_message=ENTER_A_DATE
    )


class CycleForm(ArenaForm):
    year = whole_number_field(
        _l("Year"),
        within=(MIN_YEAR, MAX_YEAR),
        missing=_l("Enter the cycle's year, for example 2027."),
        out_of_range=_l("Enter a year from %(min)s to %(max)s."),
        not_a_number=_l("Enter the year as a number, for example 2027."),
    )
    proposing_opens_at = _day_field("proposing_opens_at")
    voting_opens_at = _day_field("voting_opens_at")
    voting_closes_at = _day_field("voting_closes_at")
    testing_starts_at = _day_field("testing_starts_at")
    review_starts_at = _day_field("review_starts_at")
    closes_at = _day_field("closes_at")
    support_budget = whole_number_field(
        _l("Supports per participant"),
        within=(MIN_BUDGET, MAX_BUDGET),
        missing=_l("Enter how many proposals each participant may support."),
        out_of_range=_l("Enter a number from %(min)s to %(max)s."),
        not_a_number=_l("Enter a whole number, for example 5."),
        description=_l("How many proposals each participant may support in this cycle (1 to 50)."),
    )
    introduction = TextAreaField(
        _l("Introduction"),
        validators=[Optional(), max_length(MAX_INTRODUCTION)],
        description=_l(
            "Shown on the arena's page: what this year's cycle is about. At most 5000 characters."
        ),
    )
    reason = TextAreaField(
        _l("Reason for the change"),
        validators=[Optional(), max_length(MAX_REASON)],
        description=_l(
            "Needed when you change a date that is already in the past, or when the "
            "change affects a cycle people are taking part in. It is kept in the audit "
            "log. At most 500 characters."
        ),
    )
    # Shown as a checkbox only when the change affects a live cycle; its value is the
    # fingerprint of the impact shown (cycle_impact), so it confirms that impact only.
    confirm_impact = StringField(
        _l("Yes, change the dates"), validators=[Optional(), max_length(64)]
    )

    def days(self) -> dict:
        return {name: self[name].data for name in DATE_FIELDS}
