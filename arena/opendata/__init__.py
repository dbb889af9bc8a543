"""Open data: the public part of every arena's and the city's yearly export at stable
addresses without sign-in, with a data card, and a DCAT-AP-SE catalogue for
dataportal.se. No models of its own: the files are made from the exports' tables."""


def init_app(app) -> None:
    from arena.core.routing import register_routes
    from arena.opendata import views

    register_routes(app, views)
