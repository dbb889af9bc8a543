"""Reading a person's notices in the following tests."""

from sqlalchemy import select

from arena.extensions import db
from arena.following.models import Notice
from tests.moderation.tools import give_support

__all__ = ["give_support", "kinds_for", "notices_for"]


def notices_for(user) -> list[Notice]:
    db.session.expire_all()
    return list(
        db.session.scalars(select(Notice).where(Notice.user_id == user.id).order_by(Notice.id))
    )


def kinds_for(user) -> list[str]:
    return [n.kind for n in notices_for(user)]
