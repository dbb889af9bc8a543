"""App-wide commands: `flask --app arena seed-demo`, `flask --app arena i18n update`."""

import subprocess
import sys

import click
from flask import Flask
from flask.cli import AppGroup, with_appcontext

from arena.config import PROJECT_ROOT


def register_cli(app: Flask) -> None:
    for command in (seed_demo_command, seed_city_command, is_empty_command, users, stats, i18n):
        app.cli.add_command(command)


@click.command("seed-demo")
@with_appcontext
def seed_demo_command():
    """Load the demo arenas, proposals and accounts (running it twice changes nothing)."""
    from arena.core.time import utcnow
    from arena.demo import seed_demo
    from arena.extensions import db

    accounts = seed_demo(utcnow())
    db.session.commit()
    click.echo("Demo data is loaded. Demo accounts (e-mail / password):")
    for role, email, password in accounts:
        click.echo(f"  {role:<12} {email:<28} {password}")


def _size_option(name: str, default: int, what: str):
    return click.option(f"--{name}", type=click.IntRange(min=0), default=default, help=what)


@click.command("seed-city")
@_size_option("people", 50_000, "Generated residents (person<N>@city.example.org).")
@_size_option("proposals", 20_000, "Proposals over the five arenas (half in Järva).")
@_size_option("supports", 1_000_000, "Supports, within each person's budget.")
@_size_option("comments", 100_000, "Comments, a third of them replies.")
@_size_option("workshops", 200, "In-person workshops with dot votes.")
@_size_option("commitments", 150, "Commitments from the most supported proposals.")
@click.option(
    "--budget",
    type=click.IntRange(min=1),
    help="Supports per person and cycle (default: enough for --supports).",
)
@click.option("--seed", type=int, default=13, help="Random seed: the same seed, the same data.")
@click.option("--small", is_flag=True, help="A small set for tests (sizes given are ignored).")
@with_appcontext
def seed_city_command(small, **sizes):
    """Load the demo, then a city-scale data set in bulk (about a minute at the default
    size). Every generated person signs in with the password printed at the end."""
    from arena.core.freshness import pages_changed
    from arena.core.time import utcnow
    from arena.demo import city
    from arena.extensions import db

    wanted = city.CitySizes(**sizes)
    wanted = city.small(wanted) if small else wanted
    with click.progressbar(length=wanted.total(), label="Seeding the city") as bar:
        try:
            written = city.seed_city(utcnow(), wanted, bar.update)
        except city.CityExists:
            raise click.ClickException("This database holds the city data set already.") from None
        except ValueError as problem:
            raise click.ClickException(str(problem)) from None
        db.session.commit()
    city.settle(db.engine)
    # Most rows went in by COPY / executemany on the raw connection, which the page
    # cache's write hooks do not see.
    pages_changed()
    for table, count in sorted(written.items()):
        click.echo(f"  {table:<28} {count:>10,}")
    click.echo(f"Every person<N>@{city.CITY_DOMAIN} signs in with {city.CITY_PASSWORD}")


@click.command("is-empty", hidden=True)
@with_appcontext
def is_empty_command():
    """Exit 0 when the database has no arenas yet (used by `make run`)."""
    from sqlalchemy import func, select

    from arena.arenas.models import Arena
    from arena.extensions import db

    sys.exit(0 if db.session.scalar(select(func.count(Arena.id))) == 0 else 1)


users = AppGroup("users", help="User roles.")
ROLES = click.Choice(["facilitator", "staff", "admin"])


def _role_command(name: str, *, grant: bool, help: str):
    """`users grant` and `users revoke` take the same arguments: ROLE EMAIL [ARENA]."""

    @users.command(name, help=help)
    @click.argument("role", type=ROLES)
    @click.argument("email")
    @click.argument("arena_slug", required=False)
    def command(role, email, arena_slug):
        _change_role(role, email, arena_slug, grant=grant)

    return command


grant_command = _role_command(
    "grant",
    grant=True,
    help="Give EMAIL a role: `grant facilitator EMAIL ARENA`, `grant staff EMAIL`.",
)
revoke_command = _role_command(
    "revoke", grant=False, help="Take a role away: `revoke facilitator EMAIL ARENA`."
)


stats = AppGroup("stats", help="District statistics.")


@stats.command("import")
@click.argument("file", type=click.File("rb"))
@click.option(
    "--example", is_flag=True, help="Mark the figures as example data, not official statistics."
)
def stats_import_command(file, example):
    """Import district statistics from a CSV file (arena,indicator,year,value,unit,source)."""
    from arena.arenas.queries import list_arenas
    from arena.arenas.statistics import import_statistics, parse_statistics_csv
    from arena.extensions import db

    rows, errors = parse_statistics_csv(file.read(), list_arenas())
    if errors:
        for error in errors:
            click.echo(error, err=True)
        raise click.ClickException("Nothing was imported.")
    added, updated = import_statistics(None, rows, is_example=example, source="cli")
    db.session.commit()
    click.echo(f"Imported: {added} added, {updated} updated.")


i18n = AppGroup("i18n", help="Translation catalogs.")


@i18n.command("update")
def i18n_update():
    """Extract messages, update every catalog, fill English from the source, compile."""
    pot = PROJECT_ROOT / "translations" / "messages.pot"
    _pybabel(
        "extract",
        "-F",
        "babel.cfg",
        "-k",
        "_l",
        "--no-location",
        "--sort-output",
        "--omit-header",
        "-o",
        str(pot),
        ".",
    )
    _pybabel("update", "-i", str(pot), "-d", "translations", "--no-fuzzy-matching")
    fill_source_catalog(PROJECT_ROOT / "translations" / "en" / "LC_MESSAGES" / "messages.po")
    _pybabel("compile", "-d", "translations", "--statistics")


@i18n.command("compile")
def i18n_compile():
    """Build the .mo files the app reads."""
    _pybabel("compile", "-d", "translations")


def _change_role(role: str, email: str, arena_slug: str | None, *, grant: bool) -> None:
    from sqlalchemy import select

    from arena.accounts import roles
    from arena.accounts.services import find_user_by_email
    from arena.arenas.models import Arena
    from arena.core.errors import ActionRefused
    from arena.extensions import db

    user = find_user_by_email(email)
    if user is None:
        raise click.ClickException(f"No user with the e-mail address {email}.")
    arena = None
    if role == "facilitator":
        if not arena_slug:
            raise click.ClickException("Name the arena: grant facilitator EMAIL ARENA.")
        arena = db.session.scalar(select(Arena).where(Arena.slug == arena_slug))
        if arena is None:
            slugs = ", ".join(db.session.scalars(select(Arena.slug).order_by(Arena.slug)))
            raise click.ClickException(f"No arena {arena_slug!r}. Arenas: {slugs}.")
    change = roles.grant_role if grant else roles.revoke_role
    try:
        changed = change(None, user, role, arena, source="cli")
    except ActionRefused as refusal:
        raise click.ClickException(str(refusal.message)) from refusal
    db.session.commit()
    where = f" in {arena.name}" if arena else ""
    verb = "now has" if grant else "no longer has"
    click.echo(f"{email} {verb} the {role} role{where}." if changed else "Nothing to change.")


def _pybabel(*args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", *args], cwd=PROJECT_ROOT, check=True
    )


def fill_source_catalog(path) -> None:
    """English is the source language: its catalog repeats each message as written."""
    from babel.messages.pofile import read_po, write_po

    with open(path, "rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            message.string = tuple(message.id)
        elif not message.string:
            message.string = message.id
        message.flags.discard("fuzzy")
    catalog.fuzzy = False
    with open(path, "wb") as handle:
        write_po(handle, catalog, sort_output=True, width=100)
