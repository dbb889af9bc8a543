"""The only code that changes accounts and declared connections."""

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import delete, select

from arena.accounts import models
from arena.accounts.mails import queue_sign_up_attempt_mail, queue_verification_mail
from arena.accounts.models import ArenaConnection, ConnectionKind, User, check_no_password
from arena.arenas.models import Arena
from arena.core.database import added, insert_ignoring_duplicates
from arena.core.errors import ActionRefused
from arena.extensions import db


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_user_by_email(email: str | None) -> User | None:
    # Accounts made from a workshop's access code have no e-mail: nothing must match them.
    if not email or not email.strip():
        return None
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def _insert_user(email, password, display_name, language) -> User | None:
    """The new account, or None when the address is taken (also by a sign-up racing
    this one: the database settles it, nothing is raised)."""
    if find_user_by_email(email) is not None:
        models.generate_password_hash(password)  # as much work as the other branch
        return None
    values = {
        "email": normalise_email(email),
        "display_name": display_name.strip(),
        "preferred_language": language,
        "password_hash": models.generate_password_hash(password),
    }
    if not insert_ignoring_duplicates(User, **values):
        return None
    return find_user_by_email(email)


def sign_up(*, email: str, password: str, display_name: str, language: str | None) -> User | None:
    """Sign-up that tells nobody who has an account: a new address gets an unverified
    account and a verification mail; a taken one gets nothing new, and its owner a mail
    saying someone tried (and how to sign in or reset the password). Both hash the
    password and queue one mail, so they take about the same time. Returns the new
    account, or None for a taken address: only the caller may know, never the page."""
    user = _insert_user(email, password, display_name, language)
    if user is None:
        owner = find_user_by_email(email)
        if owner is not None and owner.is_active:
            queue_sign_up_attempt_mail(owner)
        return None
    queue_verification_mail(user)
    return user


def create_code_account(*, display_name: str, language: str | None, now: datetime) -> User:
    """An account with neither e-mail nor password: a one-time access code is its
    credential (see `workshops.access_codes`). The code vouches for the person, so the
    account counts as verified."""
    from arena.core.forms import clean_text  # as every form: no control or bidi characters

    name = clean_text(display_name or "")
    if not name or len(name) > 80 or "\x00" in name:
        raise ActionRefused(
            status=400,
            problems={"display_name": _("Choose a public name of at most 80 characters.")},
        )
    return added(
        User(
            email=None,
            password_hash=None,
            display_name=name,
            preferred_language=language,
            created_at=now,
            verified_at=now,
        )
    )


def authenticate(email: str, password: str) -> User | None:
    """The active account with this address and password, else None. One password hash
    is checked either way (a hash nobody knows when there is no such account), so the
    answer takes as long for an unknown address as for a known one. A stored hash of an
    older kind is replaced by today's, now that the password is known."""
    user = find_user_by_email(email)
    if user is None:
        check_no_password(password)
        return None
    if not user.check_password(password) or not user.is_active:
        return None
    if user.password_needs_rehash():
        user.set_password(password)
    return user


def declare_connection(user: User, arena: Arena, kind: str) -> bool:
    """Link the user to the arena; True when the link is new. Changing the kind updates it."""
    if kind not in set(ConnectionKind):
        raise ActionRefused(status=400, problems={"kind": _("Choose how you are connected.")})
    added = insert_ignoring_duplicates(
        ArenaConnection, user_id=user.id, arena_id=arena.id, kind=kind
    )
    if not added:
        connection = db.session.scalar(
            select(ArenaConnection).where(
                ArenaConnection.user_id == user.id, ArenaConnection.arena_id == arena.id
            )
        )
        connection.kind = kind
    db.session.expire(user, ["connections"])
    return added


def remove_connection(user: User, arena: Arena) -> None:
    """Supports already given stay counted; the user just stops taking part there."""
    db.session.execute(
        delete(ArenaConnection).where(
            ArenaConnection.user_id == user.id, ArenaConnection.arena_id == arena.id
        )
    )
    db.session.expire(user, ["connections"])


def set_language(user: User, language: str) -> None:
    user.preferred_language = language
