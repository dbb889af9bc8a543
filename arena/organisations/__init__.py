"""Local actors: associations, shops, housing companies, schools, public bodies."""


def init_app(app) -> None:
    from arena.core.routing import register_routes
    from arena.organisations import invitation_views, views

    register_routes(app, views, invitation_views)
