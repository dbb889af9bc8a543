"""Selections: turning the proposals a cycle chose into commitments."""


def init_app(app) -> None:
    from arena.core.routing import register_routes
    from arena.selections import views

    register_routes(app, views)
