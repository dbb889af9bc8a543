"""A person's own account settings: public name, password, e-mail address, and the
e-mail address and password an account made from an access code can add.

An address changes only when a link sent to the new address is clicked, so nobody
can put an address they do not read on their account. Asking for an address that
another account uses answers exactly as for a free one: that account's owner is
told instead of getting a link, and the page says nothing about who has an account.
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from arena.accounts import mails, sessions, tokens
from arena.accounts.models import User
from arena.accounts.passwords import why_not_password
from arena.accounts.services import find_user_by_email, normalise_email
from arena.core.errors import ActionRefused
from arena.extensions import db
from arena.mail import outbox

EMAIL_CHANGE = "email-change"
EMAIL_LINK_HOURS = 24
MAX_NAME_LENGTH = 80


def _refused(field: str, message: str) -> ActionRefused:
    return ActionRefused(message, 400, problems={field: message})


def _check_current_password(user: User, password: str | None) -> None:
    if not user.check_password(password or ""):
        raise _refused("current_password", _("This is not your current password."))


def _check_new_password(user: User, password: str | None, *, email: str | None = None) -> None:
    problem = why_not_password(password or "", name=user.display_name, email=email or user.email)
    if problem:
        raise _refused("password", str(problem))


def change_name(user: User, name: str | None) -> bool:
    """Set the name others see; True when it changed. The form has cleaned the text."""
    name = (name or "").strip()
    if not name or len(name) > MAX_NAME_LENGTH or "\x00" in name:
        raise _refused(
            "display_name",
            _("Choose a public name of at most %(max)d characters.", max=MAX_NAME_LENGTH),
        )
    changed = name != user.display_name
    user.display_name = name
    return changed


def change_password(user: User, current: str | None, new: str | None) -> None:
    """A new password, after the current one: the person is told by mail, and every
    other signed-in browser is signed out."""
    _check_current_password(user, current)
    _check_new_password(user, new)
    user.set_password(new)
    mails.queue_password_changed_mail(user)
    sessions.end_all_sessions(user)


def _email_state(user: User, data: dict | None = None) -> str:
    return tokens.fingerprint(user.email)


def _send_email_link(user: User, address: str) -> None:
    """Mail the new address: a confirmation link, or, when another account already uses
    that address, a note saying so (the person asking sees the same page either way)."""
    language = outbox.language_of(user)
    owner = find_user_by_email(address)
    if owner is not None:
        outbox.queue(
            address,
            "email_change_taken",
            language=language,
            subject=_l("This e-mail address already has an account"),
            sign_in_url=outbox.external_url("accounts.sign_in"),
        )
        return
    token = tokens.sign(EMAIL_CHANGE, user, _email_state(user), new=address)
    outbox.queue(
        address,
        "email_change_confirm",
        language=language,
        subject=_l("Confirm your new e-mail address"),
        user=user,
        link=outbox.external_url("accounts.confirm_email", token=token),
        hours=EMAIL_LINK_HOURS,
    )


def request_email_change(user: User, password: str | None, address: str | None) -> str:
    """Send a confirmation link to `address` (after the current password); the address
    changes only when it is clicked. Returns the address as it will be stored."""
    _check_current_password(user, password)
    address = normalise_email(address or "")
    if not address or len(address) > 254 or "@" not in address:
        raise _refused("email", _("Enter an e-mail address like name@example.se."))
    if address == user.email:
        raise _refused("email", _("This is already your e-mail address."))
    _send_email_link(user, address)
    return address


def add_email_and_password(user: User, address: str | None, password: str | None) -> str:
    """For an account made from an access code: choose a password at once and send a
    confirmation link to `address`; after it is clicked, the person can also sign in
    with the address and password. Returns the address as it will be stored."""
    if user.password_hash is not None:
        raise ActionRefused(_("Your account already has a password."), 400)
    address = normalise_email(address or "")
    if not address or len(address) > 254 or "@" not in address:
        raise _refused("email", _("Enter an e-mail address like name@example.se."))
    _check_new_password(user, password, email=address)
    user.set_password(password)
    _send_email_link(user, address)
    return address


def read_email_link(token: str) -> tuple[User, str] | None:
    """(account, new address) for a link that still works, else None: too old, already
    used, or the account's address changed since it was sent."""
    found = tokens.read(EMAIL_CHANGE, token, max_age=EMAIL_LINK_HOURS * 3600, state_of=_email_state)
    if found is None or not isinstance(found[1].get("new"), str):
        return None
    user, data = found
    return user, data["new"]


def confirm_email_change(token: str, *, now: datetime) -> User:
    """Put the address a link was sent to on its account, and tell the old address."""
    found = read_email_link(token)
    if found is None:
        raise ActionRefused(
            _("This link no longer works. Ask for a new one on your settings page."), 400
        )
    user, address = found
    taken = ActionRefused(
        _("Another account uses this e-mail address now, so it cannot be added to yours."), 409
    )
    if find_user_by_email(address) is not None:
        raise taken
    old = user.email
    user.email = address
    user.verified_at = now
    try:
        db.session.flush()
    except IntegrityError as error:  # someone took it a moment ago
        raise taken from error
    if old:
        outbox.queue(
            old,
            "email_changed",
            language=outbox.language_of(user),
            subject=_l("Your e-mail address was changed"),
            user=user,
            new_address=mask_address(address),
        )
    return user


def mask_address(address: str) -> str:
    """ "f•••@example.se": enough for the owner to recognise, little for anyone else."""
    local, _at, domain = address.partition("@")
    return f"{local[:1]}•••@{domain}"
