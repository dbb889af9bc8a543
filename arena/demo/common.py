"""Small helpers the demo modules share: rows looked up by a natural key first."""

from sqlalchemy import select

from arena.accounts.models import User
from arena.extensions import db


def get_or_add(model, lookup: dict, **values):
    found = db.session.scalar(select(model).filter_by(**lookup))
    if found is not None:
        return found, False
    row = model(**lookup, **values)
    db.session.add(row)
    db.session.flush()
    return row, True


def user_by_email(email: str) -> User:
    return db.session.scalar(select(User).where(User.email == email))


def neighbours() -> list[User]:
    return list(
        db.session.scalars(
            select(User)
            .where(
                User.email.like("%@example.org"),
                User.is_staff.is_(False),
                User.is_admin.is_(False),
                User.email != "facilitator@example.org",
                User.email != "resident@example.org",
            )
            .order_by(User.id)
        )
    )
