"""Passwords are stored as Argon2id with OWASP's parameters; the hashes Werkzeug made
before (scrypt, pbkdf2) still sign in, and are replaced by Argon2id at that sign-in."""

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select
from werkzeug.security import generate_password_hash as werkzeug_hash

from arena.accounts import models
from arena.accounts.models import User
from arena.extensions import db
from tests.accounts.test_sign_in import sign_in
from tests.factories import PASSWORD

TODAYS = "$argon2id$v=19$m=19456,t=2,p=1$"


def stored_hash(user) -> str:
    return db.session.scalar(select(User.password_hash).where(User.id == user.id))


@pytest.fixture
def amina(make):
    return make.user(email="amina@example.org")


def with_hash(user, password_hash: str):
    user.password_hash = password_hash
    db.session.commit()
    return user


def test_new_hashes_are_salted_argon2id_and_check_only_their_password():
    stored = models.generate_password_hash(PASSWORD)
    assert stored.startswith(TODAYS)
    assert models.check_password_hash(stored, PASSWORD)
    assert not models.check_password_hash(stored, PASSWORD.upper())
    assert models.generate_password_hash(PASSWORD) != stored


@pytest.mark.parametrize(
    "stored", ["", "plain text", "$argon2id$nonsense", TODAYS + "c2FsdHNhbHRzYWx0$AAAA"]
)
def test_a_broken_hash_matches_no_password(stored):
    assert not models.check_password_hash(stored, PASSWORD)
    assert not models.check_password_hash(stored, "")


@pytest.mark.parametrize(
    "method",
    [
        "scrypt",  # Werkzeug's default (n=2**15, r=8): what accounts made until now have
        "scrypt:1024:8:1",
        "pbkdf2:sha256:1000",
    ],
)
def test_an_older_hash_signs_in_and_is_replaced_by_argon2id(client_for, amina, method):
    with_hash(amina, werkzeug_hash(PASSWORD, method=method))
    assert sign_in(client_for(None)).status_code == 303
    replaced = stored_hash(amina)
    assert replaced.startswith(TODAYS)
    assert models.check_password_hash(replaced, PASSWORD)
    # The next sign-in checks the new hash and keeps it.
    assert sign_in(client_for(None)).status_code == 303
    assert stored_hash(amina) == replaced


def test_an_argon2id_hash_with_other_parameters_is_replaced(client_for, amina):
    weaker = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1).hash(PASSWORD)
    with_hash(amina, weaker)
    assert sign_in(client_for(None)).status_code == 303
    assert stored_hash(amina).startswith(TODAYS)


def test_a_wrong_password_leaves_an_older_hash_as_it_was(client_for, amina):
    older = with_hash(amina, werkzeug_hash(PASSWORD, method="scrypt:1024:8:1")).password_hash
    assert sign_in(client_for(None), password="wrong password").status_code == 200
    assert stored_hash(amina) == older


def test_a_hash_of_today_is_kept_at_sign_in(client_for, amina):
    today = with_hash(amina, models.generate_password_hash(PASSWORD)).password_hash
    assert sign_in(client_for(None)).status_code == 303
    assert stored_hash(amina) == today
