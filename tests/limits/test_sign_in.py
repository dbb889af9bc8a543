"""Guessing passwords: 10 tries per account in any 15 minutes, then the 429 page in
the person's language with Retry-After, whether or not the account exists."""

import pytest

from arena.accounts.models import User
from tests.helpers import count, html_lang, page_text

PASSWORD = "ett riktigt bra lösenord"


def _sign_in(client, email, password):
    return client.post("/accounts/sign-in", data={"email": email, "password": password})


@pytest.mark.parametrize("known", [True, False])
def test_thirty_wrong_passwords_are_refused_before_the_twentieth(
    limited_app, client_from, make, known
):
    email = "sara@example.org"
    if known:
        make.user(email=email, password=PASSWORD)
    client = client_from(address="192.0.2.10")
    answers = [_sign_in(client, email, "fel lösenord nummer ett").status_code for _ in range(30)]
    first_refusal = answers.index(429)
    assert first_refusal < 19
    # Until then each was a wrong password; from then on every one is refused.
    assert set(answers[:first_refusal]) == {200}
    assert set(answers[first_refusal:]) == {429}
    # The right password too waits now, and from another address too: the count is the
    # account's, and the same whether the account exists (nothing to learn from it).
    assert _sign_in(client, email, PASSWORD).status_code == 429
    assert _sign_in(client_from(address="203.0.113.5"), email, PASSWORD).status_code == 429
    # Typed differently, it is the same account.
    assert _sign_in(client, "  SARA@Example.org ", PASSWORD).status_code == 429


def test_other_accounts_from_the_same_address_still_sign_in(limited_app, client_from, make):
    make.user(email="sam@example.org", password=PASSWORD)
    client = client_from(address="192.0.2.11")
    for _ in range(11):
        _sign_in(client, "sara@example.org", "fel")
    assert _sign_in(client, "sara@example.org", "fel").status_code == 429
    signed_in = _sign_in(client, "sam@example.org", PASSWORD)
    assert signed_in.status_code == 303 and signed_in.headers["Location"].endswith("/accounts/me")


def test_the_sign_in_form_can_be_looked_at_any_number_of_times(limited_app, client_from):
    client = client_from(address="192.0.2.12")
    for _ in range(12):
        _sign_in(client, "sara@example.org", "fel")
    assert all(client.get("/accounts/sign-in").status_code == 200 for _ in range(60))


REFUSED_IN = {
    "sv": "Försök igen om 15 minuter.",
    "en": "Please try again in 15 minutes.",
}


@pytest.mark.parametrize("language", ["sv", "en", "ar", "so", "fi"])
def test_the_refusal_says_when_to_try_again_in_the_persons_language(
    limited_app, client_from, language
):
    client = client_from(address="192.0.2.13", accept_language=language)
    for _ in range(10):
        _sign_in(client, "sara@example.org", "fel")
    refused = _sign_in(client, "sara@example.org", "fel")
    assert refused.status_code == 429
    assert 14 * 60 < int(refused.headers["Retry-After"]) <= 15 * 60
    assert refused.headers["Cache-Control"] == "no-store"
    assert html_lang(refused) == language
    text = page_text(refused)
    english = "Please try again in 15 minutes."
    if language in REFUSED_IN:
        assert REFUSED_IN[language] in text
    else:
        assert english not in text and "15" in text
    assert count(User) == 0


def test_sign_up_is_limited_per_address_without_saving_anything(limited_app, client_from):
    client = client_from(address="192.0.2.14")
    answers = [
        client.post("/accounts/sign-up", data={"email": f"p{n}@example.org"}).status_code
        for n in range(21)
    ]
    assert answers[:20] == [200] * 20 and answers[20] == 429
    assert count(User) == 0


@pytest.mark.parametrize("proxies", [0, 1])
def test_behind_a_proxy_the_address_is_the_forwarded_one(app, database_urls, backend, proxies):
    from arena.extensions import db
    from tests.conftest import make_test_app

    proxied = make_test_app(database_urls[backend], RATELIMIT_ENABLED=True, PROXY_COUNT=proxies)
    client = proxied.test_client()
    client.environ_base["REMOTE_ADDR"] = "10.0.0.1"  # the proxy

    def sign_up(visitor):
        headers = {"X-Forwarded-For": visitor}
        return client.post("/accounts/sign-up", data={}, headers=headers).status_code

    assert [sign_up("198.51.100.1") for _ in range(21)][-1] == 429
    # With ProxyFix another visitor behind the same proxy has a count of their own;
    # without it, the header is not trusted and everybody is the proxy.
    assert sign_up("198.51.100.2") == (200 if proxies else 429)
    with proxied.app_context():
        db.engine.dispose()
