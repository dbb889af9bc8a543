"""The form staff use to mark indicators as comparable."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, StringField

from arena.core.forms import ArenaForm, CheckboxListField, Required, max_length
from arena.staff.indicator_services import NAME_LENGTH


class ComparisonForm(ArenaForm):
    name = StringField(
        _l("Name of the comparison"),
        validators=[Required(_l("Give the comparison a name.")), max_length(NAME_LENGTH)],
        description=_l("What the indicators measure, e.g. “Cycle trips to school”."),
    )
    indicators = CheckboxListField(
        _l("Indicators to compare"),
        coerce=int,
        validators=[Required(_l("Choose at least two indicators to compare."))],
        validate_choice=False,  # the service says when a chosen one is gone
    )
    per_inhabitant = BooleanField(
        _l("Show the values per 1,000 inhabitants"),
        description=_l("Values are shown per 1,000 inhabitants anyway when the units differ."),
    )


def comparison_form(choices) -> ComparisonForm:
    form = ComparisonForm()
    form.indicators.choices = [item for _arena, items in choices for item in items]
    return form
