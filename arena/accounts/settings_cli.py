"""`flask --app arena accounts remind-expiring`: run it daily (cron, a systemd timer)."""

import click
from flask.cli import AppGroup

accounts_cli = AppGroup("accounts", help="Accounts: reminders.")


@accounts_cli.command("remind-expiring")
def remind_expiring_command():
    """Mail people whose access code expires within 14 days (once per code)."""
    from arena.accounts.settings_reminders import remind_expiring_codes
    from arena.core.time import utcnow
    from arena.extensions import db

    sent = remind_expiring_codes(utcnow())
    db.session.commit()
    click.echo(f"{sent} reminder(s) queued.")
