"""`flask --app arena export`: the same files as the page, written as they are built."""

from __future__ import annotations

import click

from arena.exports.formats import FORMATS, UnknownChoice, build
from arena.exports.scope import ScopeNotFound, resolve


@click.command("export")
@click.option("--year", required=True, help="The cycle's year, e.g. 2026.")
@click.option(
    "--arena", "arena_slug", default=None, help="An arena's slug; leave out for the city."
)
@click.option("--format", "format_", default="bundle", show_default=True, help="|".join(FORMATS))
@click.option("--table", default=None, help="Only this table (required for csv and excel-csv).")
@click.option("--output", required=True, type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--no-audit", is_flag=True, help="Leave out the audit log (staff-only table).")
def export_command(year, arena_slug, format_, table, output, no_audit):
    """Export one arena's cycle, or every arena's cycle of a year (the city)."""
    from arena.core.time import utcnow

    try:
        export = resolve(arena_slug, year, utcnow(), with_audit=not no_audit)
        export.progress = _progress
        file = build(export, format_, table)
    except (ScopeNotFound, UnknownChoice) as problem:
        raise click.ClickException(str(problem)) from problem
    size = 0
    with click.open_file(output, "wb") as handle:
        for chunk in file.chunks:
            handle.write(chunk)
            size += len(chunk)
    click.echo(f"Wrote {output} ({size:,} bytes).", err=True)


def _progress(table: str, rows: int) -> None:
    click.echo(f"  {table}: {rows:,} rows", err=True)
