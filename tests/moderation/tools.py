"""Helpers for the comment and moderation tests: rows made directly, roles, and a
snapshot of everything a comment, report or moderation action could change."""

import threading
from datetime import timedelta

from sqlalchemy import func, select

from arena.audit.models import AuditEntry
from arena.core.time import utcnow
from arena.extensions import db
from arena.moderation.models import Report
from arena.proposals.models import Comment, Participation, Proposal, Support

ROLES = (
    "anonymous",
    "resident",
    "resident_elsewhere",
    "facilitator",
    "facilitator_elsewhere",
    "staff",
    "admin",
)


def make_actor(make, role, arena, elsewhere):
    return {
        "anonymous": lambda: None,
        "resident": lambda: make.user(connected_to=arena),
        "resident_elsewhere": lambda: make.user(connected_to=elsewhere),
        "facilitator": lambda: make.facilitator(arena),
        "facilitator_elsewhere": lambda: make.facilitator(elsewhere),
        "staff": lambda: make.user(is_staff=True),
        "admin": lambda: make.user(is_admin=True),
    }[role]()


def add_comment(
    proposal, author, body="En kommentar.", *, parent=None, language="sv", minutes_ago=1, **values
):
    comment = Comment(
        proposal_id=proposal.id,
        author_id=author.id,
        parent_id=parent.id if parent else None,
        body=body,
        language=language,
        created_at=utcnow() - timedelta(minutes=minutes_ago),
        **values,
    )
    db.session.add(comment)
    db.session.commit()
    return comment


def add_report(item, reporter, reason="spam", note="", **values):
    target = {"proposal_id": item.id} if isinstance(item, Proposal) else {"comment_id": item.id}
    arena_id = (item if isinstance(item, Proposal) else item.proposal).cycle.arena_id
    report = Report(
        arena_id=arena_id, reporter_id=reporter.id, reason=reason, note=note, **target, **values
    )
    db.session.add(report)
    db.session.commit()
    return report


def hide(item, reason="Olämpligt.", *, auto=False):
    item.hidden_at = utcnow()
    item.hidden_reason = reason
    item.is_auto_hidden = auto
    db.session.commit()
    return item


def give_support(user, proposal):
    """A support given earlier, with its counters kept in step."""
    db.session.add(Support(proposal_id=proposal.id, user_id=user.id))
    used = db.session.scalar(
        select(Participation).where(
            Participation.user_id == user.id, Participation.cycle_id == proposal.cycle_id
        )
    )
    if used is None:
        used = Participation(user_id=user.id, cycle_id=proposal.cycle_id, supports_used=0)
        db.session.add(used)
    used.supports_used += 1
    proposal.support_count += 1
    db.session.commit()


def state() -> dict:
    """What is stored, read with column selects (which bypass the session's identity map)."""

    def rows(*columns, order):
        return [tuple(row) for row in db.session.execute(select(*columns).order_by(order))]

    return {
        "comments": rows(
            Comment.id,
            Comment.body,
            Comment.language,
            Comment.parent_id,
            Comment.edited_at,
            Comment.hidden_at,
            Comment.hidden_reason,
            Comment.is_auto_hidden,
            order=Comment.id,
        ),
        "proposals": rows(
            Proposal.id,
            Proposal.status,
            Proposal.merged_into_id,
            Proposal.support_count,
            Proposal.hidden_at,
            Proposal.hidden_reason,
            Proposal.is_auto_hidden,
            order=Proposal.id,
        ),
        "reports": rows(
            Report.id, Report.reason, Report.resolution, Report.resolved_at, order=Report.id
        ),
        "audit": rows(AuditEntry.id, AuditEntry.action, order=AuditEntry.id),
        "supports": rows(Support.proposal_id, Support.user_id, order=Support.id),
        "participations": rows(
            Participation.user_id, Participation.supports_used, order=Participation.id
        ),
    }


def supports_are_consistent() -> None:
    """Every counter equals its rows: support counts, budgets used, one support per pair."""
    counted = dict(db.session.execute(select(Proposal.id, Proposal.support_count)).all())
    rows = dict(
        db.session.execute(
            select(Support.proposal_id, func.count()).group_by(Support.proposal_id)
        ).all()
    )
    assert counted == {pid: rows.get(pid, 0) for pid in counted}
    spent = {
        (user_id, cycle_id): n
        for user_id, cycle_id, n in db.session.execute(
            select(Support.user_id, Proposal.cycle_id, func.count())
            .join(Proposal, Proposal.id == Support.proposal_id)
            .group_by(Support.user_id, Proposal.cycle_id)
        )
    }
    for user_id, cycle_id, used in db.session.execute(
        select(Participation.user_id, Participation.cycle_id, Participation.supports_used)
    ):
        assert used == spent.get((user_id, cycle_id), 0), (user_id, cycle_id)
    pairs = db.session.execute(select(Support.proposal_id, Support.user_id)).all()
    assert len(pairs) == len(set(pairs))


def post_at_once(app, requests: list[tuple[object, str, dict]]) -> list:
    """POST each (user, path, data) from its own thread and test client, released together."""
    clients = []
    for user, _path, _data in requests:
        client = app.test_client()
        client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
        with client.session_transaction() as session:
            session["_user_id"] = user.get_id()
            session["_fresh"] = True
        clients.append(client)
    db.session.commit()  # the main thread must hold no transaction while they run

    barrier = threading.Barrier(len(requests))
    responses: list = [None] * len(requests)

    def run(index: int) -> None:
        _user, path, data = requests[index]
        try:
            barrier.wait(timeout=10)
            response = clients[index].post(path, data=data)
            flashed = (
                clients[index].get(response.headers.get("Location", "/"))
                if response.status_code == 303
                else None
            )
            responses[index] = (
                response.status_code,
                flashed.get_data(as_text=True) if flashed else "",
            )
        except BaseException as error:  # reported in the main thread
            responses[index] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(requests))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a request hung"
    db.session.rollback()
    return responses
