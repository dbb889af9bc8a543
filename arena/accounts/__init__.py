"""Users, sign-up and sign-in, verification, a forgotten password, sessions that end,
their declared connections to arenas, my page."""


def init_app(app) -> None:
    from arena.accounts import admin_views, lifecycle_views, views
    from arena.core.routing import register_routes

    register_routes(app, views, lifecycle_views, admin_views)
