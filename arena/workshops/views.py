"""Workshop pages: the public record of what was said and voted in person, and the
facilitator's forms for recording it (workshop, paper proposals, dot votes).

Access codes and signing in with them are in code_views.py, on the same blueprint.
"""

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import format_date, format_time, ngettext
from flask_babel import gettext as _
from flask_login import current_user, login_required

from arena import i18n
from arena.arenas import queries as arena_queries
from arena.arenas.phases import phase_at
from arena.core.actions import attempt
from arena.core.forms import Required
from arena.core.time import at_local_time, local_zone
from arena.proposals.forms import ProposalForm, fill_proposal_choices, proposal_values
from arena.proposals.rules import can_see_results
from arena.representation import forms as who_came
from arena.representation import services as representation
from arena.workshops import forms, queries, rules, services, tallies
from arena.workshops.tally_choices import shown_choices, tally_choices

bp = Blueprint("workshops", __name__, url_prefix="/workshops")


def _details(form: forms.WorkshopForm) -> dict:
    """The workshop's details as typed; the date and time are local time, stored in UTC."""
    return {
        "held_at": at_local_time(form.date.data, form.time.data),
        "place": form.place.data,
        "language": form.language.data,
        "participant_count": form.participant_count.data,
        "notes": form.notes.data or "",
    }


def _to_show(arena, workshop, **anchor):
    return redirect(
        url_for("workshops.show", slug=arena.slug, workshop_id=workshop.id, **anchor), code=303
    )


def _form_page(form, arena, workshop, save, saved_message):
    """The workshop's form, new or corrected: `save(details)` runs in one attempt and
    returns (the workshop, whether anything changed)."""
    if form.validate_on_submit():
        with attempt(form) as done:
            saved, changed = save(_details(form))
        if done:
            flash(saved_message if changed else _("Nothing was changed."), "success")
            return _to_show(arena, saved)
    return render_template("workshops/form.html", form=form, arena=arena, workshop=workshop)


def _load(slug: str, workshop_id: int):
    arena = arena_queries.get_arena_by_slug_or_404(slug)
    return arena, queries.get_workshop_or_404(arena, workshop_id)


def workshop_label(workshop) -> str:
    """ "Tensta träff, 14 maj 2026 18:30", for choices that name a workshop."""
    return _(
        "%(place)s, %(date)s %(time)s",
        place=workshop.place,
        date=format_date(workshop.held_at, "long"),
        time=format_time(workshop.held_at, "short"),
    )


@bp.app_template_filter("time_of_day")
def time_of_day(value) -> str:
    return format_time(value, "short")


@bp.get("/<slug>")
def index(slug):
    arena = arena_queries.get_arena_by_slug_or_404(slug)
    workshops = queries.list_workshops(arena)
    cycle = arena_queries.get_current_cycle(arena, g.now)
    return render_template(
        "workshops/index.html",
        arena=arena,
        workshops=workshops,
        proposal_counts=queries.count_proposals_by_workshop(workshops),
        can_manage=rules.can_manage_workshops(current_user, arena),
        can_record=cycle is not None and rules.can_record_workshop(current_user, cycle, now=g.now),
    )


def _render_show(arena, workshop, tally_form=None):
    can_tally = rules.can_save_tallies(current_user, workshop, now=g.now)
    show_tallies = rules.can_see_tallies(workshop, now=g.now)
    choices = None
    if can_tally:
        choices = tally_choices(workshop, current_user, query=request.args.get("tally_q", ""))
        if tally_form is None:
            tally_form = forms.tally_form(choices.proposals, queries.get_tally_values(workshop))
    return render_template(
        "workshops/show.html",
        arena=arena,
        workshop=workshop,
        cycle=workshop.cycle,
        phase=phase_at(workshop.cycle, g.now),
        language_name=i18n.CONTENT_LANGUAGES.get(workshop.language, workshop.language),
        proposals=queries.list_workshop_proposals(workshop),
        show_tallies=show_tallies,
        show_counts=can_see_results(workshop.cycle, now=g.now),
        tallies=queries.list_tallies(workshop) if show_tallies else [],
        tally_form=tally_form if can_tally else None,
        tally_choices=choices,
        can_manage=rules.can_manage_workshops(current_user, arena),
        can_edit=rules.can_edit_workshop(current_user, workshop, now=g.now),
        can_enter_proposal=rules.can_enter_proposal(current_user, workshop, now=g.now),
    )


@bp.get("/<slug>/<int:workshop_id>")
def show(slug, workshop_id):
    arena, workshop = _load(slug, workshop_id)
    return _render_show(arena, workshop)


def _cycle_choices(arena):
    """The arena's cycles a workshop can still be recorded for, newest first."""
    cycles = sorted(arena.cycles, key=lambda c: c.year, reverse=True)
    return [c for c in cycles if rules.can_record_workshop(current_user, c, now=g.now)]


@bp.route("/<slug>/new", methods=["GET", "POST"])
@login_required
def new(slug):
    arena = arena_queries.get_arena_by_slug_or_404(slug)
    current = arena_queries.get_current_cycle(arena, g.now)
    if current is None:
        abort(404)
    # The current cycle says why, when nothing can be recorded: not facilitator, or closed.
    cycles = _cycle_choices(arena)
    if not cycles:
        services.ensure_can_record(current_user, current, now=g.now)
    form = forms.WorkshopForm()
    form.cycle.choices = [(str(c.year), str(c.year)) for c in cycles]
    if request.method == "GET":
        wanted = request.args.get("year")
        form.cycle.data = (
            wanted
            if wanted in {str(c.year) for c in cycles}
            else str((current if current in cycles else cycles[0]).year)
        )
        form.language.data = "sv"

    def save(details):
        cycle = next(c for c in cycles if str(c.year) == form.cycle.data)
        workshop = services.record_workshop(current_user, cycle, now=g.now, **details)
        representation.save_workshop_counts(current_user, workshop, who_came.counts_from(form))
        return workshop, True

    return _form_page(form, arena, None, save, _("The workshop is recorded."))


@bp.route("/<slug>/<int:workshop_id>/edit", methods=["GET", "POST"])
@login_required
def edit(slug, workshop_id):
    arena, workshop = _load(slug, workshop_id)
    services.ensure_can_record(current_user, workshop.cycle, now=g.now)
    form = forms.WorkshopForm(obj=workshop if request.method == "GET" else None)
    # The cycle is fixed once recorded: its proposals and tallies belong to it.
    del form.cycle
    if request.method == "GET":
        local = workshop.held_at.astimezone(local_zone())
        form.date.data, form.time.data = local.date(), local.time().replace(second=0, microsecond=0)
        who_came.fill_counts(form, representation.get_workshop_counts(workshop))

    def save(details):
        changed = services.edit_workshop(current_user, workshop, now=g.now, **details)
        counts = who_came.counts_from(form)
        return workshop, representation.save_workshop_counts(
            current_user, workshop, counts
        ) or changed

    return _form_page(form, arena, workshop, save, _("The workshop is updated."))


def _as_written_on_paper(form: ProposalForm) -> None:
    """The proposal form's texts for a facilitator typing in someone else's paper: they
    speak of the proposal as written at the workshop, not of the facilitator's idea."""
    form.title.description = _(
        "The title written on the paper, or a short name for the idea, at most 120 characters."
    )
    # A new list: the field's own one is shared with every other proposal form.
    form.title.validators = [Required(_("Give the proposal a title.")), *form.title.validators[1:]]
    form.summary.description = _(
        "What the participant wants done, in one or two sentences (at most 300 characters)."
    )
    form.body.description = _("Who would do it, where, and what is needed, as written. Optional.")
    form.climate_effect.description = _(
        "How this could reduce emissions, as the participant sees it. Optional."
    )
    form.language.label.text = _("Language the proposal is written in")


@bp.route("/<slug>/<int:workshop_id>/proposals/new", methods=["GET", "POST"])
@login_required
def new_proposal(slug, workshop_id):
    arena, workshop = _load(slug, workshop_id)
    services.ensure_can_enter_proposal(current_user, workshop, now=g.now)
    form = ProposalForm()
    _as_written_on_paper(form)
    themes, co_benefits, _organisations = fill_proposal_choices(form, current_user)
    # Written by a participant, not on behalf of the facilitator's organisations.
    form.organisation.choices = [("", "")]
    choices = themes, co_benefits, []
    if request.method == "GET":
        form.language.data = workshop.language
    if form.validate_on_submit():
        with attempt(form) as done:
            proposal = services.add_workshop_proposal(
                current_user, workshop, now=g.now, **proposal_values(form, *choices)
            )
        if done:
            flash(
                _(
                    "“%(title)s” is published and credited to the workshop. You can enter the next "
                    "one.",
                    title=proposal.title,
                ),
                "success",
            )
            # Back to an empty form: a stack of paper is typed in one after the other.
            return redirect(request.path, code=303)
    return render_template("workshops/proposal_new.html", form=form, arena=arena, workshop=workshop)


@bp.post("/<slug>/<int:workshop_id>/tallies")
@login_required
def save_tallies(slug, workshop_id):
    arena, workshop = _load(slug, workshop_id)
    services.ensure_can_save_tallies(current_user, workshop, now=g.now)
    shown = shown_choices(workshop, request.form.get("shown"))
    form = forms.tally_form(shown if shown is not None else queries.list_tally_proposals(workshop))
    if not form.validate_on_submit():
        return _render_show(arena, workshop, tally_form=form)
    votes = {
        proposal.id: field.data
        for proposal, field in form.proposal_fields
        if field.data is not None
    }
    with attempt(form) as done:
        tallies.save_tallies(
            current_user,
            workshop,
            votes,
            now=g.now,
            shown=None if shown is None else {p.id for p, _field in form.proposal_fields},
        )
    if done:
        flash(
            ngettext(
                "Dot votes saved for %(num)d proposal.",
                "Dot votes saved for %(num)d proposals.",
                len(votes),
            ),
            "success",
        )
    query = request.args.get("tally_q", "")[:200]
    return _to_show(arena, workshop, _anchor="tallies", **({"tally_q": query} if query else {}))
