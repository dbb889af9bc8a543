"""The page where city staff import district statistics from a CSV file."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField

from arena.arenas import queries
from arena.arenas.statistics import (
    HEADER,
    can_import_statistics,
    import_statistics,
    parse_statistics_csv,
)
from arena.core.actions import attempt
from arena.core.forms import ArenaForm

bp = Blueprint("statistics", __name__, url_prefix="/statistics")

MAX_BYTES = 1024 * 1024


@bp.app_template_filter("statistic_value")
def statistic_value(value: float) -> str:
    """A figure in the reader's number format (4,2 in Swedish), without spurious decimals."""
    return format_decimal(value, format="#,##0.###")


class ImportForm(ArenaForm):
    file = FileField(
        _l("CSV file"),
        validators=[FileRequired(_l("Choose a CSV file."))],
        description=_l("At most 1 MB. Separated by commas or semicolons, UTF-8."),
    )
    is_example = BooleanField(_l("These are example figures, not official statistics"))


def _read(upload) -> tuple[list, list[str]]:
    """The file's rows, or the errors that keep any of it from being imported."""
    try:
        data = upload.read(MAX_BYTES + 1)
    finally:
        upload.close()  # large uploads are spooled to a temporary file
    if len(data) > MAX_BYTES:
        return [], [_("The file is larger than 1 MB.")]
    return parse_statistics_csv(data, queries.list_arenas())


@bp.route("/import", methods=["GET", "POST"])
@login_required
def import_page():
    if not can_import_statistics(current_user):
        abort(403)
    form = ImportForm()
    errors: list[str] = []
    if form.validate_on_submit():
        rows, errors = _read(form.file.data)
        with attempt(form) as done:
            if not errors:
                added, updated = import_statistics(
                    current_user, rows, is_example=form.is_example.data
                )
        if done and not errors:
            flash(
                _(
                    "Imported: %(added)d new figures, %(updated)d updated.",
                    added=added,
                    updated=updated,
                ),
                "success",
            )
            return redirect(url_for("statistics.import_page"), code=303)
    return render_template(
        "statistics/import.html", form=form, errors=errors, header=",".join(HEADER)
    )
