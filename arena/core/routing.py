"""URL converters shared by every blueprint, and the 404 for rows an address does not name."""

from flask import abort
from werkzeug.routing import IntegerConverter

from arena.core.database import MAX_INTEGER, fits_integer_column
from arena.extensions import db


def found_or_404(row):
    """`row`, or a 404 (as for any wrong address) when there is none."""
    if row is None:
        abort(404)
    return row


def get_child_or_404(model, row_id: int, *, belongs):
    """The row of `model` an address names, only when `belongs(row)`: an id is looked up
    within the page's parent (an indicator of this commitment), any other is a 404."""
    row = db.session.get(model, row_id) if fits_integer_column(row_id) else None
    return found_or_404(row if row is not None and belongs(row) else None)


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
