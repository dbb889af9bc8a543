"""Staff mark indicators as comparable, and take such a mark away; both are audit-logged."""

from flask_babel import gettext as _
from sqlalchemy import select

from arena.audit import services as audit
from arena.core.database import fits_integer_column
from arena.core.errors import ActionRefused
from arena.extensions import db
from arena.staff.indicator_models import ComparisonGroup, ComparisonMember
from arena.staff.sources import Indicator

NAME_LENGTH = 160


def create_group(
    actor, *, name: str, indicator_ids: list[int], per_inhabitant: bool
) -> ComparisonGroup:
    """A named group of two or more existing indicators."""
    chosen = sorted(set(indicator_ids))
    asked = [i for i in chosen if fits_integer_column(i)]
    found = set(db.session.scalars(select(Indicator.id).where(Indicator.id.in_(asked))))
    if len(chosen) < 2:
        raise ActionRefused(
            problems={"indicators": _("Choose at least two indicators to compare.")}, status=400
        )
    if found != set(chosen):
        raise ActionRefused(
            problems={"indicators": _("One of the chosen indicators no longer exists.")},
            status=409,
        )
    group = ComparisonGroup(
        name=name,
        per_inhabitant=per_inhabitant,
        created_by_id=getattr(actor, "id", None),
        members=[ComparisonMember(indicator_id=i) for i in chosen],
    )
    db.session.add(group)
    db.session.flush()
    details = {"name": name, "indicators": chosen, "per_inhabitant": per_inhabitant}
    audit.record(actor, "comparison.create", target=group, **details)
    return group


def remove_group(actor, group: ComparisonGroup) -> None:
    audit.record(
        actor,
        "comparison.remove",
        target=group,
        name=group.name,
        indicators=sorted(m.indicator_id for m in group.members),
    )
    db.session.delete(group)
    db.session.flush()
