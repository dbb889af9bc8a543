"""Migration 0011 on a database that already has accounts: each gets a token of its
own, and accounts made from access codes become verified (the code vouches)."""

from flask_migrate import upgrade
from sqlalchemy import text

from arena.extensions import db
from tests.conftest import make_test_app
from tests.test_migrations import empty_database_url  # noqa: F401 (a fixture)

ADD_USER = text(
    "INSERT INTO users (email, password_hash, display_name, is_admin, is_staff, created_at)"
    " VALUES (:email, :hash, :name, false, false, :created)"
)


def test_existing_accounts_get_tokens_and_code_accounts_are_verified(empty_database_url):  # noqa: F811
    app = make_test_app(empty_database_url)
    with app.app_context():
        try:
            upgrade(revision="0010_code_reminders")
            for email, password_hash, name in [
                ("amina@example.org", "scrypt:x", "Amina"),
                ("hodan@example.org", "scrypt:y", "Hodan"),
                (None, None, "Abdi"),  # made from an access code
            ]:
                db.session.execute(
                    ADD_USER,
                    {"email": email, "hash": password_hash, "name": name, "created": "2026-01-05"},
                )
            db.session.commit()
            upgrade()
            rows = db.session.execute(
                text("SELECT display_name, session_token, verified_at FROM users ORDER BY id")
            ).all()
            tokens = [token for _, token, _ in rows]
            assert all(token and len(token) == 64 for token in tokens)
            assert len(set(tokens)) == 3
            verified = {name: verified_at is not None for name, _, verified_at in rows}
            assert verified == {"Amina": False, "Hodan": False, "Abdi": True}
        finally:
            db.session.remove()
            db.engine.dispose()
