"""Download my data: a readable page and a JSON file of everything about me, and
nothing about anybody else."""

import json
from datetime import timedelta

from arena.accounts import my_data
from arena.core.time import utcnow
from arena.extensions import db
from arena.workshops import access_codes
from tests.accounts.people_world import build_world
from tests.commitments.followup_helpers import make_commitment
from tests.helpers import page_text


def test_data_page_and_file_show_what_is_mine(make, client_for):
    world = build_world(make, client_for)
    client = client_for(world.anna, accept_language="en")
    page = client.get("/accounts/me/data")
    assert page.status_code == 200
    assert page.headers["Cache-Control"] == "no-store"
    text = page_text(page)
    for mine in (
        "Anna Andersson",
        "anna@example.org",
        "Cykelkök i Skärholmen",  # my proposal
        "Gärna vid torget!",  # my comment
        "Fler parkbänkar",  # what I support, commented on and reported
        "Laga cyklar tillsammans",  # the commitment I joined
        "Föreningen Eken",
        "25–34",  # my profile answer, by its label
        "Anmält av Anna Andersson",  # why I reported it
        "Proposal hidden",  # what I did as facilitator
    ):
        assert mine in text, mine
    for theirs in ("bertil@example.org", "carl@example.org", "Carl Cederlund", "Anmält av Carl"):
        assert theirs not in text

    download = client.get("/accounts/me/data.json")
    assert download.status_code == 200
    assert download.mimetype == "application/json"
    assert download.headers["Cache-Control"] == "no-store"
    assert download.headers["Content-Disposition"].startswith("attachment;")
    raw = download.get_data(as_text=True)
    data = json.loads(raw)
    assert data["profile"]["email"] == "anna@example.org"
    assert [p["title"] for p in data["proposals"]] == ["Cykelkök i Skärholmen"]
    assert data["proposals"][0]["status"] == "published"
    assert [c["body"] for c in data["comments"]] == ["Gärna vid torget!"]
    assert [s["proposal_title"] for s in data["supports"]] == ["Fler parkbänkar"]
    assert data["budgets"][0]["supports_used"] == 1
    assert [p["commitment_title"] for p in data["pledges"]] == ["Laga cyklar tillsammans"]
    assert data["organisations"] == [{"name": "Föreningen Eken", "admin": False}]
    assert {(a["question"], a["answer"]) for a in data["profile_answers"]} == {
        ("age_band", "25-34"),
        ("gender", "woman"),
    }
    assert [r["note"] for r in data["reports"]] == ["Anmält av Anna Andersson"]
    assert data["roles"]["facilitator_of"] == ["Skärholmen"]
    assert [e["action"] for e in data["audit_entries"]] == ["proposal.hide"]
    assert world.anna.password_hash not in raw and "scrypt" not in raw
    for theirs in ("bertil@example.org", "carl@example.org", "Carl Cederlund", "Bertil Berg"):
        assert theirs not in raw


def test_someone_else_sees_only_their_own(make, client_for):
    world = build_world(make, client_for)
    text = page_text(client_for(world.bertil, accept_language="en").get("/accounts/me/data"))
    assert "bertil@example.org" in text and "anna@example.org" not in text
    assert "Gärna vid torget!" not in text and "Föreningen Eken" not in text


def test_signed_out_visitors_are_sent_to_sign_in(make, client_for):
    for path in ("/accounts/me/data", "/accounts/me/data.json"):
        response = client_for(None).get(path)
        assert response.status_code == 302 and "/sign-in" in response.headers["Location"]


def test_a_code_account_sees_its_arena_and_expiry_never_the_code(make, client_for):
    arena = make.arena("Järva", slug="jarva")
    facilitator = make.facilitator(arena)
    now = utcnow()
    printed = access_codes.generate_codes(facilitator, arena, now=now, count=1, days=30)[0]
    code = access_codes.redeem_code(printed, display_name="Kodis", language="sv", now=now)
    db.session.commit()
    raw = client_for(code.redeemed_by).get("/accounts/me/data.json").get_data(as_text=True)
    data = json.loads(raw)
    assert data["access_code"]["arena"] == "Järva"
    assert data["access_code"]["expires_at"].startswith(
        (now + timedelta(days=30)).date().isoformat()
    )
    assert printed not in raw and printed.replace("-", "") not in raw
    assert data["profile"]["email"] is None and data["profile"]["has_password"] is False


def test_every_column_that_points_at_a_person_is_in_the_export_or_explained(app):
    """A new table or column with a foreign key to users.id fails here until
    `arena.accounts.my_data.USER_LINKS` says where the export shows it, or why not."""
    linked = {
        (table.name, column.name)
        for table in db.metadata.sorted_tables
        for column in table.columns
        for key in column.foreign_keys
        if key.column.table.name == "users"
    }
    assert linked == set(my_data.USER_LINKS)


def test_the_privacy_notice_says_where_to_download_and_delete(client_for):
    for language in ("en", "sv"):
        html = client_for(None, accept_language=language).get("/privacy").get_data(as_text=True)
        assert 'href="/accounts/me/data"' in html and 'href="/accounts/me/delete"' in html


def test_what_i_follow_is_shown_by_its_name_with_a_link(make, client_for):
    arena = make.arena("Järva", slug="jarva")
    cycle = make.cycle(arena, phase="voting")
    person = make.user()
    proposal = make.proposal(cycle, author=person, title="Lånecyklar vid Tensta centrum")
    secret = make.proposal(cycle, title="Ring Bertil på 070-1234567")
    commitment = make_commitment(make, arena, title="Cykla till skolan")
    client = client_for(person, accept_language="en")
    for path in (
        f"/following/arena/{arena.id}",
        f"/following/proposal/{proposal.id}/stop",  # mine: followed until I stop
        f"/following/proposal/{secret.id}",
        f"/following/commitment/{commitment.id}",
    ):
        assert client.post(path).status_code == 303
    # Hidden after I followed it: it is not named, not even to me.
    secret.hidden_at, secret.hidden_reason = utcnow(), "Personuppgifter."
    db.session.commit()

    html = client.get("/accounts/me/data").get_data(as_text=True)
    section = html[
        html.index('id="follows-title"') : html.index(
            "</section>", html.index('id="follows-title"')
        )
    ]
    assert '<a href="/arenas/jarva">Järva</a>' in section
    assert f'<a href="/proposals/{proposal.id}">Lånecyklar vid Tensta centrum</a>' in section
    assert f'<a href="/commitments/{commitment.id}">Cykla till skolan</a>' in section
    assert "070-1234567" not in section and "a hidden proposal" in section
    text = page_text(client.get("/accounts/me/data"))
    assert "Proposal: Lånecyklar vid Tensta centrum – not following" in text
    assert (
        "Arena: Järva – following" in text and "Commitment: Cykla till skolan – following" in text
    )

    data = json.loads(client.get("/accounts/me/data.json").get_data(as_text=True))
    follows = data["following"]["follows"]
    assert [(f["kind"], f["name"], f["following"]) for f in follows] == [
        ("arena", "Järva", True),
        ("proposal", "Lånecyklar vid Tensta centrum", False),
        ("proposal", None, True),
        ("commitment", "Cykla till skolan", True),
    ]
    assert follows[2]["hidden"] is True and follows[2]["id"] == secret.id
