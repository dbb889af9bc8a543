"""City staff's workplace: the arenas side by side, indicators compared, what is
ready to scale, the year's report, and the way to exports, statistics and the
audit logs of every arena."""


def init_app(app) -> None:
    from arena.core.routing import register_routes
    from arena.staff import (
        commitment_views,
        compare_views,
        indicator_views,
        report_document,
        report_views,
        scale_views,
        views,
    )

    register_routes(
        app, views, compare_views, commitment_views, indicator_views, scale_views, report_views
    )
    # The export bundle carries the year's report too (exports asks; it imports no staff code).
    app.extensions.setdefault("arena.bundle_documents", {})["report.html"] = (
        report_document.render_report_document
    )
