"""The commitment page (chart with its table) and the arena page's progress bars."""

import re
from datetime import timedelta

from sqlalchemy import event, select

from arena.audit.models import AuditEntry
from arena.commitments.models import Commitment, CommitmentStatus
from arena.core.time import utcnow
from arena.extensions import db
from tests.commitments.followup_helpers import add_indicator, add_value, make_commitment
from tests.helpers import page_text


def test_chart_and_table_show_the_same_numbers(make, client_for):
    arena = make.arena()
    owner = make.user(connected_to=arena)
    commitment = make_commitment(make, arena, owner=owner)
    indicator = add_indicator(commitment, baseline=1000, target=2000)
    add_value(commitment, indicator, 1250.5, author=owner, on=utcnow().date() - timedelta(days=3))
    response = client_for(None).get(f"/commitments/{commitment.id}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<svg class="chart"' in html and "<caption" in html and 'scope="row"' in html
    assert "1 250,5" in page_text(response)  # Swedish format in the table
    assert "1\u00a0250,5" in html  # and in the chart
    assert '<progress class="progress" max="100" value="25"' in html
    assert "commitments/_lineage.html" not in html  # the include is quiet while missing


def test_arena_page_lists_followed_commitments_in_few_queries(make, client_for, app):
    arena = make.arena()
    owner = make.user(connected_to=arena)
    testing = make.cycle(arena, phase="testing")
    for n in range(4):
        commitment = make_commitment(make, arena, cycle=testing, owner=owner, title=f"Åtagande {n}")
        for k in range(2):
            indicator = add_indicator(commitment, name=f"Mått {k}")
            add_value(commitment, indicator, 15, author=owner)
            add_value(commitment, indicator, 12 + k * 6, author=owner)
    statements = []

    def count_statement(*args):
        statement = args[2]
        if "indicators" in statement.lower():
            statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count_statement)
    try:
        response = client_for(None, accept_language="en").get(f"/arenas/{arena.slug}")
    finally:
        event.remove(db.engine, "before_cursor_execute", count_statement)
    text = page_text(response)
    assert "Åtagande 3" in text
    # Latest values 12 and 18: progress 0.2 and 0.8, on average half of the way.
    assert "50% of the way to the target" in text
    # One query for all indicators and their latest values, not one per commitment.
    assert len(statements) == 1


def test_facilitator_edits_the_commitment_with_an_audit_row(make, client_for):
    arena = make.arena()
    facilitator = make.facilitator(arena)
    owner = make.user(connected_to=arena)
    organisation = make.organisation(arenas=[arena], name="Skolan")
    theme = make.theme("transport")
    commitment = make_commitment(make, arena, owner=owner)
    client = client_for(facilitator, accept_language="en")
    url = f"/commitments/{commitment.id}/edit"
    assert client.get(url).status_code == 200
    bad = client.post(
        url,
        data={
            "title": "Ny",
            "starts_on": "2026-05-01",
            "ends_on": "2026-04-01",
            "owner_users": owner.id,
        },
    )
    assert "end date must be after" in page_text(bad)
    none = client.post(url, data={"title": "Ny"})
    assert "at least one owner" in page_text(none)
    response = client.post(
        url,
        data={
            "title": "Cykla till skolan året runt",
            "location": "Rinkeby",
            "themes": "transport",
            "owner_organisations": organisation.id,
            "starts_on": "2026-05-01",
        },
    )
    assert response.status_code == 303
    db.session.expire_all()
    changed = db.session.get(Commitment, commitment.id)
    assert changed.title == "Cykla till skolan året runt" and changed.location == "Rinkeby"
    assert [o.name for o in changed.owner_organisations] == ["Skolan"]
    assert changed.owner_users == [] and [t.key for t in changed.themes] == [theme.key]
    assert db.session.scalar(select(AuditEntry.action)) == "commitment.edit"
    assert changed.status == CommitmentStatus.ACTIVE


def test_facilitators_set_how_often_the_owners_check_in(make, client_for):
    arena = make.arena()
    owner = make.user(connected_to=arena)
    commitment = make_commitment(make, arena, owner=owner)
    client = client_for(make.facilitator(arena), accept_language="en")
    url = f"/commitments/{commitment.id}/edit"
    page = client.get(url).get_data(as_text=True)
    assert re.search(r'<input[^>]*name="check_in_interval_days"[^>]*value="90"', page)
    base = {"title": commitment.title, "owner_users": owner.id}
    for typed, message in (("3", "Choose from 7 to 366 days."), ("often", "whole number of days")):
        refused = client.post(url, data={**base, "check_in_interval_days": typed})
        assert refused.status_code == 200 and message in page_text(refused)
        db.session.expire_all()
        assert db.session.get(Commitment, commitment.id).check_in_interval_days == 90
    saved = client.post(url, data={**base, "check_in_interval_days": "30"})
    assert saved.status_code == 303
    db.session.expire_all()
    assert db.session.get(Commitment, commitment.id).check_in_interval_days == 30
    entry = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert entry.details["before"]["check_in_interval_days"] == 90


def test_the_arena_page_shows_a_few_commitments_and_links_to_all_of_them(make, client_for):
    """At city scale an arena follows dozens of commitments: its page shows the first
    six and links to a paged list of all, which keeps the same order."""
    arena = make.arena()
    owner = make.user(connected_to=arena)
    testing = make.cycle(arena, phase="testing")
    for n in range(1, 26):
        make_commitment(make, arena, cycle=testing, owner=owner, title=f"Åtagande {n:02d}")
    client = client_for(None, accept_language="en")

    arena_page = client.get(f"/arenas/{arena.slug}")
    text = page_text(arena_page)
    assert "Åtagande 06" in text and "Åtagande 07" not in text
    assert f'href="/arenas/{arena.slug}/commitments"' in arena_page.get_data(as_text=True)
    assert "See all 25 commitments" in text

    first = page_text(client.get(f"/arenas/{arena.slug}/commitments"))
    assert "25 commitments" in first
    assert "Åtagande 01" in first and "Åtagande 20" in first and "Åtagande 21" not in first
    second = client.get(f"/arenas/{arena.slug}/commitments?page=2")
    assert "Åtagande 21" in page_text(second) and "Åtagande 25" in page_text(second)
    assert f'href="/arenas/{arena.slug}/commitments?page=1"' in second.get_data(as_text=True)
    for page in ("7", "0", "x", "99999999999999999999"):
        assert client.get(f"/arenas/{arena.slug}/commitments?page={page}").status_code == 200
    assert "This page is empty" in page_text(client.get(f"/arenas/{arena.slug}/commitments?page=7"))
    assert client.get("/arenas/nowhere/commitments").status_code == 404


def test_an_arena_without_commitments_says_so(make, client_for):
    arena = make.arena(name="Skärholmen")
    text = page_text(
        client_for(None, accept_language="en").get(f"/arenas/{arena.slug}/commitments")
    )
    assert "No commitments are being followed up in Skärholmen yet." in text
