"""City staff's workplace: the arenas side by side, indicators compared, what is
ready to scale, the year's report, and the way to exports, statistics and the
audit logs of every arena."""


def init_app(app) -> None:
    from arena.core.routing import register_routes
    from arena.staff import compare_views, indicator_views, report_views, scale_views, views

    register_routes(app, views, compare_views, indicator_views, scale_views, report_views)
