"""Configuration: safe defaults, and production refuses to start without a secret key."""

import pytest

from arena import config
from arena.config import ConfigError, load_config


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch, tmp_path):
    for name in ("ENV", "SECRET_KEY", "DATABASE_URL", "PROPOSALS_PER_PAGE"):
        monkeypatch.delenv(f"ARENA_{name}", raising=False)
    # Never touch the real instance/ folder.
    monkeypatch.setattr(config, "INSTANCE_DIR", tmp_path / "instance")


def test_production_refuses_a_missing_secret_key(monkeypatch):
    monkeypatch.setenv("ARENA_ENV", "production")
    with pytest.raises(ConfigError, match="ARENA_SECRET_KEY"):
        load_config()
    assert not (config.INSTANCE_DIR / "secret_key").exists()


def test_production_refuses_an_empty_secret_key(monkeypatch):
    monkeypatch.setenv("ARENA_ENV", "production")
    monkeypatch.setenv("ARENA_SECRET_KEY", "")
    with pytest.raises(ConfigError):
        load_config()


def test_production_with_a_secret_key_sends_cookies_only_over_https(monkeypatch):
    monkeypatch.setenv("ARENA_ENV", "production")
    monkeypatch.setenv("ARENA_SECRET_KEY", "s3cret-from-the-environment")
    settings = load_config()
    assert settings["SECRET_KEY"] == "s3cret-from-the-environment"
    assert settings["SESSION_COOKIE_SECURE"] is True
    assert settings["SESSION_COOKIE_HTTPONLY"] is True
    assert settings["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_development_makes_a_private_key_once_and_keeps_it():
    first = load_config()
    key_file = config.INSTANCE_DIR / "secret_key"
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert len(first["SECRET_KEY"]) >= 32
    assert load_config()["SECRET_KEY"] == first["SECRET_KEY"]
    assert first["SESSION_COOKIE_SECURE"] is False


def test_defaults():
    settings = load_config({"SECRET_KEY": "x"})
    assert settings["BABEL_DEFAULT_LOCALE"] == "sv"
    assert settings["PROPOSALS_PER_PAGE"] == 10
    assert settings["DEFAULT_SUPPORT_BUDGET"] == 5
    assert settings["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///")


def test_settings_come_from_the_environment_and_overrides_win(monkeypatch):
    monkeypatch.setenv("ARENA_PROPOSALS_PER_PAGE", "25")
    monkeypatch.setenv("ARENA_DATABASE_URL", "postgresql+psycopg://db/arena")
    settings = load_config({"SECRET_KEY": "x", "PROPOSALS_PER_PAGE": 3})
    assert settings["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://db/arena"
    assert settings["PROPOSALS_PER_PAGE"] == 3
    assert load_config({"SECRET_KEY": "x"})["PROPOSALS_PER_PAGE"] == 25


def test_a_malformed_number_is_refused_with_its_name(monkeypatch):
    monkeypatch.setenv("ARENA_PROPOSALS_PER_PAGE", "ten")
    with pytest.raises(ConfigError, match="ARENA_PROPOSALS_PER_PAGE"):
        load_config({"SECRET_KEY": "x"})
