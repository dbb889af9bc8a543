"""Merges sent at the same instant, on SQLite and PostgreSQL: the first wins, the others
are told clearly, and supports stay exactly equal to their rows.

Each request runs in its own thread with its own test client (its own app context,
session and connection); a barrier releases them together.
"""

import re
from html import unescape

from sqlalchemy import func, select

from arena.audit.models import AuditEntry
from arena.extensions import db
from arena.proposals.models import Proposal
from tests.moderation.tools import give_support, post_at_once, supports_are_consistent

DONE = "The proposal is merged into"
LOST = {
    "This proposal has already been merged into another.",
    "That proposal has itself been merged into another.",
    "Someone else has just merged or changed this proposal. Nothing was changed.",
    "The proposal to merge into has just been merged or hidden. Nothing was changed.",
    "Someone else changed this at the same moment, so nothing was saved. Please try again.",
}
ROUNDS = 3


def flash_of(html: str) -> str:
    found = re.findall(r'<p class="flash[^"]*">(.*?)</p>', html, re.S)
    assert len(found) == 1, found
    return unescape(found[0]).strip()


def merges() -> int:
    return db.session.scalar(
        select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "proposal.merge")
    )


def setup(make):
    arena = make.arena("Järva")
    cycle = make.cycle(arena, phase="voting")
    return arena, cycle, make.facilitator(arena), make.facilitator(arena)


def test_two_facilitators_merging_the_same_pair(app, make):
    arena, cycle, first, second = setup(make)
    for round_ in range(ROUNDS):
        source, target = make.proposal(cycle), make.proposal(cycle)
        for voter in [make.user(connected_to=arena) for _ in range(3)]:
            give_support(voter, source)
            if voter.id % 2:
                give_support(voter, target)
        data = {"merge-into": str(target.id), "confirmed": "yes"}
        path = f"/moderation/proposals/{source.id}/merge"
        answers = post_at_once(app, [(first, path, data), (second, path, data)])
        assert all(isinstance(a, tuple) and a[0] == 303 for a in answers), answers
        messages = sorted(flash_of(html) for _status, html in answers)
        assert sum(m.startswith(DONE) for m in messages) == 1, messages
        assert sum(m in LOST for m in messages) == 1, messages
        db.session.expire_all()
        assert (source.status, source.merged_into_id, source.support_count) == (
            "merged",
            target.id,
            0,
        )
        assert merges() == round_ + 1
        supports_are_consistent()


def test_merging_a_pair_both_ways_at_once(app, make):
    arena, cycle, first, second = setup(make)
    for round_ in range(ROUNDS):
        a, b = make.proposal(cycle), make.proposal(cycle)
        for voter in [make.user(connected_to=arena) for _ in range(2)]:
            give_support(voter, a)
            give_support(voter, b)
        answers = post_at_once(
            app,
            [
                (
                    first,
                    f"/moderation/proposals/{a.id}/merge",
                    {"merge-into": str(b.id), "confirmed": "yes"},
                ),
                (
                    second,
                    f"/moderation/proposals/{b.id}/merge",
                    {"merge-into": str(a.id), "confirmed": "yes"},
                ),
            ],
        )
        assert all(isinstance(x, tuple) and x[0] == 303 for x in answers), answers
        messages = [flash_of(html) for _status, html in answers]
        assert sum(m.startswith(DONE) for m in messages) == 1, messages
        assert sum(m in LOST for m in messages) == 1, messages
        db.session.expire_all()
        statuses = sorted(
            db.session.scalars(select(Proposal.status).where(Proposal.id.in_([a.id, b.id])))
        )
        assert statuses == ["merged", "published"]
        assert merges() == round_ + 1
        supports_are_consistent()


def test_a_merge_racing_with_voters_keeps_every_count_true(app, make):
    arena, cycle, facilitator, _second = setup(make)
    source, target = make.proposal(cycle), make.proposal(cycle)
    voters = [make.user(connected_to=arena) for _ in range(4)]
    for voter in voters:
        give_support(voter, source)
    requests = [
        (
            facilitator,
            f"/moderation/proposals/{source.id}/merge",
            {"merge-into": str(target.id), "confirmed": "yes"},
        )
    ]
    requests += [(voter, f"/proposals/{target.id}/support", {}) for voter in voters[:2]]
    requests += [(voter, f"/proposals/{source.id}/withdraw", {}) for voter in voters[2:]]
    answers = post_at_once(app, requests)
    assert all(isinstance(x, tuple) and x[0] == 303 for x in answers), answers
    db.session.expire_all()
    supports_are_consistent()
