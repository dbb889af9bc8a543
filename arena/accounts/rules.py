"""Rules about the account itself, which the rules of other features build on.

Pure rules, as in every rules.py: the reason (translated) or None, no writes.
"""

from flask import has_request_context, url_for
from flask_babel import gettext as _
from markupsafe import Markup, escape

from arena.core.permissions import is_signed_in


def has_confirmed_address(user) -> bool:
    """The account has an address and has shown it owns it. The one rule for who gets
    mail about what happens on the site (notices, digests, reminders, invitations): an
    address nobody proved could be anyone's, so it gets nothing but the link to prove it."""
    return is_signed_in(user) and bool(user.email) and user.is_verified


def why_not_verified(user) -> str | None:
    """Proposing, supporting and commenting need a proven address: the person followed
    the link we mailed them, or an access code from a workshop made the account.

    The reason links to the page that sends a new link (only inside a request, where
    there is a page to link from)."""
    if not is_signed_in(user) or user.is_verified:
        return None
    reason = _(
        "Confirm your e-mail address first: open the link in the mail we sent you when "
        "you signed up."
    )
    if not has_request_context():
        return reason
    return Markup('{} <a href="{}">{}</a>').format(
        escape(reason), url_for("accounts.resend_verification"), _("Send me a new link")
    )
