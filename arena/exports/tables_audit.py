"""The audit log, for city staff and admins only, with every person as a pseudonym."""

from __future__ import annotations

from sqlalchemy import and_, or_, select

from arena.exports.privacy import SYSTEM
from arena.exports.schema import table
from arena.exports.sources import Arena, AuditEntry
from arena.exports.streaming import stream


def _audit(export):
    # Each arena's entries from the start of its cycle to its close.
    within = [
        and_(
            AuditEntry.arena_id == c.arena_id,
            AuditEntry.created_at >= c.proposing_opens_at,
            AuditEntry.created_at < c.closes_at,
        )
        for c in export.cycles
    ]
    query = (
        select(
            AuditEntry.id,
            AuditEntry.created_at,
            Arena.slug,
            AuditEntry.action,
            AuditEntry.actor_id,
            AuditEntry.target_type,
            AuditEntry.target_id,
            AuditEntry.reason,
        )
        .join(Arena, Arena.id == AuditEntry.arena_id)
        .where(or_(*within))
        .order_by(AuditEntry.created_at, AuditEntry.id)
    )
    pseudonym = export.pseudonyms.of
    for entry_id, at, slug, action, actor_id, target_type, target_id, reason in stream(query):
        actor = SYSTEM if actor_id is None else pseudonym(actor_id)
        # A person targeted by an action is a pseudonym too, never a traceable user id.
        target = pseudonym(target_id) if target_type == "user" else target_id
        yield (
            entry_id,
            at,
            slug,
            action,
            actor,
            target_type,
            None if target is None else str(target),
            reason,
        )


TABLE = table(
    _audit,
    """
    audit_log | Audit log (people as pseudonyms) | Granskningslogg (personer som pseudonymer)
    id | integer | Identifier in the platform | Id i plattformen
    created_at | datetime | When (UTC) | När (UTC)
    arena | string | The arena's short name (slug) | Arenans kortnamn (slug)
    action | string | What was done (key) | Vad som gjordes (nyckel)
    actor | string | Who: a pseudonym for this export, or system
        | Vem: en pseudonym för denna export, eller system
    target_type | string | Kind of thing acted on | Typ av sak som berördes
    target | string | Its id, or a pseudonym for a person
        | Dess id, eller en pseudonym för en person
    reason | string | Reason given | Angivet skäl
    """,
    staff_only=True,
)
