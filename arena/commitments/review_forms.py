"""The shape of review and adoption input. Numbers may be typed with a decimal comma."""

from datetime import date

from flask_babel import lazy_gettext as _l
from wtforms import FieldList, Form, FormField, RadioField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from arena.commitments.models import ReviewOutcome
from arena.commitments.review import MAX_RATIONALE, OUTCOME_LABELS, parse_number
from arena.core.forms import ArenaForm, CheckboxListField, clean_text

TOO_LONG = _l("Write at most %(max)d characters.")


class NumberField(StringField):
    """Text that must be a number ("12,5" or "12.5"); `number` holds the parsed value."""

    number = None

    def post_validate(self, form, validation_stopped):
        if self.errors or validation_stopped:
            return
        self.number = parse_number(self.data)
        if self.number is None:
            self.errors.append(_l("Enter a number, for example 12,5."))


class DayField(StringField):
    """A date as an HTML date input (yyyy-mm-dd); `day` holds the parsed value."""

    day = None

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("render_kw", {"type": "date"})
        super().__init__(*args, **kwargs)

    def post_validate(self, form, validation_stopped):
        if self.errors or validation_stopped:
            return
        try:
            self.day = date.fromisoformat(self.data or "")
        except ValueError:
            self.day = None
        if self.day is None or not 2000 <= self.day.year <= 2100:
            self.errors.append(_l("Enter a date as yyyy-mm-dd, for example 2026-12-31."))


class _Subform(Form):
    class Meta:
        def bind_field(self, form, unbound_field, options):
            options["filters"] = [*unbound_field.kwargs.get("filters", ()), clean_text]
            return unbound_field.bind(form=form, **options)


class TargetForm(_Subform):
    """One indicator's new target when a commitment is revised."""

    # Only used when the outcome is "revise"; the view requires it then.
    target = NumberField(_l("New target"), validators=[Optional()])


class AdaptedIndicatorForm(_Subform):
    """One indicator's numbers in the adopting district."""

    baseline_value = NumberField(
        _l("Baseline here"), validators=[DataRequired(_l("Enter the baseline."))]
    )
    baseline_on = DayField(
        _l("Baseline measured on"), validators=[DataRequired(_l("Enter the date."))]
    )
    target_value = NumberField(_l("Target here"), validators=[DataRequired(_l("Enter a target."))])
    target_on = DayField(_l("Target date"), validators=[DataRequired(_l("Enter the date."))])


class _WithSubforms(ArenaForm):
    """ArenaForm cleans every field's text; lists of subforms take no filters themselves
    (their own fields are cleaned by _Subform)."""

    class Meta:
        def bind_field(self, form, unbound_field, options):
            if issubclass(unbound_field.field_class, FieldList | FormField):
                return unbound_field.bind(form=form, **options)
            options["filters"] = [*unbound_field.kwargs.get("filters", ()), clean_text]
            return unbound_field.bind(form=form, **options)


class ReviewForm(_WithSubforms):
    outcome = RadioField(
        _l("What happens to the commitment?"),
        choices=lambda: [(o.value, label) for o, label in OUTCOME_LABELS.items()],
        validators=[DataRequired(_l("Choose what happens to the commitment."))],
        validate_choice=True,
    )
    rationale = TextAreaField(
        _l("Why?"),
        validators=[
            DataRequired(_l("Say why.")),
            Length(max=MAX_RATIONALE, message=TOO_LONG),
        ],
        description=_l("Shown publicly on the commitment. At most 2000 characters."),
    )
    measured_result = TextAreaField(
        _l("Measured result"),
        validators=[Optional(), Length(max=5000, message=TOO_LONG)],
        description=_l("The latest measured values against baseline and target; edit if needed."),
    )
    lessons = TextAreaField(
        _l("Lessons learned"),
        validators=[Optional(), Length(max=MAX_RATIONALE, message=TOO_LONG)],
        description=_l("Required when you stop it; useful in every case."),
    )
    title = StringField(
        _l("Title next year"),
        validators=[Optional(), Length(max=160, message=TOO_LONG)],
    )
    description = TextAreaField(
        _l("Description next year"),
        validators=[Optional(), Length(max=10000, message=TOO_LONG)],
    )
    changes = TextAreaField(
        _l("What changed, and why"),
        validators=[Optional(), Length(max=MAX_RATIONALE, message=TOO_LONG)],
        description=_l("Required when you revise it. Shown on next year's version."),
    )
    targets = FieldList(FormField(TargetForm), min_entries=0)

    def validate_outcome(self, field):
        # A tampered value is refused by validate_choice; keep the enum in sync here.
        if field.data and field.data not in {o.value for o in ReviewOutcome}:
            raise ValidationError(_l("Choose what happens to the commitment."))


class AdoptForm(_WithSubforms):
    title = StringField(
        _l("Title"),
        validators=[
            DataRequired(_l("Give the commitment a title.")),
            Length(max=160, message=TOO_LONG),
        ],
    )
    description = TextAreaField(
        _l("Description"),
        validators=[Optional(), Length(max=10000, message=TOO_LONG)],
        description=_l("What will be done here, by whom and where."),
    )
    owner_organisations = CheckboxListField(
        _l("Organisations that own it"),
        validators=[Optional()],
        coerce=int,
        invalid_value_message=_l("Choose among the organisations listed."),
        invalid_choice_message=_l("Choose among the organisations listed."),
    )
    indicators = FieldList(FormField(AdaptedIndicatorForm), min_entries=0)
