"""The shape of workshop input: types, ranges and choices, nothing more."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, NumberRange, Optional

from arena.accounts.forms import public_name_field
from arena.core.forms import (
    ArenaForm,
    ClockField,
    DayField,
    Required,
    WholeNumberField,
    max_length,
    whole_number_field,
)
from arena.i18n import CONTENT_LANGUAGES
from arena.representation.forms import add_count_fields

# Other packages still import DayField from here; core.forms is its home.
__all__ = ["DayField"]

MAX_NUMBER = 10_000


def _language_choices():
    return list(CONTENT_LANGUAGES.items())


class WorkshopForm(ArenaForm):
    cycle = SelectField(_l("Cycle"))
    date = DayField(_l("Date"), validators=[Required(_l("Enter the date of the workshop."))])
    time = ClockField(
        _l("Starting time"),
        validators=[Required(_l("Enter the time the workshop started."))],
        description=_l("Swedish time."),
    )
    place = StringField(
        _l("Place"),
        validators=[Required(_l("Say where the workshop was held.")), max_length(200)],
        description=_l("For example the meeting place and the district, at most 200 characters."),
    )
    language = SelectField(_l("Language spoken"), choices=_language_choices)
    participant_count = WholeNumberField(
        _l("Number of participants"),
        validators=[
            Required(_l("Enter the number of participants.")),
            NumberRange(0, MAX_NUMBER, _l("Enter a number from 0 to 10000.")),
        ],
    )
    notes = TextAreaField(
        _l("Notes"),
        validators=[Optional(), max_length(10000)],
        description=_l("What was discussed. Public: anyone can read it, so write no names."),
    )


add_count_fields(WorkshopForm)  # "who came": optional counts per group (representation)


def tally_form(proposals, values: dict[int, int] | None = None):
    """One number box per proposal, labelled with its title: `votes_<proposal id>`.

    A box left empty means the proposal was not voted on at this workshop; 0
    means it was, and got no dots.
    """

    class TallyForm(ArenaForm):
        pass

    for proposal in proposals:
        setattr(
            TallyForm,
            f"votes_{proposal.id}",
            WholeNumberField(
                proposal.title,
                validators=[
                    Optional(),
                    NumberRange(0, MAX_NUMBER, _l("Enter a number from 0 to 10000.")),
                ],
            ),
        )
    values = values or {}
    form = TallyForm(data={f"votes_{p.id}": values.get(p.id) for p in proposals})
    form.proposal_fields = [(proposal, form[f"votes_{proposal.id}"]) for proposal in proposals]
    return form


class CodeBatchForm(ArenaForm):
    workshop = SelectField(_l("The codes are for"))
    count = whole_number_field(
        _l("Number of codes"),
        default=20,
        within=(1, 200),
        missing=_l("Enter how many codes to make."),
        out_of_range=_l("Make from 1 to 200 codes at a time."),
        not_a_number=_l("Enter a whole number, like 20."),
    )
    days = whole_number_field(
        _l("Valid for (days)"),
        default=30,
        within=(1, 365),
        missing=_l("Enter for how many days the codes are valid."),
        out_of_range=_l("Codes can be valid for 1 to 365 days."),
        not_a_number=_l("Enter a whole number, like 30."),
        description=_l("A code can be used to sign in again until it expires."),
    )

    def batch(self, workshops) -> dict:
        """What was asked for, as generate_codes' keyword arguments: how many codes, valid
        for how many days, for which of `workshops` (None: the whole arena)."""
        workshop = next((w for w in workshops if str(w.id) == self.workshop.data), None)
        return {"count": self.count.data, "days": self.days.data, "workshop": workshop}


CODE_INPUT = {"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}


def _code_field(description) -> StringField:
    return StringField(
        _l("Your code"),
        validators=[DataRequired(_l("Enter the code printed on your paper."))],
        description=description,
        render_kw=CODE_INPUT,
    )


class RedeemForm(ArenaForm):
    code = _code_field(_l("Ten letters and digits, like K7PQM-X4TZB. Small letters work too."))
    display_name = public_name_field()


class CodeSignInForm(ArenaForm):
    code = _code_field(_l("The code you created your account with."))
