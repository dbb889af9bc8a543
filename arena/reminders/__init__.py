"""Reminders to report: owners are mailed when an indicator's value is overdue, and
facilitators and staff see the overdue commitments."""


def init_app(app) -> None:
    from arena.reminders.cli import reminders_cli

    app.cli.add_command(reminders_cli)
