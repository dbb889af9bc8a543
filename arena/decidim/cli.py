"""`flask --app arena decidim import` and `decidim export-results`: the same import
and results file as the facilitator's pages, from the command line."""

import click
from flask.cli import AppGroup

decidim = AppGroup("decidim", help="Proposals from Decidim, and results back to it.")


def _arena_and_cycle(slug: str, year: int | None):
    from sqlalchemy import select

    from arena.arenas import queries
    from arena.arenas.models import Arena
    from arena.core.time import utcnow
    from arena.extensions import db

    arena = db.session.scalar(select(Arena).where(Arena.slug == slug[:60]))
    if arena is None:
        raise click.ClickException(f"There is no arena {slug!r}.")
    cycle = queries.get_cycle(arena, year) if year else queries.get_current_cycle(arena, utcnow())
    if cycle is None:
        raise click.ClickException(f"{arena.name} has no cycle {year or 'now'}.")
    return arena, cycle


def _chosen(theme_maps) -> dict[str, str]:
    chosen = {}
    for pair in theme_maps:
        category, equals, theme = pair.rpartition("=")
        if not equals:
            raise click.BadParameter(f"{pair!r} is not CATEGORY=THEME.", param_hint="--theme-map")
        chosen[category.strip()] = theme.strip()
    return chosen


def _report(plan, themes) -> None:
    click.echo(
        f"{plan.cycle.arena.name} {plan.cycle.year}: {len(plan.new)} new, "
        f"{len(plan.updated)} to update, {len(plan.unchanged)} unchanged, "
        f"{len(plan.read.skipped)} not imported."
    )
    for row in plan.read.skipped:
        click.echo(f"  line {row.line} (Decidim {row.decidim_id}): {row.skip}")
    for category, theme in themes.items():
        click.echo(f"  category {category or '(none)'!r} -> theme {theme.key}")


@decidim.command("import")
@click.option("--arena", "slug", required=True, help="The arena's short name, such as jarva.")
@click.option("--year", type=int, help="The cycle to import into (default: the current one).")
@click.option(
    "--theme-map",
    "theme_maps",
    multiple=True,
    metavar="CATEGORY=THEME",
    help="The theme (transport, energy…) of a Decidim category; others are guessed.",
)
@click.option("--dry-run", is_flag=True, help="Show what would be imported; save nothing.")
@click.argument("file", type=click.File("rb"))
def import_command(slug, year, theme_maps, dry_run, file):
    """Import proposals from a Decidim proposals export (CSV or JSON)."""
    from arena.arenas.queries import list_themes
    from arena.core.errors import ActionRefused
    from arena.core.time import utcnow
    from arena.decidim import reading, services, themes
    from arena.extensions import db

    _arena, cycle = _arena_and_cycle(slug, year)
    read = reading.read_export(file.read())
    if read.error:
        raise click.ClickException(read.error)
    for problem in read.problems:
        click.echo(problem, err=True)
    if read.problems:
        raise click.ClickException("Nothing was imported.")
    plan = services.plan_import(cycle, read)
    try:
        mapping = themes.theme_map(plan.categories, list_themes(), _chosen(theme_maps))
        _report(plan, mapping)
        if dry_run:
            click.echo("Dry run: nothing was saved.")
            return
        added, updated = services.import_proposals(None, plan, mapping, now=utcnow(), source="cli")
    except ActionRefused as refusal:
        db.session.rollback()
        raise click.ClickException(refusal.message) from refusal
    db.session.commit()
    click.echo(f"Imported: {added} added, {updated} updated.")


@decidim.command("export-results")
@click.option("--arena", "slug", required=True, help="The arena's short name, such as jarva.")
@click.option("--year", type=int, help="The cycle (default: the current one).")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), required=True)
def export_results_command(slug, year, output):
    """Write the cycle's commitments as a Decidim accountability results CSV."""
    from arena.decidim.results import results_csv

    arena, cycle = _arena_and_cycle(slug, year)
    output.write(results_csv(arena, cycle))
    click.echo(f"Wrote the commitments of {arena.name} {cycle.year}.", err=True)
