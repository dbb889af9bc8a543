"""What a limit counts by: the client's address, the e-mail address typed into the
form, or the signed-in person.

Every key names its kind ("address:…", "email:…", "user:…"), so two kinds can never
share a count by accident. E-mail addresses are kept in the counter store only as a
keyed hash: Redis never holds a list of the addresses people typed.
"""

import hashlib
import hmac
import unicodedata

from flask import current_app, request
from flask_login import current_user


def client_address() -> str:
    """The address the request came from (`request.remote_addr`). Behind a reverse
    proxy, set ARENA_PROXY_COUNT so that it is the visitor's, not the proxy's."""
    return f"address:{request.remote_addr or 'unknown'}"


def normalise_email(raw: str) -> str:
    """The same account however its address is typed: compatible forms, spaces and
    letter case folded (a little more than accounts do, so never less strict)."""
    return unicodedata.normalize("NFKC", raw).strip().casefold()


def submitted_email() -> str:
    """The account a sign-in or reset is for, whether or not it exists: the count is
    the same for unknown addresses, so a refusal tells nothing about who has an account."""
    typed = normalise_email(request.form.get("email", "")).encode()
    secret = str(current_app.config["SECRET_KEY"]).encode()
    return "email:" + hmac.new(secret, typed, hashlib.sha256).hexdigest()[:32]


def signed_in_user() -> str:
    return f"user:{current_user.get_id()}"


def user_or_address() -> str:
    """The signed-in person, or the address for a visitor who is not signed in."""
    return signed_in_user() if current_user.is_authenticated else client_address()


def is_anonymous() -> bool:
    return not current_user.is_authenticated


# The names the table uses, and the function each stands for.
KEYS = {
    "address": client_address,
    "email": submitted_email,
    "user": signed_in_user,
    "user or address": user_or_address,
}
