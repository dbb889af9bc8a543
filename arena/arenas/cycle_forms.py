"""The shape of a cycle's settings: six days, a budget, an introduction, a reason."""

from flask_babel import lazy_gettext as _l
from wtforms import DateField, IntegerField, TextAreaField
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    StopValidation,
    ValidationError,
)

from arena.arenas.cycles import (
    DATE_FIELDS,
    DATE_LABELS,
    MAX_BUDGET,
    MAX_INTRODUCTION,
    MAX_REASON,
    MAX_YEAR,
    MIN_BUDGET,
    MIN_YEAR,
)
from arena.core.forms import ArenaForm

TOO_LONG = _l("Write at most %(max)d characters.")


def _readable(form, field):
    """A value that could not be read already has its message; say nothing more."""
    if field.process_errors and field.raw_data and "".join(field.raw_data).strip():
        raise StopValidation()


def _within_supported_years(form, field):
    if field.data is not None and not MIN_YEAR <= field.data.year <= MAX_YEAR:
        raise ValidationError(
            _l(
                "Choose a date between the years %(first)d and %(last)d.",
                first=MIN_YEAR,
                last=MAX_YEAR,
            )
        )


def _day_field(name: str) -> DateField:
    return DateField(
        DATE_LABELS[name],
        validators=[
            DataRequired(_l("Enter a date, for example 2027-03-01.")),
            _within_supported_years,
        ],
        format="%Y-%m-%d",
        invalid_value_message=_l("Enter a date, for example 2027-03-01."),
    )


class CycleForm(ArenaForm):
    year = IntegerField(
        _l("Year"),
        validators=[
            _readable,
            InputRequired(_l("Enter the cycle's year, for example 2027.")),
            NumberRange(MIN_YEAR, MAX_YEAR, _l("Enter a year from %(min)s to %(max)s.")),
        ],
        invalid_value_message=_l("Enter the year as a number, for example 2027."),
    )
    proposing_opens_at = _day_field("proposing_opens_at")
    voting_opens_at = _day_field("voting_opens_at")
    voting_closes_at = _day_field("voting_closes_at")
    testing_starts_at = _day_field("testing_starts_at")
    review_starts_at = _day_field("review_starts_at")
    closes_at = _day_field("closes_at")
    support_budget = IntegerField(
        _l("Supports per participant"),
        validators=[
            _readable,
            InputRequired(_l("Enter how many proposals each participant may support.")),
            NumberRange(MIN_BUDGET, MAX_BUDGET, _l("Enter a number from %(min)s to %(max)s.")),
        ],
        invalid_value_message=_l("Enter a whole number, for example 5."),
        description=_l("How many proposals each participant may support in this cycle (1 to 50)."),
    )
    introduction = TextAreaField(
        _l("Introduction"),
        validators=[Optional(), Length(max=MAX_INTRODUCTION, message=TOO_LONG)],
        description=_l(
            "Shown on the arena's page: what this year's cycle is about. At most 5000 characters."
        ),
    )
    reason = TextAreaField(
        _l("Reason for changing a date that has passed"),
        validators=[Optional(), Length(max=MAX_REASON, message=TOO_LONG)],
        description=_l(
            "Needed only when you change a date that is already in the past. "
            "It is kept in the audit log. At most 500 characters."
        ),
    )

    def days(self) -> dict:
        return {name: self[name].data for name in DATE_FIELDS}
