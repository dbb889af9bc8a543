"""The admin's roles page: who facilitates which arena, who is staff or admin."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from arena.accounts import roles, services
from arena.accounts.forms import EmptyForm, GrantRoleForm
from arena.accounts.models import User
from arena.accounts.views import bp
from arena.arenas import queries as arena_queries
from arena.core.errors import ActionRefused
from arena.core.permissions import require_admin
from arena.extensions import db


@bp.route("/roles", methods=["GET", "POST"])
@login_required
def roles_page():
    require_admin(current_user)
    form = GrantRoleForm()
    form.arena.choices = [("", _("No arena"))] + [
        (a.slug, a.name) for a in arena_queries.list_arenas()
    ]
    if form.validate_on_submit():
        user = services.find_user_by_email(form.email.data)
        arena = arena_queries.get_arena_by_slug_or_404(form.arena.data) if form.arena.data else None
        if user is None:
            form.email.errors = [*form.email.errors, _("No account has this e-mail address.")]
        elif form.role.data == "facilitator" and arena is None:
            form.arena.errors = [
                *form.arena.errors,
                _("Choose the arena the person will facilitate."),
            ]
        else:
            try:
                changed = roles.grant_role(
                    current_user,
                    user,
                    form.role.data,
                    arena if form.role.data == "facilitator" else None,
                )
            except ActionRefused as refusal:
                db.session.rollback()
                flash(refusal.message, "error")
            else:
                db.session.commit()
                flash(
                    _("%(name)s now has the role.", name=user.display_name)
                    if changed
                    else _("%(name)s already had the role.", name=user.display_name),
                    "success",
                )
                return redirect(url_for("accounts.roles_page"), code=303)
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
    require_admin(current_user)
    user = db.get_or_404(User, request.form.get("user_id", type=int) or 0)
    role = request.form.get("role", "")
    arena = (
        arena_queries.get_arena_by_slug_or_404(request.form["arena"])
        if request.form.get("arena")
        else None
    )
    if user.id == current_user.id and role == "admin":
        raise ActionRefused(_("You cannot take the administrator role from yourself."), 409)
    roles.revoke_role(current_user, user, role, arena)
    db.session.commit()
    flash(_("The role was taken away from %(name)s.", name=user.display_name), "success")
    return redirect(url_for("accounts.roles_page"), code=303)
