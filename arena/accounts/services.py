"""The only code that changes accounts and declared connections."""

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from arena.accounts.models import ArenaConnection, ConnectionKind, User
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


def register_user(*, email: str, password: str, display_name: str, language: str | None) -> User:
    """Create an account; the e-mail address is unique whatever its letter case."""
    taken = ActionRefused(
        status=409,
        problems={
            "email": _("An account with this e-mail address already exists. Sign in instead.")
        },
    )
    if find_user_by_email(email) is not None:
        raise taken
    user = User(
        email=normalise_email(email), display_name=display_name.strip(), preferred_language=language
    )
    user.set_password(password)
    db.session.add(user)
    try:
        db.session.flush()
    except IntegrityError as error:  # someone signed up with it a moment ago
        raise taken from error
    return user


def create_code_account(*, display_name: str, language: str | None, now: datetime) -> User:
    """An account with neither e-mail nor password: a one-time access code is its
    credential (see `workshops.access_codes`)."""
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
        )
    )


def authenticate(email: str, password: str) -> User | None:
    user = find_user_by_email(email)
    if user is None or not user.is_active or not user.check_password(password):
        return None
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
