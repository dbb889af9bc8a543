"""`flask --app arena following phase-notices` (hourly) and `… following digests` (daily):
see jobs.py; deploy/systemd has timers for both."""

import click
from flask.cli import AppGroup

following_cli = AppGroup("following", help="Follows and notices: scheduled jobs.")


@following_cli.command("phase-notices")
def phase_notices_command():
    """Tell followers of arenas about phases that opened (once per cycle and phase)."""
    from arena.core.time import utcnow
    from arena.extensions import db
    from arena.following.jobs import make_phase_notices

    made = make_phase_notices(utcnow())
    db.session.commit()
    click.echo(f"{made} notice(s) made.")


@following_cli.command("digests")
def digests_command():
    """Queue today's daily digests, and the weekly ones of people whose day it is."""
    from arena.core.time import utcnow
    from arena.extensions import db
    from arena.following.jobs import send_digests

    report = send_digests(utcnow())
    db.session.commit()
    click.echo(f"{report.daily} daily and {report.weekly} weekly digest(s) queued.")
