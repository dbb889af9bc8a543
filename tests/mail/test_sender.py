"""ARENA_MAIL_URL read into server settings; an outbox row built into a MIME message."""

from datetime import UTC, datetime
from types import SimpleNamespace

import pytest

from arena.mail.sender import MailConfigError, build_email, parse_mail_url


def test_a_full_url_with_starttls_and_an_encoded_password():
    server = parse_mail_url(
        "smtp://mailer%40city.se:p%40ss%3Aw%2Fo%23rd@smtp.city.se:587?starttls=1"
    )
    assert (server.host, server.port) == ("smtp.city.se", 587)
    assert server.starttls and not server.implicit_tls
    assert server.username == "mailer@city.se"
    assert server.password == "p@ss:w/o#rd"
    assert "p@ss" not in repr(server) and "p@ss" not in server.label


def test_smtps_means_tls_from_the_start_on_port_465_and_a_timeout_can_be_set():
    server = parse_mail_url("smtps://relay.example.org?timeout=2.5")
    assert (server.port, server.implicit_tls, server.starttls) == (465, True, False)
    assert server.timeout == 2.5
    assert server.username is None and server.password is None


def test_plain_smtp_defaults_to_port_25_without_tls():
    server = parse_mail_url("smtp://127.0.0.1")
    assert (server.port, server.starttls, server.implicit_tls) == (25, False, False)


@pytest.mark.parametrize(
    "url",
    [
        "http://mail.example.org",
        "smtp://",
        "smtp://host:notaport",
        "smtp://host?timeout=soon",
        "smtp://host?timeout=0",
        "smtp://host?tls=1",
        "smtps://host?starttls=1",
    ],
)
def test_urls_that_cannot_work_are_refused_with_a_reason(url):
    with pytest.raises(MailConfigError):
        parse_mail_url(url)


def test_a_message_has_text_and_html_parts_and_the_headers_mail_clients_expect():
    row = SimpleNamespace(
        id=7,
        created_at=datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
        to_address="ada@example.org",
        subject="Återställ ditt lösenord",
        language="sv",
        body_text="Hej Åsa!\n",
        body_html="<p>Hej Åsa!</p>",
    )
    mail = build_email(row, sender="Arena <arena@stad.example>")
    again = build_email(row, sender="Arena <arena@stad.example>")
    assert mail["Message-ID"] == again["Message-ID"] == "<outbox-7-1767323045@stad.example>"
    assert mail["From"] == "Arena <arena@stad.example>"
    assert mail["Content-Language"] == "sv"
    assert mail["Date"]
    assert mail.get_content_type() == "multipart/alternative"
    assert mail.get_body(("plain",)).get_content() == "Hej Åsa!\n"
    assert mail.get_body(("html",)).get_content().strip() == "<p>Hej Åsa!</p>"
    # Nothing 8-bit on the wire, for servers without 8BITMIME.
    assert mail.as_bytes().isascii()
