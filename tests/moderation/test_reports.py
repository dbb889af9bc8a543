"""Reporting proposals and comments: once per person, hidden automatically after N
different people report, and the facilitators' queue and navigation count."""

from flask_login import login_user
from sqlalchemy import event, select

from arena.accounts.sessions import load_user
from arena.audit.models import AuditEntry
from arena.extensions import db
from arena.moderation import services
from arena.moderation.models import Report
from arena.moderation.views import inject_report_nav
from tests.helpers import flashes, page_text
from tests.moderation.tools import add_comment, add_report, hide, state


def setup_arena(make):
    arena = make.arena("Järva")
    cycle = make.cycle(arena, phase="voting")
    proposal = make.proposal(cycle, title="Lånecyklar vid Tensta centrum")
    return arena, cycle, proposal


def report(client, path, reason="spam", note=""):
    response = client.post(path, data={"reason": reason, "note": note})
    assert response.status_code == 303
    return flashes(client.get(response.headers["Location"]))


def test_a_report_is_saved_once_per_person(client_for, make):
    arena, _cycle, proposal = setup_arena(make)
    reporter = make.user()  # no connection needed to report
    client = client_for(reporter, accept_language="en")
    path = f"/moderation/proposals/{proposal.id}/report"

    form = client.get(path)
    assert form.status_code == 200
    assert all(
        label in page_text(form)
        for label in ("Spam or advertising", "Reveals personal data", "Off topic")
    )
    assert report(client, path, "personal_data", "Telefonnummer i texten.") == [
        "Thank you. The facilitators of Järva will look at your report."
    ]
    saved = db.session.scalar(select(Report))
    assert (saved.arena_id, saved.proposal_id, saved.comment_id, saved.reporter_id) == (
        arena.id,
        proposal.id,
        None,
        reporter.id,
    )
    assert (saved.reason, saved.note, saved.resolved_at) == (
        "personal_data",
        "Telefonnummer i texten.",
        None,
    )

    before = state()
    assert report(client, path, "offensive") == [
        "You have already reported this. The facilitators will look at it."
    ]
    assert state() == before
    again = client.get(path)
    assert again.status_code == 303
    assert flashes(client.get(again.headers["Location"])) == [
        "You have already reported this. The facilitators will look at it."
    ]


def test_bad_reports_are_explained_and_save_nothing(client_for, make):
    _arena, _cycle, proposal = setup_arena(make)
    comment = add_comment(proposal, make.user())
    client = client_for(make.user(), accept_language="en")
    before = state()
    for data, message in [
        ({"note": "Ingen anledning vald."}, "Choose one of the reasons."),
        ({"reason": "boring"}, "Choose one of the reasons."),
        ({"reason": "other", "note": "x" * 1001}, "1000"),
    ]:
        response = client.post(f"/moderation/comments/{comment.id}/report", data=data)
        assert response.status_code == 200
        assert "Please correct the following" in page_text(response) and message in page_text(
            response
        )
    for path in (f"/moderation/comments/{2**40}/report", f"/moderation/proposals/{2**40}/report"):
        assert client.post(path, data={"reason": "spam"}).status_code == 404
    assert state() == before


def test_enough_reports_hide_an_item_until_a_facilitator_decides(app, client_for, make):
    arena, _cycle, proposal = setup_arena(make)
    comment = add_comment(proposal, make.user(), "Köp billiga klockor!")
    path = f"/moderation/comments/{comment.id}/report"
    reporters = [make.user() for _ in range(4)]
    for reporter in reporters[:2]:
        report(client_for(reporter, accept_language="en"), path)
    db.session.expire_all()
    assert not comment.is_hidden

    report(client_for(reporters[2], accept_language="en"), path)
    db.session.expire_all()
    assert comment.is_hidden and comment.is_auto_hidden and comment.hidden_by_id is None
    # Stored in the site's language (Swedish), shown in the reader's.
    with app.test_request_context():
        assert comment.hidden_reason == services.automatic_hide_reason()
    entry = db.session.scalar(select(AuditEntry))
    assert (entry.actor_id, entry.action, entry.arena_id, entry.target_type, entry.target_id) == (
        None,
        "comment.auto_hide",
        arena.id,
        "comment",
        comment.id,
    )
    assert entry.details == {"reports": 3}

    reader = client_for(reporters[3], accept_language="en")
    text = page_text(reader.get(f"/proposals/{proposal.id}"))
    assert (
        "Hidden automatically after several reports, until the facilitators have looked at it."
        in text
    )
    assert "Köp billiga klockor!" not in text
    # A fourth report adds nothing: the item already waits for the facilitators.
    before = state()
    assert report(reader, path) == ["This is already hidden and waits for the facilitators."]
    assert state() == before


def test_the_number_of_reports_is_a_setting(app, client_for, make, monkeypatch):
    _arena, _cycle, proposal = setup_arena(make)
    # Through monkeypatch: the app is shared by the session, later tests need the default.
    monkeypatch.setitem(app.config, "AUTO_HIDE_REPORTS", 2)
    for _ in range(2):
        report(
            client_for(make.user(), accept_language="en"),
            f"/moderation/proposals/{proposal.id}/report",
        )
    db.session.expire_all()
    assert proposal.is_auto_hidden
    assert "Hidden proposal" in page_text(
        client_for(None, accept_language="en").get(f"/proposals/{proposal.id}")
    )

    monkeypatch.setitem(app.config, "AUTO_HIDE_REPORTS", 0)  # off
    other = make.proposal(proposal.cycle)
    for _ in range(3):
        report(
            client_for(make.user(), accept_language="en"),
            f"/moderation/proposals/{other.id}/report",
        )
    db.session.expire_all()
    assert not other.is_hidden


def test_dismissed_reports_no_longer_count_towards_hiding(client_for, make):
    _arena, _cycle, proposal = setup_arena(make)
    comment = add_comment(proposal, make.user())
    for _ in range(2):
        add_report(comment, make.user(), resolution="dismissed", resolved_at=comment.created_at)
    report(
        client_for(make.user(), accept_language="en"), f"/moderation/comments/{comment.id}/report"
    )
    db.session.expire_all()
    assert not comment.is_hidden


def test_the_queue_groups_open_reports_per_item_newest_first(client_for, make):
    arena, cycle, proposal = setup_arena(make)
    facilitator = make.facilitator(arena)
    comment = add_comment(proposal, make.user(display_name="Ahmed"), "Reklam här.")
    calm = make.proposal(cycle, title="Reparationskafé i Akalla")
    add_report(proposal, make.user(), "duplicate", "Samma som ett annat.")
    add_report(comment, make.user(), "spam")
    add_report(comment, make.user(), "spam", "Länk till en butik.")
    add_report(comment, make.user(), "offensive")
    add_report(calm, make.user(), "spam", resolution="dismissed", resolved_at=proposal.created_at)
    elsewhere = make.proposal(
        make.cycle(make.arena("Skärholmen"), phase="voting"), title="Annat område"
    )
    add_report(elsewhere, make.user(), "spam")

    response = client_for(facilitator, accept_language="en").get(
        f"/moderation/{arena.slug}/reports"
    )
    assert response.status_code == 200
    text = page_text(response)
    assert "2 items wait for a decision." in text
    # Newest report first: the comment's reports came after the proposal's.
    assert text.index("Comment by Ahmed on “Lånecyklar vid Tensta centrum”") < text.index(
        "Proposal: Lånecyklar vid Tensta centrum"
    )
    assert "3 reports" in text and "1 report" in text
    assert "Spam or advertising ×2" in text and "Offensive or hateful" in text
    assert "Länk till en butik." in text and "Samma som ett annat." in text
    assert "Reparationskafé" not in text and "Annat område" not in text
    html = response.get_data(as_text=True)
    assert f'href="/moderation/comments/{comment.id}"' in html
    assert f'href="/proposals/{proposal.id}#comment-{comment.id}"' in html


def test_facilitators_see_their_open_reports_in_the_menu(app, client_for, make):
    arena, _cycle, proposal = setup_arena(make)
    other_arena = make.arena("Skärholmen")
    facilitator = make.facilitator(arena)
    add_report(proposal, make.user())
    add_report(proposal, make.user())
    add_report(make.proposal(make.cycle(other_arena, phase="voting")), make.user())

    menu = page_text(client_for(facilitator, accept_language="en").get("/"))
    assert "Reports (2)" in menu
    assert "Reports (0)" in page_text(
        client_for(make.facilitator(make.arena()), accept_language="en").get("/")
    )
    for visitor in (
        None,
        make.user(connected_to=arena),
        make.user(is_admin=True),
        make.user(is_staff=True),
    ):
        assert "Reports (" not in page_text(client_for(visitor, accept_language="en").get("/"))

    resident = make.user(connected_to=arena)
    # The roles come with the signed-in account (load_user): one statement for a
    # facilitator's count, none for someone who facilitates nowhere.
    for person, nav, expected in (
        (facilitator, {"open_reports": 2}, 1),
        (resident, None, 0),
    ):
        statements = []

        def record(_conn, _cursor, statement, *_args, into=statements):
            into.append(statement)

        with app.test_request_context("/"):
            login_user(load_user(person.get_id()))
            event.listen(db.engine, "before_cursor_execute", record)
            try:
                assert inject_report_nav() == {"report_nav": nav}
            finally:
                event.remove(db.engine, "before_cursor_execute", record)
        assert len(statements) == expected, statements


def test_the_queue_shows_hidden_items_to_decide(client_for, make):
    arena, _cycle, proposal = setup_arena(make)
    comment = add_comment(proposal, make.user())
    add_report(comment, make.user())
    hide(comment, "Automatiskt dold.", auto=True)
    text = page_text(
        client_for(make.facilitator(arena), accept_language="en").get(
            f"/moderation/{arena.slug}/reports"
        )
    )
    assert "Hidden automatically" in text
