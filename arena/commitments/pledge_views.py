"""Joining and leaving a commitment, for oneself or on an organisation's behalf."""

from __future__ import annotations

from flask import flash, g, redirect, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from arena.commitments import pledges, queries
from arena.commitments.forms import OrganisationPledgeForm
from arena.commitments.views import bp, show_url
from arena.core.actions import attempt
from arena.core.database import fits_integer_column
from arena.core.forms import EmptyForm

ANCHOR = "pledges-title"


def _pledge_action(commitment_id, action, message):
    commitment = queries.get_commitment_or_404(commitment_id)
    if not EmptyForm().validate_on_submit():
        return redirect(show_url(commitment), code=303)
    with attempt() as done:
        action(current_user, commitment, now=g.now)
    if done:
        flash(message(), "success")
    return redirect(show_url(commitment, ANCHOR), code=303)


@bp.post("/<int:commitment_id>/join")
@login_required
def pledge(commitment_id):
    return _pledge_action(
        commitment_id, pledges.pledge, lambda: _("You have joined this commitment.")
    )


@bp.post("/<int:commitment_id>/leave")
@login_required
def unpledge(commitment_id):
    return _pledge_action(
        commitment_id, pledges.unpledge, lambda: _("You have left this commitment.")
    )


def _named_organisation(raw: str):
    """Any organisation may be named; the service says no unless the person is a member."""
    if raw.isdigit() and fits_integer_column(int(raw)):
        return queries.get_organisation(int(raw))
    return None


JOINED = _l("%(name)s has joined this commitment.")
LEFT = _l("%(name)s has left this commitment.")


@bp.post(
    "/<int:commitment_id>/join-organisation",
    endpoint="pledge_organisation",
    defaults={"leave": False},
)
@bp.post(
    "/<int:commitment_id>/leave-organisation",
    endpoint="unpledge_organisation",
    defaults={"leave": True},
)
@login_required
def organisation_pledge(commitment_id, leave):
    """Join or leave a commitment on behalf of an organisation one is a member of."""
    action, message = (
        (pledges.unpledge_organisation, LEFT) if leave else (pledges.pledge_organisation, JOINED)
    )
    commitment = queries.get_commitment_or_404(commitment_id)
    memberships = queries.list_memberships(current_user)
    raw = request.form.get("organisation", "")
    organisation = _named_organisation(raw)
    form = OrganisationPledgeForm()
    form.organisation.choices = [(str(o.id), o.name) for o in memberships]
    if organisation is not None:
        form.organisation.choices.append((raw, ""))
    if not form.validate_on_submit() or organisation is None:
        flash(_("Choose an organisation."), "error")
        return redirect(show_url(commitment, ANCHOR), code=303)
    with attempt() as done:
        action(current_user, commitment, organisation, now=g.now)
    if done:
        flash(message % {"name": organisation.name}, "success")
    return redirect(show_url(commitment, ANCHOR), code=303)
