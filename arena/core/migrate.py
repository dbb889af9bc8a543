"""Flask-Migrate, bound the first time something needs it: `flask db …`,
migrations/env.py, or `flask_migrate.upgrade()` in a test. Importing Flask-Migrate
imports Alembic, about 10 MB in every web worker, and a web worker never migrates."""

from __future__ import annotations

import click
from flask import Flask

from arena.config import PROJECT_ROOT


def init_migrate(app: Flask) -> None:
    app.extensions["migrate"] = _Unbound(app)
    app.cli.add_command(_MigrationCommands(app))


def bind_migrate(app: Flask):
    """Flask-Migrate's registration for `app` (what app.extensions["migrate"] holds)."""
    found = app.extensions["migrate"]
    if isinstance(found, _Unbound):
        from flask_migrate import Migrate

        from arena.extensions import db

        # Absolute path: Flask-Migrate would otherwise look in the current directory.
        # Batch mode lets SQLite alter tables; compare_type catches column type changes.
        directory = str(PROJECT_ROOT / "migrations")
        Migrate(app, db, directory=directory, render_as_batch=True, compare_type=True)
        found = app.extensions["migrate"]
    return found


class _Unbound:
    """Stands in app.extensions["migrate"] until one of its attributes is read."""

    def __init__(self, app: Flask):
        self._app = app

    def __getattr__(self, name: str):
        return getattr(bind_migrate(self._app), name)


class _MigrationCommands(click.Command):
    """`flask db`, listed without importing anything; once it is run, Flask-Migrate's
    own group parses the rest of the command line and runs it."""

    def __init__(self, app: Flask):
        super().__init__("db", help="Perform database migrations.")
        self._app = app

    def make_context(self, info_name, args, parent=None, **extra):
        bind_migrate(self._app)
        from flask_migrate.cli import db

        return db.make_context(info_name, args, parent=parent, **extra)
