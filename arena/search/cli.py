"""`flask --app arena search reindex`: build every search document again."""

import click
from flask.cli import AppGroup

search_cli = AppGroup("search", help="The full-text search index.")


@search_cli.command("reindex")
def reindex_command():
    """Build the search documents of every proposal, commitment, organisation and workshop."""
    from arena.extensions import db
    from arena.search.indexing import reindex_all

    counts = reindex_all(db.session.connection())
    db.session.commit()
    for kind, count in counts.items():
        click.echo(f"{kind}: {count}")
