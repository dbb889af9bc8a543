"""Follow-up pages of a commitment: indicators, check-ins, pledges, and the
facilitators' edit page. Registered on the "commitments" blueprint."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import format_date, format_decimal, format_percent, get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from arena import i18n
from arena.accounts.forms import EmptyForm
from arena.arenas import queries as arena_queries
from arena.commitments import checkins, indicators, owners, pledges, queries
from arena.commitments.followup_forms import (
    CONFIDENCE_CHOICES,
    CommitmentEditForm,
    IndicatorForm,
    OrganisationPledgeForm,
    ResidentCheckInForm,
    check_in_form,
)
from arena.commitments.models import Indicator
from arena.commitments.views import bp
from arena.core import charts
from arena.core.database import fits_integer_column
from arena.core.errors import ActionRefused
from arena.extensions import db
from arena.organisations.models import Organisation


def _show_url(commitment, anchor=None):
    return url_for("commitments.show", commitment_id=commitment.id, _anchor=anchor)


def _refused(refusal: ActionRefused, commitment, anchor=None):
    db.session.rollback()
    if refusal.status == 403:
        raise refusal
    flash(refusal.message, "error")
    return redirect(_show_url(commitment, anchor), code=303)


def _content_language() -> str:
    locale = str(get_locale() or i18n.DEFAULT_LANGUAGE)
    return locale if locale in i18n.CONTENT_LANGUAGES else i18n.DEFAULT_LANGUAGE


def _number(value) -> str:
    return format_decimal(value, format="#,##0.##")


def _percent(share) -> str:
    return format_percent(round(share, 2))


def indicator_chart(item: queries.IndicatorProgress):
    indicator = item.indicator
    return charts.indicator_chart(
        points=[charts.Point(on, value) for on, value in item.history],
        baseline=charts.Point(indicator.baseline_on, indicator.baseline_value),
        target=charts.Point(indicator.target_on, indicator.target_value),
        title=_("%(name)s over time", name=indicator.name),
        description=_(
            "From %(baseline)s %(unit)s on %(start)s towards %(target)s %(unit)s by %(end)s; "
            "%(count)d measured values. The table below lists them.",
            baseline=_number(indicator.baseline_value),
            target=_number(indicator.target_value),
            unit=indicator.unit,
            start=format_date(indicator.baseline_on, "d MMM yyyy"),
            end=format_date(indicator.target_on, "d MMM yyyy"),
            count=len(item.history),
        ),
        format_number=_number,
        format_day=lambda day: format_date(day, "MMM yyyy"),
        labels={"baseline": _("Baseline"), "target": _("Target"), "measured": _("Measured")},
        chart_id=f"chart-{indicator.id}",
    )


def page_context(commitment) -> dict:
    """Everything the commitment page shows about the follow-up (used by views.show)."""
    now = g.now
    memberships = checkins.list_memberships(current_user)
    pledged_organisation_ids = {o.id for o in pledges.list_organisations(commitment)}
    check_in_list = sorted(commitment.check_ins, key=lambda c: (c.reported_on, c.id), reverse=True)
    return {
        "progress": queries.get_progress(commitment),
        "indicator_chart": indicator_chart,
        "format_number": _number,
        "format_percent": _percent,
        "check_ins": check_in_list,
        "people_pledged": pledges.count_people(commitment),
        "pledged_organisations": pledges.list_organisations(commitment),
        "has_pledged": pledges.has_pledged(current_user, commitment),
        "can_pledge": pledges.can_pledge(current_user, commitment, now=now),
        "pledges_open": pledges.is_open(commitment),
        "organisations_to_pledge": [m for m in memberships if m.id not in pledged_organisation_ids],
        "organisations_to_unpledge": [m for m in memberships if m.id in pledged_organisation_ids],
        "can_edit_commitment": owners.can_edit(current_user, commitment, now=now),
        "can_manage_indicators": indicators.can_manage(current_user, commitment, now=now),
        "can_post_measurement": checkins.can_post_measurement(current_user, commitment, now=now),
        "can_post_resident": checkins.can_post_resident(current_user, commitment, now=now),
        "resident_form": ResidentCheckInForm(formdata=None),
        "empty_form": EmptyForm(),
        "confidence_label": lambda key: str(dict(CONFIDENCE_CHOICES).get(key, key)),
    }


def _get_indicator_or_404(commitment, indicator_id) -> Indicator:
    indicator = (
        db.session.get(Indicator, indicator_id) if fits_integer_column(indicator_id) else None
    )
    if indicator is None or indicator.commitment_id != commitment.id:
        abort(404)
    return indicator


def _render_form(template, commitment, **context):
    return render_template(
        template,
        commitment=commitment,
        arena=commitment.arena,
        cycle=commitment.cycle,
        **context,
    )


# --- Indicators ----------------------------------------------------------------------


@bp.route("/<int:commitment_id>/indicators/new", methods=["GET", "POST"])
@login_required
def new_indicator(commitment_id):
    commitment = queries.get_commitment_or_404(commitment_id)
    try:
        indicators.ensure_can_manage(current_user, commitment, now=g.now)
    except ActionRefused as refusal:
        return _refused(refusal, commitment)
    form = IndicatorForm()
    if not form.validate_on_submit():
        return _render_form(
            "commitments/indicator_form.html", commitment, form=form, indicator=None
        )
    try:
        indicators.add_indicator(current_user, commitment, form.to_data(), now=g.now)
    except ActionRefused as refusal:
        return _refused(refusal, commitment)
    db.session.commit()
    flash(_("The indicator “%(name)s” is added.", name=form.name.data), "success")
    return redirect(_show_url(commitment, "indicators-title"), code=303)


@bp.route("/<int:commitment_id>/indicators/<int:indicator_id>/edit", methods=["GET", "POST"])
@login_required
def edit_indicator(commitment_id, indicator_id):
    commitment = queries.get_commitment_or_404(commitment_id)
    indicator = _get_indicator_or_404(commitment, indicator_id)
    try:
        indicators.ensure_can_manage(current_user, commitment, now=g.now)
    except ActionRefused as refusal:
        return _refused(refusal, commitment)
    if request.method == "GET":
        form = IndicatorForm(formdata=None, obj=indicator)
        form.baseline_value.data = _number(indicator.baseline_value)
        form.target_value.data = _number(indicator.target_value)
    else:
        form = IndicatorForm()
    if not form.validate_on_submit():
        return _render_form(
            "commitments/indicator_form.html",
            commitment,
            form=form,
            indicator=indicator,
            has_values=indicators.has_values(indicator),
        )
    try:
        indicators.edit_indicator(current_user, indicator, form.to_data(), now=g.now)
    except ActionRefused as refusal:
        return _refused(refusal, commitment)
    db.session.commit()
    flash(_("The indicator “%(name)s” is saved.", name=indicator.name), "success")
    return redirect(_show_url(commitment, "indicators-title"), code=303)


@bp.post("/<int:commitment_id>/indicators/<int:indicator_id>/delete")
@login_required
def delete_indicator(commitment_id, indicator_id):
    commitment = queries.get_commitment_or_404(commitment_id)
    indicator = _get_indicator_or_404(commitment, indicator_id)
    name = indicator.name
    if not EmptyForm().validate_on_submit():
        return redirect(_show_url(commitment), code=303)
    try:
        indicators.delete_indicator(current_user, indicator, now=g.now)
    except ActionRefused as refusal:
        return _refused(refusal, commitment, "indicators-title")
    db.session.commit()
    flash(_("The indicator “%(name)s” is deleted.", name=name), "success")
    return redirect(_show_url(commitment, "indicators-title"), code=303)


# --- Check-ins -----------------------------------------------------------------------


@bp.route("/<int:commitment_id>/check-ins/new", methods=["GET", "POST"])
@login_required
def new_check_in(commitment_id):
    commitment = queries.get_commitment_or_404(commitment_id)
    try:
        checkins.ensure_can_post_measurement(current_user, commitment, now=g.now)
    except ActionRefused as refusal:
        return _refused(refusal, commitment)
    items = list(commitment.indicators)
    memberships = checkins.list_memberships(current_user)
    if request.method == "GET":
        form = check_in_form(items, memberships, formdata=None)
        form.reported_on.data = checkins.today(g.now)
    else:
        form = check_in_form(items, memberships)
    value_fields = [(i, getattr(form, f"value_{i.id}")) for i in items]

    def render():
        return _render_form(
            "commitments/check_in_form.html", commitment, form=form, value_fields=value_fields
        )

    if not form.validate_on_submit():
        return render()
    problem = checkins.date_problem(commitment, form.reported_on.data, g.now)
    if problem:
        form.reported_on.errors = [problem]
        return render()
    values = {i: f.number for i, f in value_fields if f.number is not None}
    if not values and not form.note.data:
        form.note.errors = [_("Give a value for at least one indicator, or write a note.")]
        return render()
    organisation = next((o for o in memberships if str(o.id) == form.organisation.data), None)
    try:
        checkins.record_check_in(
            current_user,
            commitment,
            now=g.now,
            reported_on=form.reported_on.data,
            note=form.note.data or "",
            confidence=form.confidence.data or None,
            organisation=organisation,
            values=values,
            language=_content_language(),
        )
    except ActionRefused as refusal:
        return _refused(refusal, commitment)
    db.session.commit()
    flash(_("Your check-in is posted."), "success")
    return redirect(_show_url(commitment, "check-ins-title"), code=303)


@bp.route("/<int:commitment_id>/check-ins/resident", methods=["GET", "POST"])
@login_required
def resident_check_in(commitment_id):
    commitment = queries.get_commitment_or_404(commitment_id)
    try:
        checkins.ensure_can_post_resident(current_user, commitment, now=g.now)
    except ActionRefused as refusal:
        return _refused(refusal, commitment)
    form = ResidentCheckInForm()
    if not form.validate_on_submit():
        return _render_form("commitments/resident_check_in.html", commitment, form=form)
    try:
        checkins.record_resident_check_in(
            current_user,
            commitment,
            now=g.now,
            note=form.note.data,
            language=_content_language(),
        )
    except ActionRefused as refusal:
        return _refused(refusal, commitment)
    db.session.commit()
    flash(_("Thank you for telling what you did."), "success")
    return redirect(_show_url(commitment, "check-ins-title"), code=303)


# --- Pledges -------------------------------------------------------------------------


def _pledge_action(commitment_id, action, message):
    commitment = queries.get_commitment_or_404(commitment_id)
    if not EmptyForm().validate_on_submit():
        return redirect(_show_url(commitment), code=303)
    try:
        action(current_user, commitment, now=g.now)
    except ActionRefused as refusal:
        return _refused(refusal, commitment, "pledges-title")
    db.session.commit()
    flash(message(), "success")
    return redirect(_show_url(commitment, "pledges-title"), code=303)


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


def _organisation_action(commitment_id, action, message):
    commitment = queries.get_commitment_or_404(commitment_id)
    memberships = checkins.list_memberships(current_user)
    form = OrganisationPledgeForm()
    # Any organisation may be named; the service says no unless the person is a member.
    raw = request.form.get("organisation", "")
    organisation = (
        db.session.get(Organisation, int(raw))
        if raw.isdigit() and fits_integer_column(int(raw))
        else None
    )
    form.organisation.choices = [(str(o.id), o.name) for o in memberships] + (
        [(raw, "")] if organisation is not None else []
    )
    if not form.validate_on_submit() or organisation is None:
        flash(_("Choose an organisation."), "error")
        return redirect(_show_url(commitment, "pledges-title"), code=303)
    try:
        action(current_user, commitment, organisation, now=g.now)
    except ActionRefused as refusal:
        return _refused(refusal, commitment, "pledges-title")
    db.session.commit()
    flash(message(organisation), "success")
    return redirect(_show_url(commitment, "pledges-title"), code=303)


@bp.post("/<int:commitment_id>/join-organisation")
@login_required
def pledge_organisation(commitment_id):
    return _organisation_action(
        commitment_id,
        pledges.pledge_organisation,
        lambda o: _("%(name)s has joined this commitment.", name=o.name),
    )


@bp.post("/<int:commitment_id>/leave-organisation")
@login_required
def unpledge_organisation(commitment_id):
    return _organisation_action(
        commitment_id,
        pledges.unpledge_organisation,
        lambda o: _("%(name)s has left this commitment.", name=o.name),
    )


# --- Editing the commitment ----------------------------------------------------------


def _edit_form(commitment, *, submitted: bool) -> CommitmentEditForm:
    form = CommitmentEditForm() if submitted else CommitmentEditForm(formdata=None, obj=commitment)
    themes = arena_queries.list_themes()
    co_benefits = arena_queries.list_co_benefits()
    organisations = queries.list_arena_organisations(commitment.arena)
    for o in commitment.owner_organisations:
        if o not in organisations:
            organisations.append(o)
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


@bp.route("/<int:commitment_id>/edit", methods=["GET", "POST"])
@login_required
def edit(commitment_id):
    commitment = queries.get_commitment_or_404(commitment_id)
    try:
        owners.ensure_can_edit(current_user, commitment, now=g.now)
    except ActionRefused as refusal:
        return _refused(refusal, commitment)
    form = _edit_form(commitment, submitted=request.method == "POST")

    def render():
        return _render_form("commitments/edit.html", commitment, form=form)

    if not form.validate_on_submit():
        return render()
    if not form.owner_organisations.data and not form.owner_users.data:
        form.owner_organisations.errors = [_("Choose at least one owner.")]
        return render()
    chosen_themes = set(form.themes.data or [])
    chosen_benefits = set(form.co_benefits.data or [])
    chosen_organisations = set(form.owner_organisations.data or [])
    try:
        owners.edit_commitment(
            current_user,
            commitment,
            now=g.now,
            title=form.title.data,
            description=form.description.data or "",
            location=form.location.data or "",
            climate_effect=form.climate_effect.data or "",
            starts_on=form.starts_on.data,
            ends_on=form.ends_on.data,
            themes=[t for t in form._themes if t.key in chosen_themes],
            co_benefits=[c for c in form._co_benefits if c.key in chosen_benefits],
            owner_organisations=[o for o in form._organisations if o.id in chosen_organisations],
            owner_user_ids=list(form.owner_users.data or []),
        )
    except ActionRefused as refusal:
        return _refused(refusal, commitment)
    db.session.commit()
    flash(_("The commitment is saved."), "success")
    return redirect(_show_url(commitment), code=303)
