"""What a new password must be: long enough, not common, not the person's own name or
address. The one place for that rule: sign-up, reset and change all use it.

Passwords are never trimmed or normalised (see core.forms: PasswordFields are not
cleaned), so what people type is exactly what is hashed.

common-passwords.txt.gz is Django's list of the 20,000 most common passwords
(django/contrib/auth, BSD licence), which Django keeps up to date from leaked
password sets; take a new copy from a Django release to refresh it.
"""

from __future__ import annotations

import gzip
from difflib import SequenceMatcher
from functools import cache
from pathlib import Path

from flask_babel import lazy_gettext as _l
from wtforms import PasswordField
from wtforms.validators import DataRequired, ValidationError

MIN_LENGTH = 10
MAX_LENGTH = 200
# Django's threshold: above it, the password is too like the name or address.
MAX_SIMILARITY = 0.7
LIST = Path(__file__).with_name("common-passwords.txt.gz")

TOO_SHORT = _l("Use at least %(min)d characters.", min=MIN_LENGTH)
TOO_LONG = _l("Use at most %(max)d characters.", max=MAX_LENGTH)
TOO_COMMON = _l("This password is one of the most common ones. Choose one that is harder to guess.")
TOO_PERSONAL = _l("The password is too like your name or e-mail address. Choose another one.")


@cache
def common_passwords() -> frozenset[str]:
    with gzip.open(LIST, "rt", encoding="utf-8") as lines:
        return frozenset(line.strip().lower() for line in lines if line.strip())


def _too_like(password: str, attribute: str | None) -> bool:
    """True when the password is mostly the name or address (or one of its words), or
    that with only digits and signs around it."""
    if not attribute:
        return False
    password = password.lower()
    words = attribute.lower().replace("@", " ").replace(".", " ").split()
    for part in {attribute.lower(), *words}:
        if len(part) < 3:
            continue
        if part in password:
            rest = password.replace(part, "")
            if len(part) * 2 >= len(password) or not any(ch.isalpha() for ch in rest):
                return True
        if SequenceMatcher(a=password, b=part).ratio() >= MAX_SIMILARITY:
            return True
    return False


def why_not_password(password: str, *, name: str | None = None, email: str | None = None):
    """The message saying why `password` cannot be used, or None when it can."""
    if len(password) < MIN_LENGTH:
        return TOO_SHORT
    if len(password) > MAX_LENGTH:
        return TOO_LONG
    if password.lower() in common_passwords():
        return TOO_COMMON
    if _too_like(password, name) or _too_like(password, email):
        return TOO_PERSONAL
    return None


class AcceptablePassword:
    """WTForms validator: the rule above, with the name and address taken from the
    form's fields of those names, or from the signed-in account (`person`)."""

    def __init__(self, person=None):
        self.person = person

    def __call__(self, form, field):
        person = self.person() if callable(self.person) else self.person
        name = _field_data(form, "display_name") or getattr(person, "display_name", None)
        email = _field_data(form, "email") or getattr(person, "email", None)
        problem = why_not_password(field.data or "", name=name, email=email)
        if problem:
            raise ValidationError(str(problem))


def _field_data(form, name: str) -> str | None:
    field = getattr(form, name, None)
    return field.data if field is not None and isinstance(field.data, str) else None


def new_password_field(label=None, *, person=None) -> PasswordField:
    """A field for choosing a password. `person`: the account (or a callable giving it)
    whose name and address the password must not resemble, when the form has no such
    fields of its own."""
    return PasswordField(
        label or _l("Password"),
        validators=[DataRequired(_l("Choose a password.")), AcceptablePassword(person)],
        description=_l(
            "At least %(min)d characters. Not your name or a common password.", min=MIN_LENGTH
        ),
        render_kw={"autocomplete": "new-password", "maxlength": MAX_LENGTH},
    )
