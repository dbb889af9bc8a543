"""The shape of review and adoption input. Numbers may be typed with a decimal comma."""

from flask_babel import lazy_gettext as _l
from wtforms import FieldList, FormField, RadioField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from arena.commitments.forms import commitment_title_field, owner_organisations_field
from arena.core.forms import (
    TOO_LONG,
    ArenaForm,
    ArenaSubform,
    DayField,
    NumberField,
    Required,
)
from arena.reviews.labels import OUTCOME_LABELS
from arena.reviews.models import ReviewOutcome

DATE_EXAMPLE = _l("Enter a date as yyyy-mm-dd, for example 2026-12-31.")
MAX_RATIONALE = 2000


class TargetForm(ArenaSubform):
    """One indicator's new target when a commitment is revised."""

    # Only used when the outcome is "revise"; the view requires it then.
    target = NumberField(_l("New target"), validators=[Optional()])


class AdaptedIndicatorForm(ArenaSubform):
    """One indicator's numbers in the adopting district."""

    baseline_value = NumberField(
        _l("Baseline here"), validators=[Required(_l("Enter the baseline."))]
    )
    baseline_on = DayField(
        _l("Baseline measured on"),
        validators=[Required(_l("Enter the date."))],
        invalid_value_message=DATE_EXAMPLE,
    )
    target_value = NumberField(_l("Target here"), validators=[Required(_l("Enter a target."))])
    target_on = DayField(
        _l("Target date"),
        validators=[Required(_l("Enter the date."))],
        invalid_value_message=DATE_EXAMPLE,
    )


class FormWithLists(ArenaForm):
    """An ArenaForm holding lists of subforms: a FieldList takes no text filters (its
    ArenaSubform entries clean their own fields). core.forms could take this over."""

    class Meta:
        def bind_field(self, form, unbound_field, options):
            if issubclass(unbound_field.field_class, FieldList | FormField):
                return unbound_field.bind(form=form, **options)
            return ArenaForm.Meta.bind_field(self, form, unbound_field, options)


class ReviewForm(FormWithLists):
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


class AdoptForm(FormWithLists):
    title = commitment_title_field(_l("Title"))
    description = TextAreaField(
        _l("Description"),
        validators=[Optional(), Length(max=10000, message=TOO_LONG)],
        description=_l("What will be done here, by whom and where."),
    )
    owner_organisations = owner_organisations_field()
    indicators = FieldList(FormField(AdaptedIndicatorForm), min_entries=0)


class ReviewChangeForm(ReviewForm):
    """Deciding again: the same questions, and why the decision changes."""

    reason = TextAreaField(
        _l("Why does the decision change?"),
        validators=[
            DataRequired(_l("Say why the decision changes.")),
            Length(max=MAX_RATIONALE, message=TOO_LONG),
        ],
        description=_l("Kept in the audit log with the earlier decision."),
    )
