"""Who takes part: optional profile questions, workshops' counts by group, and the
representation pages per arena and for the city (see `queries.summarise`)."""


def init_app(app) -> None:
    from arena.core.routing import register_routes
    from arena.representation import views

    register_routes(app, views)
