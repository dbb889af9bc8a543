"""Proposals and the supports (votes) they collect."""


def init_app(app) -> None:
    from arena.core.routing import register_routes
    from arena.proposals import comment_views, views

    register_routes(app, views, comment_views)
