"""How the audit log names a person whose account is deleted: "Deleted user 7f3a2c".

The tag is an HMAC of the account id under the app's secret key: the same person
gets the same tag on every page of the log, so their actions can still be read
together, and yet the tag cannot be turned back into the id by trying ids.
"""

from __future__ import annotations

import hashlib
import hmac

from flask import current_app
from flask_babel import gettext as _


def pseudonym_tag(user_id: int) -> str:
    key = str(current_app.secret_key or "").encode()
    message = f"audit-pseudonym:{user_id}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:6]


def audit_name(user) -> str:
    """The name the audit log shows for `user`: the public name, a pseudonym after
    deletion, "System" for actions the site took by itself (no user)."""
    if user is None:
        return _("System")
    if user.deleted_at is not None:
        return _("Deleted user %(tag)s", tag=pseudonym_tag(user.id))
    return user.display_name
