"""A form base that cleans every piece of text the same way."""

import re
import unicodedata

from flask_wtf import FlaskForm
from wtforms import SelectMultipleField
from wtforms.csrf.core import CSRFTokenField
from wtforms.widgets import CheckboxInput, ListWidget

# Control characters other than tab and newline: PostgreSQL refuses NUL outright,
# and none of them belongs in text people read.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value):
    """Normalise line endings and Unicode form, drop control characters, trim."""
    if not isinstance(value, str):
        return value
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _CONTROL.sub("", unicodedata.normalize("NFC", value))
    return value.strip()


class ArenaForm(FlaskForm):
    class Meta:
        def bind_field(self, form, unbound_field, options):
            filters = list(unbound_field.kwargs.get("filters", ()))
            filters.append(clean_text)
            options["filters"] = filters
            if issubclass(unbound_field.field_class, CSRFTokenField):
                # No id: a page with several forms would repeat it (invalid HTML).
                options["render_kw"] = {"id": False}
            return unbound_field.bind(form=form, **options)


class CheckboxListField(SelectMultipleField):
    """Several choices shown as checkboxes: usable without JavaScript and on phones."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()
