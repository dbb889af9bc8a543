"""feeds"""


def init_app(app) -> None:
    from arena.core.routing import register_routes
    from arena.feeds import views

    register_routes(app, views)
