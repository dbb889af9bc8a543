"""Form pieces every feature shares: text cleaning, numbers, days, times, limits.

Fields here never crash on what a browser can send: a blank or space-only box is
"not given" (the field's required message, or nothing for an optional field), and
anything unparseable gets the field's "enter a … like …" message.
"""

import re
import unicodedata
from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    EmailField,
    Field,
    Form,
    IntegerField,
    PasswordField,
    SelectMultipleField,
    TimeField,
)
from wtforms.csrf.core import CSRFTokenField
from wtforms.validators import (
    DataRequired,
    Email,
    Length,
    NumberRange,
    StopValidation,
    ValidationError,
)
from wtforms.widgets import CheckboxInput, ListWidget, TextInput

from arena.core.database import MAX_INTEGER
from arena.core.numbers import format_decimal_input, parse_decimal

# Control characters other than tab and newline: PostgreSQL refuses NUL outright,
# and none of them belongs in text people read.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069):
# one in a name or title can turn the text around it backwards ("Trojan Source").
# The marks U+200E and U+200F stay: Arabic text mixed with numbers needs them.
_BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")

TOO_LONG = _l("Write at most %(max)d characters.")
NOT_A_NUMBER = _l("Enter a number, for example 12,5 or 1 200.")
NOT_A_WHOLE_NUMBER = _l("Enter a whole number, like 12.")
NOT_A_DATE = _l("Enter a date like 2026-05-14.")
NOT_A_TIME = _l("Enter a time like 18:30.")
# Year 1 in Stockholm would be year 0 in UTC, which no datetime can hold; nothing
# an arena plans lies outside these years.
MIN_YEAR, MAX_YEAR = 2000, 2100
YEAR_OUT_OF_RANGE = _l("Enter a date between 2000 and 2100.")

NUMBER_INPUT = {"inputmode": "decimal", "spellcheck": "false", "autocomplete": "off"}
WHOLE_NUMBER_INPUT = {"inputmode": "numeric", "spellcheck": "false", "class": "input-number"}


def clean_text(value):
    """Normalise line endings and Unicode form, drop control and bidirectional control
    characters, trim."""
    if not isinstance(value, str):
        return value
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _CONTROL.sub("", unicodedata.normalize("NFC", value))
    value = _BIDI_CONTROL.sub("", value)
    return value.strip()


def _bind_cleaning(form, unbound_field, options):
    # Passwords are exactly what was typed: trimming one would change the secret.
    if not issubclass(unbound_field.field_class, PasswordField):
        options["filters"] = [*unbound_field.kwargs.get("filters", ()), clean_text]
    if issubclass(unbound_field.field_class, CSRFTokenField):
        # No id: a page with several forms would repeat it (invalid HTML).
        options["render_kw"] = {"id": False}
    return unbound_field.bind(form=form, **options)


class ArenaForm(FlaskForm):
    """Every form's base: each piece of text is cleaned the same way."""

    class Meta:
        def bind_field(self, form, unbound_field, options):
            return _bind_cleaning(form, unbound_field, options)


class ArenaSubform(Form):
    """A form inside a form (FormField, FieldList): cleaned alike, no CSRF of its own."""

    class Meta:
        def bind_field(self, form, unbound_field, options):
            return _bind_cleaning(form, unbound_field, options)


class EmptyForm(ArenaForm):
    """A button that changes something: only the CSRF token."""


def max_length(limit: int) -> Length:
    return Length(max=limit, message=TOO_LONG)


class Required:
    """The field must be given: a blank or space-only box, no choice or an
    unparseable value that left no data all get `message` and stop the chain.
    Unlike DataRequired it accepts 0; unlike InputRequired it refuses " "."""

    field_flags = {"required": True}

    def __init__(self, message):
        self.message = message

    def __call__(self, form, field):
        if field.errors:  # unparseable: its own "enter a … like …" message says more
            raise StopValidation()
        data = field.data
        if data is None or (isinstance(data, str | list | tuple) and not data):
            raise StopValidation(self.message)


class BlankIsMissing:
    """An empty box means "not given", so it gets the required message alone (or
    passes an optional field) rather than also a "not a valid value" one. A value
    that cannot be read gets its own message alone too: the validators (a range, a
    required check) would only add a second message about the same box."""

    def process_formdata(self, valuelist):
        if valuelist and not "".join(str(v) for v in valuelist).strip():
            self.data = None
            self.raw_data = []
            return
        super().process_formdata(valuelist)

    def pre_validate(self, form):
        if self.process_errors:
            raise StopValidation()
        super().pre_validate(form)


class DayField(BlankIsMissing, DateField):
    """A day as yyyy-mm-dd (the browser's date picker), between 2000 and 2100."""

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("format", "%Y-%m-%d")
        kwargs.setdefault("invalid_value_message", NOT_A_DATE)
        super().__init__(label, validators, **kwargs)

    def post_validate(self, form, validation_stopped):
        if not self.errors and self.data is not None and not MIN_YEAR <= self.data.year <= MAX_YEAR:
            self.errors.append(YEAR_OUT_OF_RANGE)


class ClockField(BlankIsMissing, TimeField):
    """A time of day as hh:mm."""

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("invalid_value_message", NOT_A_TIME)
        super().__init__(label, validators, **kwargs)


class WholeNumberField(BlankIsMissing, IntegerField):
    """A whole number typed in a text box with the phone's number keyboard: unlike
    type="number" it keeps whatever was typed for the error message, and a scroll
    wheel cannot change it by accident. Never beyond what the database holds."""

    widget = TextInput()

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("invalid_value_message", NOT_A_WHOLE_NUMBER)
        kwargs.setdefault("render_kw", WHOLE_NUMBER_INPUT)
        super().__init__(label, validators, **kwargs)

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        # NumberRange turns the number into a float, which ~310 digits overflow (a 500).
        if self.data is not None and abs(self.data) > 10**300:
            self.data = None
            raise ValueError(self.invalid_value_message)

    def post_validate(self, form, validation_stopped):
        if not self.errors and self.data is not None and abs(self.data) > MAX_INTEGER:
            self.errors.append(self.invalid_value_message)


class IdField(WholeNumberField):
    """The id of a row, sent by a form (a hidden input or a choice)."""

    def __init__(self, label=None, validators=None, **kwargs):
        validators = [*(validators or []), NumberRange(min=1, max=MAX_INTEGER)]
        super().__init__(label, validators, **kwargs)


class NumberField(Field):
    """A decimal number typed as text: "12,5", "12.5" and "1 200" all work (see
    `core.numbers`); `data` is the float, or None when the box was left empty.
    What was typed is shown again with the error when it is not a number."""

    widget = TextInput()

    def __init__(self, label=None, validators=None, invalid_value_message=None, **kwargs):
        kwargs.setdefault("render_kw", NUMBER_INPUT)
        super().__init__(label, validators, **kwargs)
        self.invalid_value_message = invalid_value_message or NOT_A_NUMBER

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        try:
            self.data = parse_decimal(valuelist[0])
        except ValueError:
            self.data = None
            raise ValueError(self.invalid_value_message) from None

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return "" if self.data is None else format_decimal_input(self.data)


class CheckboxListField(SelectMultipleField):
    """Several choices shown as checkboxes: usable without JavaScript and on phones."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def within_years(day: date | None) -> bool:
    return day is None or MIN_YEAR <= day.year <= MAX_YEAR


def whole_number_field(
    label, *, within: tuple[int, int], missing, out_of_range, not_a_number, **options
) -> WholeNumberField:
    """A required whole number within `within` (inclusive), each failure with its message."""
    low, high = within
    return WholeNumberField(
        label,
        validators=[Required(missing), NumberRange(low, high, out_of_range)],
        invalid_value_message=not_a_number,
        **options,
    )


def email_field(label, *, missing, description) -> EmailField:
    """An e-mail address: required, at most 254 characters, shaped like one."""
    return EmailField(
        label,
        validators=[
            DataRequired(missing),
            max_length(254),
            Email(_l("Enter an e-mail address like name@example.se."), check_deliverability=False),
        ],
        description=description,
    )


__all__ = [
    "ArenaForm",
    "ArenaSubform",
    "CheckboxListField",
    "ClockField",
    "DayField",
    "EmptyForm",
    "IdField",
    "NumberField",
    "Required",
    "ValidationError",
    "WholeNumberField",
    "email_field",
    "max_length",
    "whole_number_field",
]
