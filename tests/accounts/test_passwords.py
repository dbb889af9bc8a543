"""What a new password must be: long, not common, not one's own name or address,
and exactly what was typed (never trimmed)."""

import pytest
from sqlalchemy import select

from arena.accounts.models import User
from arena.extensions import db
from tests.accounts.test_sign_up import form
from tests.helpers import page_text

pytestmark = pytest.mark.usefixtures("quick_password_hashing")


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("kort lösen", None),  # exactly 10: accepted
        ("kort lös", "Use at least 10 characters."),
        ("1111111111", "This password is one of the most common ones."),
        ("qwertyuiop", "This password is one of the most common ones."),
        ("Hodan Hodan", "The password is too like your name or e-mail address."),
        ("Hodan12345!", "The password is too like your name or e-mail address."),
        ("hodan@example.org", "The password is too like your name or e-mail address."),
        ("example.org1", "The password is too like your name or e-mail address."),
    ],
)
def test_sign_up_refuses_weak_passwords_with_a_reason(client_for, password, message):
    response = client_for(None, accept_language="en").post(
        "/accounts/sign-up", data=form(password=password, confirm=password)
    )
    saved = db.session.scalars(select(User)).all()
    if message is None:
        assert response.status_code == 303
        assert len(saved) == 1
    else:
        assert response.status_code == 200
        assert message in page_text(response)
        assert saved == []


def test_sign_up_refuses_a_common_password_in_swedish(client_for):
    response = client_for(None, accept_language="sv").post(
        "/accounts/sign-up", data=form(password="1111111111", confirm="1111111111")
    )
    assert "ett av de vanligaste" in page_text(response)


def test_a_password_is_never_trimmed(client_for):
    padded = "  mellanslag runt om  "
    client_for(None).post("/accounts/sign-up", data=form(password=padded, confirm=padded))
    user = db.session.scalars(select(User)).one()
    assert user.check_password(padded)
    assert not user.check_password(padded.strip())
