"""The shape of organisation input: types, lengths and choices."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Optional, ValidationError

from arena.core.forms import ArenaForm, CheckboxListField, email_field, max_length
from arena.organisations.rules import is_web_address


def _web_address(form, field):
    if field.data and not is_web_address(field.data):
        raise ValidationError(_l("Enter a web address that starts with https:// or http://."))


class OrganisationForm(ArenaForm):
    name = StringField(
        _l("Name"), validators=[DataRequired(_l("Enter the organisation's name.")), max_length(160)]
    )
    kind = SelectField(
        _l("Kind of organisation"),
        validators=[DataRequired(_l("Choose the kind of organisation."))],
    )
    description = TextAreaField(
        _l("About the organisation"),
        validators=[Optional(), max_length(2000)],
        description=_l("Who you are, in a few sentences. Optional."),
    )
    activities = TextAreaField(
        _l("Ongoing activities"),
        validators=[Optional(), max_length(4000)],
        description=_l("What you already do for the climate or the neighbourhood. Optional."),
    )
    website = StringField(
        _l("Website"),
        validators=[Optional(), max_length(300), _web_address],
        description=_l("For example https://example.se. Optional."),
    )
    arenas = CheckboxListField(
        _l("Arenas where you are active"),
        validators=[DataRequired(_l("Choose at least one arena."))],
    )


class MemberForm(ArenaForm):
    email = email_field(
        _l("E-mail address of the person to invite"),
        missing=_l("Enter an e-mail address."),
        description=_l(
            "If the address belongs to an account here, its owner gets an invitation and "
            "becomes a member on accepting it."
        ),
    )
    is_admin = BooleanField(_l("Invite as admin: can also edit the organisation and its members"))
