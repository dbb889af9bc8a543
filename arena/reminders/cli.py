"""`flask --app arena reminders send`: run it daily (a systemd timer); safe on several
machines at once."""

import click
from flask.cli import AppGroup

reminders_cli = AppGroup("reminders", help="Reminders to report on commitments.")


@reminders_cli.command("send")
def send_command():
    """Mail owners whose indicators are overdue for a value (once per due period)."""
    from arena.core.time import utcnow
    from arena.extensions import db
    from arena.reminders.services import send_reminders

    sent = send_reminders(utcnow())
    db.session.commit()
    click.echo(f"{sent} reminder(s) queued.")
