"""Exports: every table of an arena's cycle, or of the whole city's year, as CSV,
CSV for Swedish Excel, XLSX, JSON or a zip bundle with a data package — streamed,
without personal data. No models of its own."""


def init_app(app) -> None:
    from arena.core.routing import register_routes
    from arena.exports import views
    from arena.exports.cli import export_command

    register_routes(app, views)
    app.cli.add_command(export_command)
