"""Users, sign-up and sign-in, verification, a forgotten password, sessions that end,
their declared connections to arenas, my page."""


def init_app(app) -> None:
    from arena.accounts import admin_views, data_views, lifecycle_views, settings_views, views
    from arena.accounts.settings_cli import accounts_cli
    from arena.core.routing import register_routes

    register_routes(app, views, lifecycle_views, admin_views, data_views, settings_views)
    app.cli.add_command(accounts_cli)
