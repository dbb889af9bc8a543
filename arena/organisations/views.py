"""The local actors directory: list per arena, organisation pages, and the
pages where organisations describe themselves and manage their members."""

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required

from arena.arenas import queries as arena_queries
from arena.core.actions import attempt
from arena.core.database import fits_text_column
from arena.core.paging import requested_page
from arena.extensions import db
from arena.i18n import ORGANISATION_KIND_LABELS
from arena.organisations import invitations, queries, rules, services
from arena.organisations.forms import MemberForm, OrganisationForm

bp = Blueprint("organisations", __name__, url_prefix="/organisations")

PER_PAGE = 20


@bp.get("/")
def index():
    arenas = arena_queries.list_arenas()
    wanted = request.args.get("arena", "")
    arena = next((a for a in arenas if fits_text_column(wanted) and a.slug == wanted), None)
    kind = request.args.get("kind", "")
    kind = kind if kind in ORGANISATION_KIND_LABELS else ""
    page = requested_page()
    pagination = db.paginate(
        queries.list_organisations_query(arena=arena, kind=kind or None),
        page=page,
        per_page=current_app.config.get("ORGANISATIONS_PER_PAGE", PER_PAGE),
        error_out=False,
    )
    return render_template(
        "organisations/index.html",
        arenas=arenas,
        arena=arena,
        kind=kind,
        kinds=ORGANISATION_KIND_LABELS,
        pagination=pagination,
        can_create=rules.can_create_organisation(current_user),
    )


@bp.get("/<int:organisation_id>")
def show(organisation_id):
    organisation = queries.get_organisation_or_404(organisation_id)
    can_manage = rules.can_manage_members(current_user, organisation)
    return render_template(
        "organisations/show.html",
        organisation=organisation,
        kinds=ORGANISATION_KIND_LABELS,
        commitments=queries.list_owned_commitments(organisation),
        can_edit=can_manage,
        can_verify=rules.can_verify(current_user, organisation),
        member_form=MemberForm() if can_manage else None,
        masked_address=rules.masked_address,
        now=g.now,
        show_website=rules.is_web_address(organisation.website),
    )


def _fill_arena_choices(form: OrganisationForm):
    arenas = arena_queries.list_arenas()
    # Choices are set here, not in the class: WTForms warns about tuples given there.
    form.kind.choices = [(key, str(text)) for key, text in ORGANISATION_KIND_LABELS.items()]
    form.arenas.choices = [(a.slug, a.name) for a in arenas]
    return arenas


def _chosen(form: OrganisationForm, arenas):
    return [a for a in arenas if a.slug in (form.arenas.data or [])]


def _fields(form: OrganisationForm, arenas) -> dict:
    return {
        "name": form.name.data,
        "kind": form.kind.data,
        "description": form.description.data or "",
        "activities": form.activities.data or "",
        "website": form.website.data or None,
        "arenas": _chosen(form, arenas),
    }


def to_show(organisation, anchor: str = ""):
    url = url_for("organisations.show", organisation_id=organisation.id)
    return redirect(url + anchor, code=303)


def _form_page(form, organisation, arenas, save, done_message):
    """The organisation's form, new or edited: `save(fields)` runs in one attempt."""
    if form.validate_on_submit():
        with attempt(form) as done:
            organisation = save(_fields(form, arenas))
        if done:
            flash(done_message, "success")
            return to_show(organisation)
    return render_template("organisations/form.html", form=form, organisation=organisation)


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    form = OrganisationForm()
    arenas = _fill_arena_choices(form)
    if request.method == "GET" and request.args.get("arena"):
        form.arenas.data = [request.args["arena"]]
    return _form_page(
        form,
        None,
        arenas,
        lambda fields: services.create_organisation(current_user, **fields),
        _("Your organisation is in the directory, and you are its admin."),
    )


@bp.route("/<int:organisation_id>/edit", methods=["GET", "POST"])
@login_required
def edit(organisation_id):
    organisation = organisation_or_403(organisation_id, rules.can_edit_organisation)
    form = OrganisationForm(obj=organisation if request.method == "GET" else None)
    arenas = _fill_arena_choices(form)
    if request.method == "GET":
        form.arenas.data = [a.slug for a in organisation.arenas]

    def save(fields):
        services.update_organisation(current_user, organisation, **fields)
        return organisation

    return _form_page(form, organisation, arenas, save, _("The organisation is updated."))


def organisation_or_403(organisation_id, rule):
    """The organisation the address names, only for a person `rule` allows (403 otherwise)."""
    organisation = queries.get_organisation_or_404(organisation_id)
    if not rule(current_user, organisation):
        abort(403)
    return organisation


@bp.post("/<int:organisation_id>/members")
@login_required
def add_member(organisation_id):
    """Invite someone by address. The answer is the same whatever the address is."""
    organisation = organisation_or_403(organisation_id, rules.can_manage_members)
    form = MemberForm()
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for error in errors:
                flash(error, "error")
        return to_show(organisation, "#members-title")
    with attempt(form) as done:
        invitations.invite_member(
            current_user,
            organisation,
            email=form.email.data,
            is_admin=form.is_admin.data,
            now=g.now,
        )
    if done:
        flash(_("If this address belongs to an account, an invitation is on its way."), "success")
    return to_show(organisation, "#members-title")


@bp.post("/<int:organisation_id>/members/<int:member_id>/remove")
@login_required
def remove_member(organisation_id, member_id):
    organisation = organisation_or_403(organisation_id, rules.can_manage_members)
    member = queries.get_member_or_404(organisation, member_id)
    with attempt() as done:
        services.remove_member(current_user, organisation, member)
    if done:
        flash(_("The member is removed."), "success")
    return to_show(organisation)


@bp.post("/<int:organisation_id>/verify")
@login_required
def verify(organisation_id):
    organisation = organisation_or_403(organisation_id, rules.can_verify)
    verified = request.form.get("verified") == "1"
    with attempt() as done:
        services.set_verified(current_user, organisation, verified)
    if done:
        flash(
            _("The organisation is marked as verified.")
            if verified
            else _("The verified badge is removed."),
            "success",
        )
    return to_show(organisation)
