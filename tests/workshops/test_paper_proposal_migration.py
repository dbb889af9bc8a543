"""Migration 0013 on a database that already has paper proposals: those with a
workshop lose the facilitator who typed them as author (the workshop is their author
of record), online proposals keep theirs, and a proposal without either is refused."""

import pytest
from flask_migrate import upgrade
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from arena.extensions import db
from tests.conftest import make_test_app
from tests.test_migrations import empty_database_url  # noqa: F401 (a fixture)

WHEN = "2026-05-01 10:00:00"
ROWS = [
    "INSERT INTO arenas (id, slug, name, description, sort_order)"
    " VALUES (1, 'jarva', 'Järva', '', 0)",
    "INSERT INTO themes (id, key, sort_order) VALUES (1, 'transport', 0)",
    "INSERT INTO users (id, email, display_name, is_admin, is_staff, created_at, session_token)"
    " VALUES (1, 'f@example.org', 'Facilitator', false, false, :when, 'a'),"
    " (2, 'r@example.org', 'Resident', false, false, :when, 'b')",
    "INSERT INTO cycles (id, arena_id, year, proposing_opens_at, voting_opens_at,"
    " voting_closes_at, testing_starts_at, review_starts_at, closes_at, support_budget,"
    " introduction) VALUES (1, 1, 2026, '2026-03-01', '2026-04-01', '2026-06-01', '2026-07-01',"
    " '2026-11-01', '2026-12-31', 5, '')",
    "INSERT INTO workshops (id, cycle_id, held_at, place, language, participant_count, notes,"
    " created_by_id, created_at) VALUES (1, 1, :when, 'Tensta träff', 'sv', 10, '', 1, :when)",
    "INSERT INTO proposals (id, cycle_id, theme_id, author_id, workshop_id, title, summary,"
    " body, language, climate_effect, status, support_count, created_at, updated_at,"
    " is_auto_hidden) VALUES"
    " (1, 1, 1, 1, 1, 'Från papper', 's', '', 'sv', '', 'published', 0, :when, :when, false),"
    " (2, 1, 1, 2, NULL, 'Online', 's', '', 'sv', '', 'published', 0, :when, :when, false)",
]


def test_paper_proposals_move_to_their_workshop(empty_database_url):  # noqa: F811
    app = make_test_app(empty_database_url)
    with app.app_context():
        try:
            upgrade(revision="0011_session_tokens")
            for statement in ROWS:
                db.session.execute(text(statement), {"when": WHEN})
            db.session.commit()
            upgrade(revision="0012_paper_proposals")
            rows = db.session.execute(
                text("SELECT id, author_id, workshop_id FROM proposals ORDER BY id")
            ).all()
            assert [tuple(row) for row in rows] == [(1, None, 1), (2, 2, None)]
            with pytest.raises(IntegrityError):
                db.session.execute(text("UPDATE proposals SET author_id = NULL WHERE id = 2"))
            db.session.rollback()
        finally:
            db.session.remove()
            db.engine.dispose()
