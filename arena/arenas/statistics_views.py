"""The pages where city staff import district statistics from a CSV file (with a
preview before anything is saved) and delete a year's figures (after a question)."""

from flask import Blueprint, abort, flash, g, redirect, render_template, url_for
from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, HiddenField, SelectField, StringField
from wtforms.validators import NumberRange

from arena.arenas import queries, statistics_plan, statistics_uploads
from arena.arenas.statistics import (
    EXAMPLE_SOURCE,
    HEADER,
    can_import_statistics,
    import_statistics,
    indicator_names,
    parse_statistics_csv,
)
from arena.arenas.statistics_csv import NAME_COLUMNS
from arena.core.actions import attempt
from arena.core.errors import ActionRefused
from arena.core.forms import ArenaForm, Required, WholeNumberField, max_length

bp = Blueprint("statistics", __name__, url_prefix="/statistics")

MAX_BYTES = 1024 * 1024
ALL_ARENAS = "all"


@bp.app_template_global()
def statistic_names(statistics) -> dict[str, tuple[str, str]]:
    """The names of the arena page's indicators in the reader's language (one query)."""
    return indicator_names(statistics.keys())


@bp.app_template_global()
def statistic_source(figure) -> str:
    """The source to show beside a figure: example figures carry the example label
    already, so a source that only says the same is not shown twice."""
    if figure.is_example and figure.source == EXAMPLE_SOURCE:
        return ""
    return figure.source


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
    replace_years = BooleanField(
        _l(
            "Replace the years in the file: delete the stored figures of its arenas and years "
            "that the file does not have"
        )
    )


class ConfirmForm(ArenaForm):
    token = HiddenField(validators=[Required(_l("Upload the file again."))])


class DeleteForm(ArenaForm):
    arena = SelectField(_l("Arena"))
    year = WholeNumberField(
        _l("Year"),
        validators=[
            Required(_l("Enter the year whose figures to delete.")),
            NumberRange(1900, 2100, _l("Enter a year like 2024.")),
        ],
    )
    reason = StringField(_l("Why (for the audit log, optional)"), validators=[max_length(300)])
    confirmed = HiddenField()


def _read(upload) -> tuple[bytes, list, list[str]]:
    """The file's content and rows, or the errors that keep any of it from being imported."""
    try:
        data = upload.read(MAX_BYTES + 1)
    finally:
        upload.close()  # large uploads are spooled to a temporary file
    if len(data) > MAX_BYTES:
        return data, [], [_("The file is larger than 1 MB.")]
    rows, errors = parse_statistics_csv(data, queries.list_arenas())
    return data, rows, errors


def _ensure_staff() -> None:
    if not can_import_statistics(current_user):
        abort(403)


def _import_page(form, errors=(), **preview):
    return render_template(
        "statistics/import.html",
        form=form,
        errors=errors,
        header=",".join(HEADER),
        name_columns=", ".join(NAME_COLUMNS),
        **preview,
    )


@bp.route("/import", methods=["GET", "POST"])
@login_required
def import_page():
    """Step one: read the file; show every wrong row, or what it would change."""
    _ensure_staff()
    form = ImportForm()
    if not form.validate_on_submit():
        return _import_page(form)
    data, rows, errors = _read(form.file.data)
    if errors:
        return _import_page(form, errors)
    plan = statistics_plan.plan_import(rows, replace_years=form.replace_years.data)
    with attempt(form) as done:
        upload = statistics_uploads.keep_upload(
            current_user,
            data,
            is_example=form.is_example.data,
            replace_years=form.replace_years.data,
            now=g.now,
        )
    if not done:
        return _import_page(form)
    return render_template(
        "statistics/preview.html",
        plan=plan,
        summary=plan.by_arena_and_year({a.id: a for a in queries.list_arenas()}),
        arenas={a.id: a for a in queries.list_arenas()},
        limit=statistics_plan.PREVIEW_LIMIT,
        confirm_form=ConfirmForm(token=upload.token),
        is_example=upload.is_example,
    )


@bp.post("/import/confirm")
@login_required
def confirm_import():
    """Step two: import the stored file, all of it or nothing."""
    _ensure_staff()
    form = ConfirmForm()
    if not form.validate_on_submit():
        flash(_("Upload the file again."), "error")
        return redirect(url_for("statistics.import_page"), code=303)
    with attempt(form) as done:
        upload = statistics_uploads.take_upload(current_user, form.token.data, now=g.now)
        rows, errors = parse_statistics_csv(upload.content, queries.list_arenas())
        if errors:  # the arenas changed since the preview
            raise ActionRefused(errors[0], 409)
        added, updated = import_statistics(
            current_user, rows, is_example=upload.is_example, replace_years=upload.replace_years
        )
    if not done:
        return redirect(url_for("statistics.import_page"), code=303)
    flash(
        _("Imported: %(added)d new figures, %(updated)d updated.", added=added, updated=updated),
        "success",
    )
    return redirect(url_for("statistics.import_page"), code=303)


def _delete_form():
    form = DeleteForm()
    form.arena.choices = [(ALL_ARENAS, _("All arenas"))] + [
        (a.slug, a.name) for a in queries.list_arenas()
    ]
    return form


@bp.route("/delete-year", methods=["GET", "POST"])
@login_required
def delete_page():
    """Delete one year's figures, for one arena or all: first what would go, then, after
    the question is answered, the deletion."""
    _ensure_staff()
    form = _delete_form()
    if not form.validate_on_submit():
        return render_template("statistics/delete.html", form=form, pending=None)
    arena = (
        None if form.arena.data == ALL_ARENAS else queries.get_arena_by_slug_or_404(form.arena.data)
    )
    if form.confirmed.data != "yes":
        pending = statistics_plan.count_figures(arena, form.year.data)
        return render_template("statistics/delete.html", form=form, pending=pending, arena=arena)
    with attempt(form) as done:
        deleted = statistics_plan.delete_figures(
            current_user, arena, form.year.data, reason=form.reason.data or ""
        )
    if done:
        flash(_("Deleted %(num)d figures.", num=deleted), "success")
        return redirect(url_for("statistics.delete_page"), code=303)
    return render_template("statistics/delete.html", form=form, pending=None)
