"""Representation pages (per arena and for the city) and one's own profile answers."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import format_percent
from flask_babel import gettext as _
from flask_login import current_user, login_required

from arena.arenas import queries as arena_queries
from arena.core.actions import attempt
from arena.core.forms import EmptyForm
from arena.representation import charts, queries, rules, services
from arena.representation import questions as q
from arena.representation.forms import WHY_WE_ASK, ProfileQuestionsForm

bp = Blueprint("representation", __name__)


def _year(arena) -> tuple[int, list[int]]:
    """The year asked for (default: the newest with a cycle); 404 for any other."""
    years = queries.list_years(arena)
    wanted = request.args.get("year", "")
    if not wanted and years:
        return years[0], years
    if not (wanted.isascii() and wanted.isdigit() and len(wanted) == 4) or int(wanted) not in years:
        abort(404)
    return int(wanted), years


def percent(share) -> str:
    return format_percent(share, format="#,##0.#%") if share is not None else "–"


def _charts(summary) -> dict:
    labels = {
        "participants": _("Participants"),
        "population": _("Population"),
        "fewer": _("fewer than 5"),
    }
    return {
        question.question: charts.representation_chart(
            question,
            title=_("%(question)s: participants and population", question=question.label),
            description=_(
                "For each group, its share of the participants who answered, and its share "
                "of the district's population. Groups of fewer than 5 people have no bar."
            ),
            labels=labels,
            percent=percent,
            chart_id=f"chart-{question.question}",
        )
        for question in summary.questions
    }


def _render(summary, years, arena=None, arenas=()):
    return render_template(
        "representation/show.html",
        summary=summary,
        arena=arena,
        arenas=arenas,
        can_view_city=rules.can_view_city(current_user),
        years=years,
        charts=_charts(summary),
        percent=percent,
        min_group=q.MIN_GROUP_SIZE,
    )


@bp.get("/arenas/<slug>/representation")
@login_required
def arena_page(slug):
    arena = arena_queries.get_arena_by_slug_or_404(slug)
    if not rules.can_view_arena(current_user, arena):
        abort(403)
    year, years = _year(arena)
    return _render(queries.summarise(arena, year), years, arena)


@bp.get("/representation")
@login_required
def city_page():
    if not rules.can_view_city(current_user):
        abort(403)
    year, years = _year(None)
    arenas = [cycle.arena for cycle in queries.list_cycles(None, year)]
    return _render(queries.summarise(None, year), years, arenas=sorted(arenas, key=_order))


def _order(arena):
    return (arena.sort_order, arena.name)


@bp.route("/representation/my-answers", methods=["GET", "POST"])
@login_required
def my_answers():
    """The person's own answers: change them, or clear them all."""
    stored = services.get_answers(current_user)
    form = ProfileQuestionsForm()
    if request.method == "GET":
        form.age_band.data = getattr(stored.get(q.AGE_BAND), "answer", None)
        gender = stored.get(q.GENDER)
        form.gender.data = getattr(gender, "answer", None)
        form.gender_text.data = getattr(gender, "free_text", None)
    if form.validate_on_submit():
        with attempt(form) as done:
            services.save_profile_answers(
                current_user, form.profile_answers(), form.gender_text.data
            )
        if done:
            flash(_("Your answers are saved."), "success")
            return redirect(url_for("accounts.me"), code=303)
    return render_template(
        "representation/my_answers.html", form=form, why=WHY_WE_ASK, clear_form=EmptyForm()
    )


@bp.post("/representation/my-answers/clear")
@login_required
def clear_answers():
    if EmptyForm().validate_on_submit():
        with attempt() as done:
            services.erase_answers(current_user)
        if done:
            flash(_("Your answers are deleted."), "success")
    return redirect(url_for("representation.my_answers"), code=303)


@bp.app_template_global()
def my_profile_answers() -> list[tuple[str, str]]:
    """(question, answer) labels of the signed-in person's own answers, for their page."""
    stored = services.get_answers(current_user)
    return [
        (str(q.QUESTION_LABELS[question]), _answer_text(answer))
        for question, answer in stored.items()
        if question in q.ANSWERS
    ]


def _answer_text(answer) -> str:
    label = str(q.answer_label(answer.question, answer.answer))
    return f"{label} ({answer.free_text})" if answer.free_text else label


@bp.app_template_global()
def who_came_fields(form):
    """The workshop form's count boxes, grouped by question."""
    from arena.representation.forms import count_fields

    return count_fields(form)
