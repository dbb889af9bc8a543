"""Read-only queries for the audit log pages."""

from __future__ import annotations

from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from arena.accounts.models import User
from arena.arenas.models import Arena
from arena.audit.models import AuditEntry
from arena.extensions import db
from arena.proposals.models import Comment, Proposal


def audit_log_query(arena: Arena) -> Select:
    """The arena's audit log, newest first (role changes for the arena included)."""
    return (
        select(AuditEntry)
        .where(AuditEntry.arena_id == arena.id)
        .options(selectinload(AuditEntry.actor))
        .order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())
    )


def load_audit_targets(entries: list[AuditEntry]) -> dict[tuple[str, int], object]:
    """The rows the entries point at, by (target_type, id): one query per kind of row."""
    wanted: dict[str, set[int]] = {}
    for entry in entries:
        if entry.target_type and entry.target_id is not None:
            wanted.setdefault(entry.target_type, set()).add(entry.target_id)
    found: dict[tuple[str, int], object] = {}
    loaders = {
        "proposal": select(Proposal),
        "comment": select(Comment).options(
            selectinload(Comment.proposal), selectinload(Comment.author)
        ),
        "user": select(User),
    }
    for kind, ids in wanted.items():
        if kind not in loaders:
            continue
        model = loaders[kind].column_descriptions[0]["entity"]
        for row in db.session.scalars(loaders[kind].where(model.id.in_(ids))):
            found[(kind, row.id)] = row
    return found
