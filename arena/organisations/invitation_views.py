"""Invitations to join an organisation: the invited person's page where they accept
or decline, and the admins' withdrawal of one not yet answered."""

from flask import flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from arena.core.actions import attempt
from arena.organisations import invitations as services
from arena.organisations import queries, rules
from arena.organisations.views import bp, organisation_or_403, to_show


@bp.get("/invitations")
@login_required
def invitations():
    """The invitations the signed-in person can still answer (the mail links here)."""
    return render_template(
        "organisations/invitations.html",
        invitations=queries.list_my_invitations(current_user, now=g.now),
        has_confirmed_address=rules.has_confirmed_address(current_user),
    )


def _to_invitations():
    return redirect(url_for("organisations.invitations"), code=303)


@bp.post("/invitations/<int:invitation_id>/accept")
@login_required
def accept_invitation(invitation_id):
    invitation = queries.get_my_invitation_or_404(current_user, invitation_id)
    organisation = invitation.organisation
    with attempt() as done:
        services.accept_invitation(current_user, invitation, now=g.now)
    if done:
        flash(_("You are now a member of %(name)s.", name=organisation.name), "success")
        return to_show(organisation)
    return _to_invitations()


@bp.post("/invitations/<int:invitation_id>/decline")
@login_required
def decline_invitation(invitation_id):
    invitation = queries.get_my_invitation_or_404(current_user, invitation_id)
    name = invitation.organisation.name
    with attempt() as done:
        services.decline_invitation(current_user, invitation, now=g.now)
    if done:
        flash(_("You declined the invitation from %(name)s.", name=name), "success")
    return _to_invitations()


@bp.post("/<int:organisation_id>/invitations/<int:invitation_id>/withdraw")
@login_required
def withdraw_invitation(organisation_id, invitation_id):
    organisation = organisation_or_403(organisation_id, rules.can_manage_members)
    invitation = queries.get_invitation_or_404(organisation, invitation_id)
    with attempt() as done:
        services.withdraw_invitation(current_user, organisation, invitation)
    if done:
        flash(_("The invitation is withdrawn."), "success")
    return to_show(organisation, "#invitations-title")
