"""Reports from users, facilitators' moderation actions, and the audit log."""


def init_app(app) -> None:
    from arena.core.routing import register_routes
    from arena.moderation import views

    register_routes(app, views)
