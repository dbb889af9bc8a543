"""Writing the audit log: one row per action, added to the action's transaction."""

from arena.audit.models import AuditEntry
from arena.extensions import db


def record(actor, action: str, *, arena=None, target=None, reason: str = "", **details):
    """Log `action` (a key of `labels.ACTION_LABELS`, such as "proposal.hide") done by
    `actor` (None: the system). `details` with a value of None are left out."""
    entry = AuditEntry(
        actor_id=getattr(actor, "id", None),
        arena_id=getattr(arena, "id", None),
        action=action,
        target_type=type(target).__name__.lower() if target is not None else None,
        target_id=getattr(target, "id", None),
        reason=reason or "",
        details={key: value for key, value in details.items() if value is not None},
    )
    db.session.add(entry)
    return entry
