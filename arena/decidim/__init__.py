"""Decidim in and out: proposals from a partner's Decidim export into an arena's
cycle, and the arena's commitments back as Decidim accountability results."""


def init_app(app) -> None:
    from arena.core.routing import register_routes
    from arena.decidim import views
    from arena.decidim.cli import decidim

    register_routes(app, views)
    app.cli.add_command(decidim)
