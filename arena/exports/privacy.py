"""People in exports: public names, per-export pseudonyms, no e-mail addresses, and
cells that spreadsheet programs would run as formulas made harmless."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

DELETED_USER = "deleted user"
SYSTEM = "system"

# Anything shaped like an address; generous on purpose: a false hit only hides a word.
EMAIL = re.compile(r"[^\s@<>()\[\],;:\"']+@[^\s@<>()\[\],;:\"']+\.[^\s@<>()\[\],;:\"']+")
EMAIL_REMOVED = "[e-mail removed]"

# What Excel, LibreOffice and Google Sheets read as the start of a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def redact_emails(text: str) -> str:
    """Free text with every e-mail-like word replaced, so no address leaves the app."""
    if "@" not in text:
        return text
    return EMAIL.sub(EMAIL_REMOVED, text)


def neutralise(text: str) -> str:
    """A text cell that cannot start a formula: a leading `'` makes it plain text."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class Pseudonyms:
    """Stable within one export, different in the next: an HMAC of the user id with a
    key made for this export and then forgotten."""

    def __init__(self, key: bytes | None = None):
        self._key = key or secrets.token_bytes(32)

    def of(self, user_id: int | None) -> str | None:
        if user_id is None:
            return None
        digest = hmac.new(self._key, str(user_id).encode(), hashlib.sha256).hexdigest()
        return f"person-{digest[:12]}"

    def public_name(self, user_id: int | None, display_name: str | None, deleted: bool) -> str:
        """The person's chosen public name; "deleted user" after erasure; a pseudonym
        when the name looks like an e-mail address (some people type theirs)."""
        if user_id is None:
            return SYSTEM
        if deleted:
            return DELETED_USER
        if not display_name or EMAIL.search(display_name):
            return self.of(user_id)
        return display_name
