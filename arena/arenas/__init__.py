"""Arenas (districts), themes, co-benefits and yearly cycles with their phases."""


def init_app(app) -> None:
    from arena.arenas import manage_views, statistics_views, views
    from arena.core.routing import register_routes

    register_routes(app, views, manage_views, statistics_views)
    from arena.arenas import reference

    reference.init_app(app)
    from arena.arenas.clock import next_change_after
    from arena.core.freshness import expire_by_clock

    # Cached pages end when a phase starts or a day does.
    expire_by_clock(app, next_change_after)

    @app.context_processor
    def phase_helpers():
        from flask import g

        from arena.arenas.phases import phase_at

        return {"phase_of": lambda cycle: phase_at(cycle, g.now)}
