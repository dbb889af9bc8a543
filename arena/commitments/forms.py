"""The shape of follow-up input: indicators, check-ins, pledges, commitment edits."""

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from arena.commitments.indicators import IndicatorData
from arena.commitments.models import CHECK_IN_INTERVAL_RANGE
from arena.core.forms import (
    TOO_LONG,
    ArenaForm,
    CheckboxListField,
    DayField,
    NumberField,
    Required,
    WholeNumberField,
)

DATE_EXAMPLE = _l("Enter a date, for example 2026-03-01.")


def _day(label, required: str | None = None, description=None):
    """A day; a missing one gets `required` (when given), a mistyped one says how to
    write it."""
    return DayField(
        label,
        validators=[Required(required) if required else Optional()],
        invalid_value_message=DATE_EXAMPLE,
        description=description,
    )


def commitment_title_field(label) -> StringField:
    """The commitment's title: required, at most 160 characters (the column's length)."""
    return StringField(
        label,
        validators=[
            DataRequired(_l("Give the commitment a title.")),
            Length(max=160, message=TOO_LONG),
        ],
    )


def owner_organisations_field() -> CheckboxListField:
    """The organisations that own a commitment, among those offered."""
    return CheckboxListField(
        _l("Organisations that own it"),
        validators=[Optional()],
        coerce=int,
        invalid_value_message=_l("Choose among the organisations listed."),
        invalid_choice_message=_l("Choose among the organisations listed."),
    )


class IndicatorForm(ArenaForm):
    name = StringField(
        _l("Name"),
        validators=[DataRequired(_l("Name the indicator.")), Length(max=160, message=TOO_LONG)],
        description=_l("What is counted or measured, e.g. “Bicycle trips to school per week”."),
    )
    unit = StringField(
        _l("Unit"),
        validators=[DataRequired(_l("Give the unit.")), Length(max=40, message=TOO_LONG)],
        description=_l("e.g. trips, kg, kWh, %"),
    )
    direction = RadioField(
        _l("Which way is better?"),
        choices=lambda: [("up", _l("More is better")), ("down", _l("Less is better"))],
        validators=[InputRequired(_l("Choose whether more or less is better."))],
        invalid_choice_message=_l("Choose whether more or less is better."),
    )
    baseline_value = NumberField(
        _l("Baseline value"),
        validators=[Required(_l("Give the value at the start."))],
    )
    baseline_on = _day(_l("Baseline date"), _l("Give the date of the baseline value."))
    target_value = NumberField(
        _l("Target value"),
        validators=[Required(_l("Give the value you aim for."))],
    )
    target_on = _day(_l("Target date"), _l("Give the date the target should be reached."))
    method = TextAreaField(
        _l("How it is measured"),
        validators=[Optional(), Length(max=2000, message=TOO_LONG)],
    )
    reported_by = StringField(
        _l("Who reports it"),
        validators=[Optional(), Length(max=200, message=TOO_LONG)],
    )

    reporting_interval = RadioField(
        _l("How often is a value reported?"),
        choices=lambda: [
            ("weekly", _l("Every week")),
            ("monthly", _l("Every month")),
            ("quarterly", _l("Every quarter")),
            ("yearly", _l("Every year")),
        ],
        # Left out (an older form, a script), it stays monthly, the default.
        default="monthly",
        invalid_choice_message=_l("Choose how often a value is reported."),
        description=_l("The owners get a reminder by e-mail when a value is overdue."),
    )

    def to_data(self) -> IndicatorData:
        return IndicatorData(
            name=self.name.data,
            unit=self.unit.data,
            direction=self.direction.data,
            baseline_value=self.baseline_value.data,
            baseline_on=self.baseline_on.data,
            target_value=self.target_value.data,
            target_on=self.target_on.data,
            method=self.method.data or "",
            reported_by=self.reported_by.data or "",
            reporting_interval=self.reporting_interval.data or "monthly",
        )


CONFIDENCE_CHOICES = [
    ("", _l("Not said")),
    ("low", _l("Low")),
    ("medium", _l("Medium")),
    ("high", _l("High")),
]


class CheckInForm(ArenaForm):
    reported_on = _day(_l("Date"), _l("Give the date the values were measured."))
    note = TextAreaField(
        _l("Note"),
        validators=[Optional(), Length(max=5000, message=TOO_LONG)],
        description=_l("What happened since the last check-in. Optional when you give a value."),
    )
    confidence = RadioField(
        _l("How sure are you of the values?"),
        choices=lambda: list(CONFIDENCE_CHOICES),
        default="",
        invalid_choice_message=_l("Choose one of the levels listed."),
    )
    organisation = SelectField(
        _l("On behalf of"),
        validators=[Optional()],
        invalid_choice_message=_l("Choose among your organisations."),
    )


def check_in_form(indicators, organisations, **kwargs) -> CheckInForm:
    """The check-in form with one number box per indicator, labelled with name and unit."""

    class Form(CheckInForm):
        pass

    for indicator in indicators:
        field = NumberField(f"{indicator.name} ({indicator.unit})", validators=[Optional()])
        setattr(Form, f"value_{indicator.id}", field)
    form = Form(**kwargs)
    form.organisation.choices = [("", _l("Only myself"))] + [
        (str(o.id), o.name) for o in organisations
    ]
    return form


class ResidentCheckInForm(ArenaForm):
    note = TextAreaField(
        _l("What did you do?"),
        validators=[
            DataRequired(_l("Write what you did.")),
            Length(max=1000, message=TOO_LONG),
        ],
        description=_l(
            "A few words, e.g. “Cycled to work three days this week”. At most 1000 characters."
        ),
    )


class OrganisationPledgeForm(ArenaForm):
    organisation = SelectField(
        _l("Organisation"),
        validators=[DataRequired(_l("Choose an organisation."))],
        invalid_choice_message=_l("Choose an organisation."),
    )


class CommitmentEditForm(ArenaForm):
    title = commitment_title_field(_l("Title"))
    description = TextAreaField(
        _l("What will be done"), validators=[Optional(), Length(max=10000, message=TOO_LONG)]
    )
    location = StringField(_l("Where"), validators=[Optional(), Length(max=200, message=TOO_LONG)])
    climate_effect = TextAreaField(
        _l("Expected climate effect"),
        validators=[Optional(), Length(max=5000, message=TOO_LONG)],
    )
    starts_on = _day(_l("Starts on"))
    ends_on = _day(_l("Ends on"))
    # Left empty, the interval stays as it is.
    check_in_interval_days = WholeNumberField(
        _l("A check-in at least every … days"),
        validators=[
            Optional(),
            NumberRange(*CHECK_IN_INTERVAL_RANGE, _l("Choose from 7 to 366 days.")),
        ],
        invalid_value_message=_l("Enter a whole number of days, like 90."),
        description=_l("City staff see the commitments whose last check-in is older than this."),
    )
    themes = CheckboxListField(
        _l("Themes"),
        validators=[Optional()],
        invalid_value_message=_l("Choose among the themes listed."),
        invalid_choice_message=_l("Choose among the themes listed."),
    )
    co_benefits = CheckboxListField(
        _l("Health and social benefits"),
        validators=[Optional()],
        invalid_value_message=_l("Choose among the benefits listed."),
        invalid_choice_message=_l("Choose among the benefits listed."),
    )
    owner_organisations = owner_organisations_field()
    owner_users = CheckboxListField(
        _l("People who own it"),
        validators=[Optional()],
        coerce=int,
        description=_l("Untick a person to remove them as an owner."),
        invalid_value_message=_l("Choose among the people listed."),
        invalid_choice_message=_l("Choose among the people listed."),
    )

    # The end date after the start date is the service's check (edit_commitment).
