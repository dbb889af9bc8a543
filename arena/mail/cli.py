"""`flask --app arena outbox …`: send what is due (once or in a loop), send a test
message, purge old sent messages."""

from __future__ import annotations

import signal
import threading
from datetime import timedelta

import click
from flask.cli import AppGroup

from arena.core.time import utcnow
from arena.extensions import db
from arena.mail import services, worker
from arena.mail.sender import MailConfigError

outbox = AppGroup("outbox", help="The mail outbox: send, test, purge.")

NO_SERVER = (
    "No mail server is configured: set ARENA_MAIL_URL (smtp://user:pass@host:587?starttls=1). "
    "Nothing was changed; messages stay in the outbox."
)


def _require_server():
    try:
        server = worker.configured_server()
    except MailConfigError as exc:
        raise click.ClickException(str(exc)) from None
    if server is None:
        raise click.ClickException(NO_SERVER)
    return server


def _summary(report: worker.SendReport) -> str:
    text = (
        f"Sent: {report.sent}, to be tried again: {report.retried}, "
        f"failed for good: {report.failed}."
    )
    if report.outage:
        text += f" The mail server did not answer ({report.outage}); the rest waits."
    return text


@outbox.command("send")
@click.option("--loop", is_flag=True, help="Keep sending until stopped (Ctrl-C or SIGTERM).")
@click.option(
    "--interval",
    type=click.FloatRange(min=0.1),
    default=10.0,
    show_default=True,
    help="Seconds between rounds with --loop.",
)
def send_command(loop, interval):
    """Send every message that is due; with --loop, keep doing so."""
    server = _require_server()
    if not loop:
        report = worker.send_due()
        click.echo(_summary(report))
        if report.outage or report.failed:
            raise SystemExit(1)
        return
    stop = threading.Event()
    previous = signal.signal(signal.SIGTERM, lambda *_: stop.set())
    click.echo(f"Sending mail through {server.label} every {interval:g} s; Ctrl-C stops.")
    try:
        worker.run_loop(interval, stop, lambda report: click.echo(_summary(report)))
    except KeyboardInterrupt:
        stop.set()
    finally:
        signal.signal(signal.SIGTERM, previous)
    click.echo("Stopped.")


@outbox.command("test")
@click.argument("address")
@click.option("--language", default="sv", show_default=True, help="Language of the message.")
def test_command(address, language):
    """Send a test message to ADDRESS now, to check the mail server settings."""
    from flask_babel import lazy_gettext as _l

    from arena.i18n import LANGUAGES
    from arena.mail.outbox import queue

    _require_server()
    if language not in LANGUAGES:
        raise click.BadParameter(f"one of {', '.join(LANGUAGES)}", param_hint="--language")
    message = queue(
        address, "test_message", language=language, subject=_l("Test message from the arena")
    )
    db.session.commit()
    report = worker.send_due()
    db.session.refresh(message)
    click.echo(_summary(report))
    if message.status != "sent":
        raise click.ClickException(
            f"The test message was not sent: {message.last_error or 'see the outbox'}"
        )
    click.echo(f"The test message went to {address}.")


@outbox.command("purge")
@click.option(
    "--days",
    type=click.IntRange(min=0, max=36500),
    default=30,
    show_default=True,
    help="Delete sent messages older than this many days.",
)
def purge_command(days):
    """Delete sent messages older than DAYS days (their links are secrets)."""
    deleted = services.purge_sent(before=utcnow() - timedelta(days=days))
    db.session.commit()
    click.echo(f"Deleted {deleted} sent message(s) older than {days} day(s).")
