"""A real SMTP server on a loopback port (aiosmtpd), for tests that read delivered mail.

    def test_reset_mail_arrives(app, smtp_server, send_outbox, client_for):
        ...                              # something queues mail
        send_outbox()                    # the worker sends it to smtp_server
        [mail] = smtp_server.messages    # email.message.EmailMessage objects
        assert mail["To"] == "ada@example.org"
        text = mail.get_body(("plain",)).get_content()

`smtp_server` (no app needed):
- `.url`: the ARENA_MAIL_URL value that points at it (`smtp://127.0.0.1:<port>`)
- `.messages`: every message received, parsed (`email.policy.default`), oldest first
- `.envelopes`: (mail_from, [rcpt_tos]) of each, in the same order
- `.refuse(address, code=550)`: answer RCPT TO for that address with an error
- `.stop()` / `.start()`: take the server down and bring it back on the same port
- `.clear()`: forget what was received

`send_outbox(now=None)`: points the test's app at the server (MAIL_URL, undone after the
test) and runs the worker once; returns its SendReport (`.sent`, `.retried`, `.failed`).
"""

from __future__ import annotations

import email
import email.policy
import socket

import pytest
from aiosmtpd.controller import Controller

HOST = "127.0.0.1"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


class SmtpServer:
    def __init__(self):
        self.port = _free_port()
        self.messages: list[email.message.EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self.refused: dict[str, int] = {}
        self._controller: Controller | None = None

    @property
    def url(self) -> str:
        return f"smtp://{HOST}:{self.port}?timeout=5"

    @property
    def running(self) -> bool:
        return self._controller is not None

    def start(self) -> None:
        if self._controller is None:
            controller = Controller(self, hostname=HOST, port=self.port)
            controller.start()
            self._controller = controller

    def stop(self) -> None:
        controller, self._controller = self._controller, None
        if controller is not None:
            controller.stop()

    def refuse(self, address: str, code: int = 550) -> None:
        self.refused[address.lower()] = code

    def clear(self) -> None:
        self.messages.clear()
        self.envelopes.clear()

    # aiosmtpd's handler hooks
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        code = self.refused.get(address.lower())
        if code:
            return f"{code} {'5.1.1 No such mailbox' if code >= 500 else '4.2.1 Try later'}"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        self.messages.append(
            email.message_from_bytes(
                envelope.original_content or envelope.content, policy=email.policy.default
            )
        )
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server():
    server = SmtpServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def send_outbox(app, smtp_server, monkeypatch):
    from arena.mail import worker

    monkeypatch.setitem(app.config, "MAIL_URL", smtp_server.url)

    def send(now=None):
        return worker.send_due(now=now)

    return send
