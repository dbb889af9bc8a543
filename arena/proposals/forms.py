"""The shape of proposal input: types, lengths and choices, nothing more."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from arena.core.forms import ArenaForm, CheckboxListField


class ProposalForm(ArenaForm):
    title = StringField(
        _l("Title"),
        validators=[DataRequired(_l("Give your proposal a title.")), Length(max=120)],
        description=_l("A short name for your idea, at most 120 characters."),
    )
    summary = TextAreaField(
        _l("Summary"),
        validators=[DataRequired(_l("Write a short summary.")), Length(max=300)],
        description=_l("What should be done, in one or two sentences (at most 300 characters)."),
    )
    theme = SelectField(_l("Theme"), validators=[DataRequired(_l("Choose a theme."))])
    body = TextAreaField(
        _l("Details"),
        validators=[Optional(), Length(max=10000)],
        description=_l("Who would do it, where, and what is needed. Optional."),
    )
    climate_effect = TextAreaField(
        _l("Expected climate effect"),
        validators=[Optional(), Length(max=2000)],
        description=_l("How could this reduce emissions? Optional."),
    )
    co_benefits = CheckboxListField(_l("Health and social benefits"), validators=[Optional()])
    language = SelectField(_l("Language you write in"))
    organisation = SelectField(_l("Propose on behalf of"), validators=[Optional()])
