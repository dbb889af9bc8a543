"""The shape of selection input: motivations, the commitment's text, its owners."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from arena.commitments.forms import commitment_title_field, owner_organisations_field
from arena.core.forms import TOO_LONG, ArenaForm

MAX_MOTIVATION = 1000


class SelectForm(ArenaForm):
    motivation = TextAreaField(
        _l("Why is it selected?"),
        validators=[
            DataRequired(_l("Say why the proposal is selected.")),
            Length(max=MAX_MOTIVATION, message=TOO_LONG),
        ],
        description=_l(
            "Shown publicly with the result and to the author. At most 1000 characters."
        ),
    )
    title = commitment_title_field(_l("Title of the commitment"))
    description = TextAreaField(
        _l("Description of the commitment"),
        validators=[Optional(), Length(max=10000, message=TOO_LONG)],
        description=_l(
            "What will be done, by whom and where. Taken from the proposal; edit as needed."
        ),
    )
    owner_author = BooleanField(_l("The proposal's author"))
    owner_organisations = owner_organisations_field()


class NotSelectForm(ArenaForm):
    motivation = TextAreaField(
        _l("Why is it not selected?"),
        validators=[Optional(), Length(max=MAX_MOTIVATION, message=TOO_LONG)],
        description=_l(
            "Optional, shown publicly with the result and to the author. At most 1000 characters."
        ),
    )
