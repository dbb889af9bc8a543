"""Calendar feeds: each arena's phase dates and workshops as an iCalendar subscription."""


def init_app(app) -> None:
    from arena.calendars import views
    from arena.core.routing import register_routes

    register_routes(app, views)
