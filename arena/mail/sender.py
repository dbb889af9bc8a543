"""Talking to the mail server: `ARENA_MAIL_URL` read into settings, and one SMTP
connection that sends outbox messages through the standard library's smtplib.

    smtp://user:pass@host:587?starttls=1    plain SMTP, upgraded with STARTTLS
    smtps://user:pass@host:465              TLS from the first byte
    smtp://127.0.0.1:1025?timeout=5         no login, no TLS (a local relay)

User names and passwords may be percent-encoded (`p%40ss` for `p@ss`). Errors never
repeat the password.
"""

from __future__ import annotations

import json
import smtplib
import ssl
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from urllib.parse import parse_qs, unquote, urlsplit

from arena.core.time import as_utc, utcnow

DEFAULT_PORTS = {"smtp": 25, "smtps": 465}
DEFAULT_TIMEOUT = 30.0
TRUE_WORDS = {"1", "true", "yes", "on"}


class MailConfigError(ValueError):
    """ARENA_MAIL_URL cannot be understood."""


class MailServerUnavailable(Exception):
    """The server could not be reached or would not let us in: no message is at fault."""


@dataclass(frozen=True)
class MailServer:
    host: str
    port: int
    implicit_tls: bool = False
    starttls: bool = False
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    timeout: float = DEFAULT_TIMEOUT

    @property
    def label(self) -> str:
        """Where mail goes, for messages to operators (no password)."""
        scheme = "smtps" if self.implicit_tls else "smtp"
        return f"{scheme}://{self.host}:{self.port}" + (" (STARTTLS)" if self.starttls else "")


def parse_mail_url(url: str) -> MailServer:
    """Read `smtp://[user[:password]@]host[:port][?starttls=1&timeout=S]` or `smtps://…`."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise MailConfigError(f"ARENA_MAIL_URL is not a valid address: {exc}") from None
    if parts.scheme not in DEFAULT_PORTS:
        raise MailConfigError("ARENA_MAIL_URL must start with smtp:// or smtps://")
    if not parts.hostname:
        raise MailConfigError("ARENA_MAIL_URL has no host name")
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    unknown = set(query) - {"starttls", "timeout"}
    if unknown:
        raise MailConfigError(f"ARENA_MAIL_URL has unknown options: {', '.join(sorted(unknown))}")
    try:
        timeout = float(query.get("timeout", DEFAULT_TIMEOUT))
    except ValueError:
        raise MailConfigError("ARENA_MAIL_URL: timeout must be a number of seconds") from None
    if timeout <= 0:
        raise MailConfigError("ARENA_MAIL_URL: timeout must be more than 0 seconds")
    implicit_tls = parts.scheme == "smtps"
    starttls = query.get("starttls", "").lower() in TRUE_WORDS
    if implicit_tls and starttls:
        raise MailConfigError("ARENA_MAIL_URL: smtps:// is already encrypted; drop starttls")
    return MailServer(
        host=parts.hostname,
        port=port or DEFAULT_PORTS[parts.scheme],
        implicit_tls=implicit_tls,
        starttls=starttls,
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password is not None else None,
        timeout=timeout,
    )


def message_id(message, sender: str) -> str:
    """The same Message-ID on every try, so a message sent twice is recognisably one."""
    domain = parseaddr(sender)[1].rpartition("@")[2] or "arena.invalid"
    stamp = int(as_utc(message.created_at).timestamp())
    return f"<outbox-{message.id}-{stamp}@{domain}>"


def build_email(message, *, sender: str, now=None) -> EmailMessage:
    """An outbox row as a MIME message: plain text, with the HTML as its alternative."""
    email = EmailMessage()
    email["From"] = sender
    email["To"] = message.to_address
    email["Subject"] = message.subject
    email["Date"] = format_datetime(now or utcnow())
    email["Message-ID"] = message_id(message, sender)
    # Tells autoresponders ("I'm on holiday") not to answer a machine.
    email["Auto-Submitted"] = "auto-generated"
    # Quoted-printable keeps å, ä, ö intact through servers that only speak 7-bit.
    email.set_content(message.body_text, cte="quoted-printable")
    email.add_alternative(message.body_html, subtype="html", cte="quoted-printable")
    # After the content: set_content() drops every Content-* header set before it.
    email["Content-Language"] = message.language
    for name, value in extra_headers(message).items():
        email[name] = value
    return email


# Extra headers a feature may set; anything else in the column is ignored, so no
# row can forge a From or a To.
ALLOWED_HEADERS = ("List-Unsubscribe", "List-Unsubscribe-Post", "List-Id")


def extra_headers(message) -> dict[str, str]:
    """The message's own extra headers (see OutboxMessage.headers), the allowed ones."""
    raw = getattr(message, "headers", None)
    if not raw:
        return {}
    try:
        values = json.loads(raw)
    except ValueError:
        return {}
    if not isinstance(values, dict):
        return {}
    return {
        name: str(values[name]).replace("\r", " ").replace("\n", " ")
        for name in ALLOWED_HEADERS
        if name in values
    }


class SmtpConnection:
    """One session with the server, opened on first use and reused for a batch.

    `open()` raises MailServerUnavailable when the server cannot be reached, refuses
    TLS or the login; `send()` lets the server's answer about one message through
    (smtplib.SMTPException, OSError), which counts against that message alone.
    """

    def __init__(self, server: MailServer, sender: str):
        self.server = server
        self.sender = sender
        self._smtp: smtplib.SMTP | None = None

    def open(self) -> None:
        if self._smtp is not None:
            return
        server = self.server
        context = ssl.create_default_context()
        try:
            if server.implicit_tls:
                smtp = smtplib.SMTP_SSL(
                    server.host, server.port, timeout=server.timeout, context=context
                )
            else:
                smtp = smtplib.SMTP(server.host, server.port, timeout=server.timeout)
            try:
                if server.starttls:
                    smtp.starttls(context=context)
                if server.username:
                    smtp.login(server.username, server.password or "")
            except BaseException:
                smtp.close()
                raise
        except (OSError, smtplib.SMTPException) as exc:
            raise MailServerUnavailable(f"{server.label}: {describe(exc)}") from exc
        self._smtp = smtp

    def send(self, message, *, now=None) -> None:
        self.open()
        email = build_email(message, sender=self.sender, now=now)
        try:
            self._smtp.send_message(email)
        except (smtplib.SMTPServerDisconnected, OSError):
            # The session is gone: the next message opens a new one.
            self.close()
            raise

    def close(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is None:
            return
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            smtp.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()


def describe(exc: BaseException) -> str:
    """A short, password-free account of what went wrong, for last_error."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        answers = [f"{code} {_text(reply)}" for code, reply in exc.recipients.values()]
        return "recipient refused: " + "; ".join(answers)
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"{type(exc).__name__}: {exc.smtp_code} {_text(exc.smtp_error)}"
    return f"{type(exc).__name__}: {exc}"


def _text(reply) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
