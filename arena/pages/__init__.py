"""Site-wide pages: home, language choice, and the pages every public service must have."""


def init_app(app) -> None:
    from arena.core.routing import register_routes
    from arena.pages import views

    register_routes(app, views)
