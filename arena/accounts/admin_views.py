"""The admin's roles page: who facilitates which arena, who is staff or admin."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from arena.accounts import roles
from arena.accounts.forms import GrantRoleForm, RevokeRoleForm
from arena.accounts.models import User
from arena.accounts.views import bp
from arena.arenas import queries as arena_queries
from arena.core.actions import attempt
from arena.core.confirm import is_confirmed
from arena.core.forms import EmptyForm
from arena.core.permissions import require_admin
from arena.extensions import db


def _roles_page():
    return redirect(url_for("accounts.roles_page"), code=303)


@bp.route("/roles", methods=["GET", "POST"])
@login_required
def roles_page():
    require_admin(current_user)
    form = GrantRoleForm()
    form.arena.choices = [("", _("No arena"))] + [
        (a.slug, a.name) for a in arena_queries.list_arenas()
    ]
    if form.validate_on_submit():
        arena = arena_queries.get_arena_by_slug_or_404(form.arena.data) if form.arena.data else None
        with attempt(form) as done:
            user, changed = roles.grant_role_by_email(
                current_user, form.email.data, form.role.data, arena
            )
        if done:
            flash(
                _("%(name)s now has the role.", name=user.display_name)
                if changed
                else _("%(name)s already had the role.", name=user.display_name),
                "success",
            )
            return _roles_page()
    return render_template(
        "accounts/roles.html",
        form=form,
        facilitator_roles=roles.list_facilitator_roles(),
        role_holders=roles.list_role_holders(),
        revoke_form=EmptyForm(),
    )


@bp.post("/roles/revoke")
@login_required
def revoke_role():
    """First what the person loses, then (confirmed=yes) the role is taken away."""
    require_admin(current_user)
    form = RevokeRoleForm()
    # Hidden inputs only a hand-made request gets wrong: there is no such role holder.
    if not form.validate_on_submit():
        abort(404)
    user = db.get_or_404(User, form.user_id.data)
    arena = arena_queries.get_arena_by_slug_or_404(form.arena.data) if form.arena.data else None
    # A role the service cannot take away is refused at once, without a question.
    takeable = form.role.data in roles.ROLES and (form.role.data != "facilitator" or arena)
    if takeable and not is_confirmed():
        return render_template(
            "accounts/revoke_role.html", user=user, role=form.role.data, arena=arena
        )
    with attempt(form, flash_refusal=False) as done:
        roles.revoke_role(current_user, user, form.role.data, arena)
    if done.refusal is not None:
        # A button, not a form to correct: the error page says why.
        raise done.refusal
    flash(_("The role was taken away from %(name)s.", name=user.display_name), "success")
    return _roles_page()
