"""Sign up, sign in, sign out, my page and declared connections. Verifying the
address and a forgotten password: lifecycle_views.py, on the same blueprint."""

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from arena.accounts import services
from arena.accounts.forms import ConnectionForm, SignInForm, SignUpForm
from arena.accounts.sessions import end_all_sessions, end_session, signed_in_user, start_session
from arena.arenas import queries as arena_queries
from arena.commitments import queries as commitment_queries
from arena.core.actions import attempt
from arena.core.confirm import is_confirmed
from arena.core.forms import EmptyForm
from arena.core.security import safe_next
from arena.proposals import queries as proposal_queries
from arena.representation import services as representation
from arena.representation.forms import WHY_WE_ASK

bp = Blueprint("accounts", __name__, url_prefix="/accounts")


def _arena_choices(with_blank: bool):
    choices = [(a.slug, a.name) for a in arena_queries.list_arenas()]
    return ([("", _("Choose later"))] if with_blank else []) + choices


@bp.route("/sign-up", methods=["GET", "POST"])
def sign_up():
    if current_user.is_authenticated:
        return redirect(url_for("accounts.me"))
    form = SignUpForm()
    form.arena.choices = _arena_choices(with_blank=True)
    if request.method == "GET" and request.args.get("arena"):
        form.arena.data = request.args["arena"]
    if form.validate_on_submit():
        arena = arena_queries.get_arena_by_slug_or_404(form.arena.data) if form.arena.data else None
        with attempt(form) as done:
            # None when the address is taken: its owner gets a mail, and this page says
            # exactly what it says to a new person (nobody learns who has an account).
            user = services.sign_up(
                email=form.email.data,
                password=form.password.data,
                display_name=form.display_name.data,
                language=str(get_locale()),
            )
            if user is not None:
                if arena is not None:
                    services.declare_connection(user, arena, form.kind.data)
                representation.save_profile_answers(
                    user, form.profile_answers(), form.gender_text.data
                )
        if done:
            next_url = safe_next(request.args.get("next"))
            return redirect(url_for("accounts.check_email", about="sign-up", next=next_url), 303)
    return render_template("accounts/sign_up.html", form=form, why=WHY_WE_ASK)


@bp.route("/sign-in", methods=["GET", "POST"])
def sign_in():
    if current_user.is_authenticated:
        return redirect(url_for("accounts.me"))
    form = SignInForm()
    if form.validate_on_submit():
        with attempt(form):  # commits a stored hash of an older kind replaced by today's
            user = services.authenticate(form.email.data, form.password.data)
        if user is None:
            form.password.errors = [
                *form.password.errors,
                _("The e-mail address or the password is wrong."),
            ]
        else:
            start_session(user)
            flash(_("You are signed in."), "success")
            return redirect(safe_next(request.args.get("next")) or url_for("accounts.me"), code=303)
    return render_template("accounts/sign_in.html", form=form)


@bp.post("/sign-out")
def sign_out():
    form = EmptyForm()
    if form.validate_on_submit():
        user = signed_in_user()
        if user is not None:
            # A new session token: a copy of this browser's cookie stops working too.
            with attempt():
                end_all_sessions(user)
        end_session()
        flash(_("You are signed out."), "success")
    return redirect(url_for("pages.home"), code=303)


@bp.get("/me")
@login_required
def me():
    arenas = arena_queries.list_arenas()
    current = arena_queries.current_cycles_by_arena(arenas, g.now)
    connected = [a for a in arenas if current_user.is_connected_to(a)]
    cycles = [current[a.id] for a in connected if current[a.id] is not None]
    proposals = proposal_queries.list_user_proposals(current_user)
    return render_template(
        "accounts/me.html",
        proposals=proposals,
        # What became of each proposal: its commitment, when it was selected.
        commitments_by_proposal=commitment_queries.commitments_by_proposal(
            [p.id for p in proposals]
        ),
        facilitated_arenas=[a for a in arenas if current_user.facilitates(a)],
        supported=proposal_queries.list_user_supports(current_user),
        budgets=proposal_queries.list_user_budgets(current_user, cycles),
        connection_form=ConnectionForm(),
    )


@bp.route("/connections", methods=["GET", "POST"])
@login_required
def connections():
    form = ConnectionForm()
    form.arena.choices = _arena_choices(with_blank=False)
    if request.method == "GET" and request.args.get("arena"):
        form.arena.data = request.args["arena"]
    next_url = safe_next(request.args.get("next"))
    if form.validate_on_submit():
        arena = arena_queries.get_arena_by_slug_or_404(form.arena.data)
        with attempt(form) as done:
            services.declare_connection(current_user, arena, form.kind.data)
        if done:
            flash(_("You now take part in %(arena)s.", arena=arena.name), "success")
            return redirect(next_url or url_for("arenas.show", slug=arena.slug), code=303)
    return render_template(
        "accounts/connections.html", form=form, remove_form=EmptyForm(), next_url=next_url
    )


@bp.post("/connections/<slug>/remove")
@login_required
def remove_connection(slug):
    """First what stopping means, then (confirmed=yes) the connection ends."""
    arena = arena_queries.get_arena_by_slug_or_404(slug)
    connected = any(c.arena_id == arena.id for c in current_user.connections)
    if connected and EmptyForm().validate_on_submit() and not is_confirmed():
        return render_template("accounts/remove_connection.html", arena=arena)
    if EmptyForm().validate_on_submit():
        with attempt() as done:
            services.remove_connection(current_user, arena)
        if done:
            flash(_("You no longer take part in %(arena)s.", arena=arena.name), "success")
    return redirect(url_for("accounts.connections"), code=303)
