"""Users, sign-up and sign-in, their declared connections to arenas, my page."""


def init_app(app) -> None:
    from arena.accounts import admin_views, data_views, settings_views, views
    from arena.accounts.settings_cli import accounts_cli
    from arena.core.routing import register_routes

    register_routes(app, views, admin_views, data_views, settings_views)
    app.cli.add_command(accounts_cli)
