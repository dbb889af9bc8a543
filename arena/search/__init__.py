"""Full-text search over proposals, commitments, organisations and workshops, the same
on SQLite (FTS5) and PostgreSQL (GIN), kept current by a flush listener."""


def init_app(app) -> None:
    from arena.core.routing import register_routes
    from arena.search import listeners, views
    from arena.search.cli import search_cli

    listeners.listen()
    register_routes(app, views)
    app.cli.add_command(search_cli)
    app.config.setdefault("SEARCH_RESULTS_PER_PAGE", 20)
