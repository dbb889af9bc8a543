"""Arenas (districts), themes, co-benefits and yearly cycles with their phases."""


def init_app(app) -> None:
    from arena.arenas import manage_views, statistics_views, views
    from arena.core.routing import register_routes

    register_routes(app, views, manage_views, statistics_views)

    @app.context_processor
    def phase_helpers():
        from flask import g

        from arena.arenas.phases import phase_at

        return {"phase_of": lambda cycle: phase_at(cycle, g.now)}
