"""Who may comment, reply, edit, report and moderate, in which phase: action × phase × role.

Commenting needs a declared connection to the arena (like proposing); reporting
only a signed-in account; moderation the facilitator role of this very arena
(admins and staff get no moderation powers); the audit log is readable by the
arena's facilitators, staff and admins. A refusal changes nothing at all.
"""

from urllib.parse import parse_qs, urlsplit

import pytest

from arena.arenas.phases import Phase
from tests.helpers import page_text
from tests.moderation.tools import ROLES, add_comment, add_report, hide, make_actor, state

ALL_PHASES = tuple(Phase)
COMMENT_PHASES = {Phase.PROPOSING, Phase.VOTING, Phase.SELECTION}
MERGE_PHASES = {Phase.PROPOSING, Phase.VOTING}
SOME_PHASES = (Phase.VOTING, Phase.CLOSED)

ACTIONS = {
    "comment": ALL_PHASES,
    "reply": ALL_PHASES,
    "edit_own_in_window": SOME_PHASES,
    "edit_own_after_window": SOME_PHASES,
    "edit_others": SOME_PHASES,
    "report_proposal": SOME_PHASES,
    "report_comment": SOME_PHASES,
    "hide": SOME_PHASES,
    "restore": SOME_PHASES,
    "dismiss": SOME_PHASES,
    "merge": ALL_PHASES,
    "view_queue": (Phase.VOTING,),
    "view_audit": (Phase.VOTING,),
}

FACILITATORS_ONLY = "Only the facilitators of Järva can do this."


def expected(action: str, phase: Phase, role: str) -> tuple[str, str | None]:
    """(outcome, message shown) for a role doing an action in a phase."""
    if role == "anonymous":
        return "sign_in", None
    if action in ("comment", "reply"):
        if phase not in COMMENT_PHASES:
            return (
                "refused",
                "Comments in Järva are open while proposing, voting and selection are going on.",
            )
        return ("done", None) if role == "resident" else ("ask_connection", None)
    if action == "edit_own_in_window" or action.startswith("report"):
        return "done", None
    if action == "edit_own_after_window":
        return "refused", "Comments can only be edited in the first 15 minutes."
    if action == "edit_others":
        return "refused", "Only the author can edit a comment."
    if action in ("hide", "restore", "dismiss"):
        return ("done", None) if role == "facilitator" else ("refused", FACILITATORS_ONLY)
    if action == "merge":
        if role != "facilitator":
            return "refused", FACILITATORS_ONLY
        if phase not in MERGE_PHASES:
            return "refused", "Duplicates can be merged only while proposing or voting is open."
        return "done", None
    if action == "view_queue":
        return ("shown", None) if role == "facilitator" else ("refused", FACILITATORS_ONLY)
    if action == "view_audit":
        if role in ("facilitator", "staff", "admin"):
            return "shown", None
        return (
            "refused",
            "Only the facilitators of Järva, city staff and administrators can read its audit log.",
        )
    raise AssertionError(action)


def prepare(action, make, cycle, actor, author, reporter):
    """Fresh rows for one attempt; returns (method, path, form data, check of a done action)."""
    arena = cycle.arena
    proposal = make.proposal(cycle, author=author)
    if action == "comment":
        data = {"body": "Bra idé, jag hjälper gärna till.", "language": "sv"}

        def done(before, after):
            assert len(after["comments"]) == len(before["comments"]) + 1
            assert after["comments"][-1][1:4] == ("Bra idé, jag hjälper gärna till.", "sv", None)

        return "post", f"/proposals/{proposal.id}/comments", data, done
    if action == "reply":
        comment = add_comment(proposal, author)

        def done(before, after):
            assert len(after["comments"]) == len(before["comments"]) + 1
            assert after["comments"][-1][1:4] == ("Jag håller med.", "sv", comment.id)

        return (
            "post",
            f"/comments/{comment.id}/reply",
            {"body": "Jag håller med.", "language": "sv"},
            done,
        )
    if action.startswith("edit"):
        own = action.startswith("edit_own")
        minutes = 16 if action.endswith("after_window") else 1
        comment = add_comment(
            proposal, actor if own and actor else author, "Fel stavat.", minutes_ago=minutes
        )

        def done(before, after):
            row = next(c for c in after["comments"] if c[0] == comment.id)
            assert row[1:3] == ("Rätt stavat.", "en") and row[4] is not None

        return (
            "post",
            f"/comments/{comment.id}/edit",
            {"body": "Rätt stavat.", "language": "en"},
            done,
        )
    if action.startswith("report"):
        item = proposal if action == "report_proposal" else add_comment(proposal, author)
        kind = "proposals" if action == "report_proposal" else "comments"

        def done(before, after):
            assert len(after["reports"]) == len(before["reports"]) + 1
            assert after["reports"][-1][1:3] == ("offensive", None)

        return (
            "post",
            f"/moderation/{kind}/{item.id}/report",
            {"reason": "offensive", "note": ""},
            done,
        )
    if action == "hide":

        def done(before, after):
            row = next(p for p in after["proposals"] if p[0] == proposal.id)
            assert row[4] is not None and row[5] == "Reklam." and row[6] is False
            assert after["audit"][-1][1] == "proposal.hide"

        return "post", f"/moderation/proposals/{proposal.id}/hide", {"hide-reason": "Reklam."}, done
    if action == "restore":
        hide(proposal)

        def done(before, after):
            row = next(p for p in after["proposals"] if p[0] == proposal.id)
            assert row[4] is None and row[5] is None
            assert after["audit"][-1][1] == "proposal.restore"

        return "post", f"/moderation/proposals/{proposal.id}/restore", {"restore-note": ""}, done
    if action == "dismiss":
        report = add_report(proposal, reporter)

        def done(before, after):
            row = next(r for r in after["reports"] if r[0] == report.id)
            assert row[2] == "dismissed" and row[3] is not None
            assert after["audit"][-1][1] == "proposal.dismiss_reports"

        return "post", f"/moderation/proposals/{proposal.id}/dismiss", {"dismiss-note": ""}, done
    if action == "merge":
        target = make.proposal(cycle, author=author)

        def done(before, after):
            row = next(p for p in after["proposals"] if p[0] == proposal.id)
            assert row[1:3] == ("merged", target.id)
            assert after["audit"][-1][1] == "proposal.merge"

        return (
            "post",
            f"/moderation/proposals/{proposal.id}/merge",
            {"merge-into": str(target.id), "confirmed": "yes"},
            done,
        )
    path = {"view_queue": "reports", "view_audit": "audit"}[action]
    return "get", f"/moderation/{arena.slug}/{path}", None, None


@pytest.mark.parametrize("action", ACTIONS)
def test_permission(client_for, make, action):
    """One test per action; its phases and roles are looped over (one app and database
    set-up instead of one per case keeps the table quick)."""
    arena = make.arena("Järva")
    elsewhere = make.arena("Skärholmen")
    make.theme("transport")
    author = make.user(connected_to=arena)
    reporter = make.user()
    actors = {role: make_actor(make, role, arena, elsewhere) for role in ROLES}
    for phase in ACTIONS[action]:
        cycle = make.cycle(arena, phase=phase)
        check_roles(client_for, make, action, phase, cycle, actors, author, reporter)


def check_roles(client_for, make, action, phase, cycle, actors, author, reporter):
    arena = cycle.arena
    for role, actor in actors.items():
        method, path, data, check_done = prepare(action, make, cycle, actor, author, reporter)
        client = client_for(actor, accept_language="en")
        before = state()
        response = client.get(path) if method == "get" else client.post(path, data=data)
        after = state()
        outcome, message = expected(action, phase, role)
        where = f"{role} {action} in {phase}"
        location = urlsplit(response.headers.get("Location", ""))

        if outcome == "done":
            assert response.status_code == 303, where
            check_done(before, after)
            continue
        # Everything else leaves the database exactly as it was.
        assert after == before, where
        if outcome == "shown":
            assert response.status_code == 200, where
        elif outcome == "sign_in":
            assert response.status_code == 302, where
            assert location.path == "/accounts/sign-in", where
            assert parse_qs(location.query)["next"] == [path], where
        elif outcome == "ask_connection":
            assert response.status_code == 302, where
            assert location.path == "/accounts/connections", where
            assert parse_qs(location.query)["arena"] == [arena.slug], where
        else:
            assert response.status_code == 403, where
            assert message in page_text(response), where
