"""URL converters shared by every blueprint."""

from werkzeug.routing import IntegerConverter

from arena.core.database import MAX_INTEGER


class BoundedIntConverter(IntegerConverter):
    """`<int:…>` that matches only numbers an INTEGER column can hold.

    An id beyond the database's range can name no row, so it is a 404 like any
    other unknown id, instead of an error from the database.
    """

    def __init__(self, url_map, fixed_digits=0, min=None, max=None, signed=False):
        super().__init__(
            url_map, fixed_digits=fixed_digits, min=min, max=max or MAX_INTEGER, signed=signed
        )


def register_converters(app) -> None:
    app.url_map.converters["int"] = BoundedIntConverter


def register_routes(app, *modules) -> None:
    """Register the blueprints that `modules` add their routes to.

    A feature's views may be split over several modules that share one blueprint
    (so its endpoints keep one name); naming every module here imports them all
    before the blueprint is registered.
    """
    for blueprint in dict.fromkeys(module.bp for module in modules):
        app.register_blueprint(blueprint)
