"""Following: follows, notices on the site and by mail, digests, one-click unsubscribe."""


def init_app(app) -> None:
    from arena.core.routing import register_routes
    from arena.following import views
    from arena.following.cli import following_cli

    register_routes(app, views)
    app.cli.add_command(following_cli)
