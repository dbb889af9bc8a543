"""Commitments: selected proposals carried out and measured for a year."""


def init_app(app) -> None:
    from arena.commitments import checkin_views, indicator_views, pledge_views, views
    from arena.core.routing import register_routes

    register_routes(app, views, indicator_views, checkin_views, pledge_views)
