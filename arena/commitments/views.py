"""The public page of a commitment, and the facilitators' page to edit it.

Indicators, check-ins and pledges have their own view modules on this blueprint.
"""

from __future__ import annotations

import functools

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from arena import i18n
from arena.arenas import queries as arena_queries
from arena.commitments import charts, queries, rules, services
from arena.commitments.forms import CONFIDENCE_CHOICES, CommitmentEditForm, ResidentCheckInForm
from arena.core.actions import attempt
from arena.core.numbers import format_number
from arena.reviews.lineage import get_lineage

bp = Blueprint("commitments", __name__, url_prefix="/commitments")


def show_url(commitment, anchor=None) -> str:
    return url_for("commitments.show", commitment_id=commitment.id, _anchor=anchor)


def refused(guard, commitment) -> bool:
    """Run a service's `ensure_can_*` guard for this page; True when the person may not
    go on (a 403 is raised, anything else is flashed for the redirect)."""
    with attempt() as allowed:
        guard(current_user, commitment, now=g.now)
    return not allowed


def guarded(guard):
    """For a page about one commitment that `guard` (a service's `ensure_can_*`) must
    allow: loads the commitment (404 when there is none), sends a refused person back to
    the commitment's page with the reason (a 403 is raised), and gives the view the
    commitment in place of its id."""

    def decorate(view):
        @functools.wraps(view)
        def guarded_view(commitment_id, **kwargs):
            commitment = queries.get_commitment_or_404(commitment_id)
            if refused(guard, commitment):
                return redirect(show_url(commitment), code=303)
            return view(commitment, **kwargs)

        return guarded_view

    return decorate


def commitment_status_label(key: str) -> str:
    return i18n.label(i18n.COMMITMENT_STATUS_LABELS, key)


def render_form(template, commitment, **context):
    """A form page about the commitment (edit, indicator, check-in)."""
    return render_template(
        template, commitment=commitment, arena=commitment.arena, cycle=commitment.cycle, **context
    )


def _pledge_context(commitment) -> dict:
    memberships = queries.list_memberships(current_user)
    pledged = queries.list_pledged_organisations(commitment)
    pledged_ids = {o.id for o in pledged}
    people_pledged, has_pledged = queries.get_pledge_state(current_user, commitment)
    return {
        "people_pledged": people_pledged,
        "pledged_organisations": pledged,
        "has_pledged": has_pledged,
        "can_pledge": rules.can_pledge(current_user, commitment, now=g.now),
        "pledges_open": rules.is_open_for_pledges(commitment, g.now),
        "organisations_to_pledge": [m for m in memberships if m.id not in pledged_ids],
        "organisations_to_unpledge": [m for m in memberships if m.id in pledged_ids],
    }


def page_context(commitment) -> dict:
    """Everything the commitment page shows about the follow-up."""
    now, user = g.now, current_user
    context = _pledge_context(commitment)
    can_post_resident = rules.can_post_resident(
        user, commitment, now=now, has_pledged=context["has_pledged"]
    )
    return {
        **context,
        "progress": queries.get_progress(commitment),
        "indicator_chart": charts.indicator_chart,
        "format_number": format_number,
        "format_percent": charts.format_share,
        "check_ins": queries.list_check_ins(commitment),
        "can_edit_commitment": rules.can_edit(user, commitment, now=now),
        "can_manage_indicators": rules.can_manage_indicators(user, commitment, now=now),
        "can_post_measurement": rules.can_post_measurement(user, commitment, now=now),
        "can_post_resident": can_post_resident,
        # Built only when shown: a form makes a CSRF token, and a token a session, which
        # would keep the page out of the shared cache for every anonymous visitor.
        "resident_form": ResidentCheckInForm(formdata=None) if can_post_resident else None,
        "confidence_label": lambda key: str(dict(CONFIDENCE_CHOICES).get(key, key)),
    }


@bp.get("/<int:commitment_id>")
def show(commitment_id):
    commitment = queries.get_commitment_page_or_404(commitment_id)
    return render_template(
        "commitments/show.html",
        commitment=commitment,
        arena=commitment.arena,
        cycle=commitment.cycle,
        proposals=sorted(commitment.proposals, key=lambda p: p.id),
        commitment_status_label=commitment_status_label,
        lineage=get_lineage(commitment),  # its versions and spread (reviews/_lineage.html)
        **page_context(commitment),
    )


def _edit_form(commitment, *, submitted: bool) -> CommitmentEditForm:
    form = CommitmentEditForm() if submitted else CommitmentEditForm(formdata=None, obj=commitment)
    themes = arena_queries.list_themes()
    co_benefits = arena_queries.list_co_benefits()
    organisations = queries.list_arena_organisations(commitment.arena)
    organisations += [o for o in commitment.owner_organisations if o not in organisations]
    form.themes.choices = [(t.key, i18n.label(i18n.THEME_LABELS, t.key)) for t in themes]
    form.co_benefits.choices = [
        (c.key, i18n.label(i18n.CO_BENEFIT_LABELS, c.key)) for c in co_benefits
    ]
    form.owner_organisations.choices = [(o.id, o.name) for o in organisations]
    form.owner_users.choices = [(u.id, u.display_name) for u in commitment.owner_users]
    form._themes, form._co_benefits, form._organisations = themes, co_benefits, organisations
    if not submitted:
        form.themes.data = [t.key for t in commitment.themes]
        form.co_benefits.data = [c.key for c in commitment.co_benefits]
        form.owner_organisations.data = [o.id for o in commitment.owner_organisations]
        form.owner_users.data = [u.id for u in commitment.owner_users]
    return form


def _edit(commitment, form) -> None:
    themes, benefits = set(form.themes.data or []), set(form.co_benefits.data or [])
    organisations = set(form.owner_organisations.data or [])
    services.edit_commitment(
        current_user,
        commitment,
        now=g.now,
        title=form.title.data,
        description=form.description.data or "",
        location=form.location.data or "",
        climate_effect=form.climate_effect.data or "",
        starts_on=form.starts_on.data,
        ends_on=form.ends_on.data,
        check_in_interval_days=form.check_in_interval_days.data,
        themes=[t for t in form._themes if t.key in themes],
        co_benefits=[c for c in form._co_benefits if c.key in benefits],
        owner_organisations=[o for o in form._organisations if o.id in organisations],
        owner_user_ids=list(form.owner_users.data or []),
    )


@bp.route("/<int:commitment_id>/edit", methods=["GET", "POST"])
@login_required
@guarded(services.ensure_can_edit)
def edit(commitment):
    form = _edit_form(commitment, submitted=request.method == "POST")
    if form.validate_on_submit():
        with attempt(form) as done:
            _edit(commitment, form)
        if done:
            flash(_("The commitment is saved."), "success")
            return redirect(show_url(commitment), code=303)
    return render_form("commitments/edit.html", commitment, form=form)
