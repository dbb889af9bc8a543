"""Input shape for a person's own settings: name, password, e-mail address."""

from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import PasswordField
from wtforms.validators import DataRequired, EqualTo

from arena.accounts.forms import public_name_field
from arena.accounts.passwords import new_password_field
from arena.core.forms import ArenaForm, email_field


def _me():
    # A callable, not the proxy itself: the password rule reads the account when it checks.
    return current_user._get_current_object()


def _current_password_field() -> PasswordField:
    return PasswordField(
        _l("Your current password"),
        validators=[DataRequired(_l("Enter your current password."))],
        render_kw={"autocomplete": "current-password"},
    )


def _repeat_field() -> PasswordField:
    return PasswordField(
        _l("Repeat the new password"),
        validators=[
            DataRequired(_l("Repeat the password.")),
            EqualTo("password", _l("The passwords do not match.")),
        ],
        render_kw={"autocomplete": "new-password"},
    )


def _new_email_field(label):
    return email_field(
        label,
        missing=_l("Enter your e-mail address."),
        description=_l("We send a link to this address. Never shown to anyone."),
    )


class NameForm(ArenaForm):
    display_name = public_name_field()


class PasswordForm(ArenaForm):
    current_password = _current_password_field()
    password = new_password_field(_l("New password"), person=_me)
    confirm = _repeat_field()


class EmailForm(ArenaForm):
    email = _new_email_field(_l("New e-mail address"))
    current_password = _current_password_field()


class AddEmailForm(ArenaForm):
    """For an account made from an access code: an address and a first password."""

    email = _new_email_field(_l("Your e-mail address"))
    password = new_password_field(_l("Choose a password"), person=_me)
    confirm = _repeat_field()


class ConfirmEmailForm(ArenaForm):
    """The button on the page a confirmation link opens (a link alone changes nothing,
    so a mail program that opens links to check them cannot confirm by accident)."""
