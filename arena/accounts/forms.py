"""Input shape for sign-up, sign-in, a forgotten password and declared connections."""

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, HiddenField, PasswordField, RadioField, SelectField, StringField
from wtforms.validators import DataRequired, EqualTo, Optional

from arena.accounts.passwords import new_password_field
from arena.core.forms import ArenaForm, EmptyForm, IdField, Required, email_field, max_length

# Other packages still import EmptyForm from here; core.forms is its home.
__all__ = ["EmptyForm"]
from arena.i18n import CONNECTION_LABELS
from arena.representation.forms import ProfileQuestions


def _connection_choices():
    return list(CONNECTION_LABELS.items())


def public_name_field() -> StringField:
    """The name others see: on sign-up, and when an access code makes the account."""
    return StringField(
        _l("Public name"),
        validators=[DataRequired(_l("Choose the name others will see.")), max_length(80)],
        description=_l("Shown with what you write. It can be your first name or a nickname."),
    )


def repeat_password_field() -> PasswordField:
    return PasswordField(
        _l("Repeat the password"),
        validators=[
            DataRequired(_l("Repeat the password.")),
            EqualTo("password", _l("The passwords do not match.")),
        ],
    )


class SignUpForm(ProfileQuestions, ArenaForm):
    display_name = public_name_field()
    email = email_field(
        _l("E-mail address"),
        missing=_l("Enter your e-mail address."),
        description=_l("Never shown to anyone. Used to sign in."),
    )
    password = new_password_field()
    confirm = repeat_password_field()
    arena = SelectField(_l("Your arena (optional)"), validators=[Optional()])
    kind = RadioField(
        _l("How are you connected to it?"), validators=[Optional()], choices=_connection_choices
    )


class SignInForm(ArenaForm):
    email = EmailField(
        _l("E-mail address"), validators=[DataRequired(_l("Enter your e-mail address."))]
    )
    password = PasswordField(_l("Password"), validators=[DataRequired(_l("Enter your password."))])


class ForgotPasswordForm(ArenaForm):
    email = email_field(
        _l("E-mail address"),
        missing=_l("Enter your e-mail address."),
        description=_l("The address you signed up with."),
    )


def reset_password_form(user) -> ArenaForm:
    """The new password for `user` (who arrived by a reset link): not like their own
    name or address, typed twice."""

    class ResetPasswordForm(ArenaForm):
        password = new_password_field(_l("New password"), person=user)
        confirm = repeat_password_field()

    return ResetPasswordForm()


class ConnectionForm(ArenaForm):
    arena = SelectField(_l("Arena"), validators=[DataRequired(_l("Choose an arena."))])
    kind = RadioField(
        _l("How are you connected to it?"),
        validators=[DataRequired(_l("Choose how you are connected."))],
        choices=_connection_choices,
    )


class GrantRoleForm(ArenaForm):
    email = EmailField(
        _l("E-mail address of the person"),
        validators=[DataRequired(_l("Enter the person's e-mail address.")), max_length(254)],
    )
    role = SelectField(
        _l("Role"),
        # A callable, as elsewhere: WTForms 3.3 warns about a static list of tuples.
        choices=lambda: [
            ("facilitator", _l("Facilitator of an arena")),
            ("staff", _l("City staff")),
            ("admin", _l("Administrator")),
        ],
    )
    arena = SelectField(_l("Arena (for facilitators)"), validators=[Optional()])


class RevokeRoleForm(ArenaForm):
    """The hidden inputs of a "remove" button on the roles page."""

    user_id = IdField(validators=[Required(_l("Unknown account."))])
    role = HiddenField(validators=[Required(_l("Unknown role."))])
    arena = HiddenField()
