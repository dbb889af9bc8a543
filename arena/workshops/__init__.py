"""In-person workshops and what was said and voted there."""


def init_app(app) -> None:
    from arena.core.routing import register_routes
    from arena.workshops import batch_views, code_views, sheet_views, views

    register_routes(app, views, code_views, batch_views, sheet_views)
