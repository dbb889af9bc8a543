"""Reviews: the yearly review of a commitment, its next version, scale-up, adoption
elsewhere, and the lineage that links them."""


def init_app(app) -> None:
    from arena.core.routing import register_routes
    from arena.reviews import adoption_views, views

    register_routes(app, views, adoption_views)
