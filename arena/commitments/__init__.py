"""Commitments: selected proposals run and measured for a year, then reviewed."""


def init_app(app) -> None:
    from arena.commitments import followup_views, review_views, views
    from arena.core.routing import register_routes

    register_routes(app, views, followup_views, review_views)
