"""The shape of proposal input: types, lengths and choices, nothing more."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Optional

from arena import i18n
from arena.arenas import queries as arena_queries
from arena.core.forms import ArenaForm, CheckboxListField, Required, max_length
from arena.extensions import db
from arena.organisations.models import Organisation, OrganisationMember


class ProposalForm(ArenaForm):
    title = StringField(
        _l("Title"),
        validators=[Required(_l("Give your proposal a title.")), max_length(120)],
        description=_l("A short name for your idea, at most 120 characters."),
    )
    summary = TextAreaField(
        _l("Summary"),
        validators=[Required(_l("Write a short summary.")), max_length(300)],
        description=_l("What should be done, in one or two sentences (at most 300 characters)."),
    )
    # DataRequired, not Required: it replaces the "not a valid choice" error of the blank choice.
    theme = SelectField(_l("Theme"), validators=[DataRequired(_l("Choose a theme."))])
    body = TextAreaField(
        _l("Details"),
        validators=[Optional(), max_length(10000)],
        description=_l("Who would do it, where, and what is needed. Optional."),
    )
    climate_effect = TextAreaField(
        _l("Expected climate effect"),
        validators=[Optional(), max_length(2000)],
        description=_l("How could this reduce emissions? Optional."),
    )
    co_benefits = CheckboxListField(_l("Health and social benefits"), validators=[Optional()])
    language = SelectField(_l("Language you write in"))
    organisation = SelectField(_l("Propose on behalf of"), validators=[Optional()])


def proposal_values(form: ProposalForm, themes, co_benefits, organisations) -> dict:
    """The form's answers as submit_proposal's keyword arguments, the chosen keys turned
    back into the rows `fill_proposal_choices` returned."""
    return {
        "title": form.title.data,
        "summary": form.summary.data,
        "body": form.body.data or "",
        "climate_effect": form.climate_effect.data or "",
        "theme": next(t for t in themes if t.key == form.theme.data),
        "language": form.language.data,
        "co_benefits": [c for c in co_benefits if c.key in (form.co_benefits.data or [])],
        "organisation": next(
            (o for o in organisations if str(o.id) == form.organisation.data), None
        ),
    }


def fill_proposal_choices(form: ProposalForm, user):
    """Fill the theme, co-benefit, language and organisation choices (the organisations
    `user` is a member of); returns (themes, co_benefits, organisations) so the view
    can turn the chosen keys back into rows."""
    themes = arena_queries.list_themes()
    co_benefits = arena_queries.list_co_benefits()
    organisations = list(
        db.session.scalars(
            select(Organisation)
            .join(OrganisationMember)
            .where(OrganisationMember.user_id == user.id)
            .order_by(Organisation.name)
        )
    )
    form.theme.choices = [("", _("Choose a theme"))] + [
        (t.key, i18n.label(i18n.THEME_LABELS, t.key)) for t in themes
    ]
    form.co_benefits.choices = [
        (c.key, i18n.label(i18n.CO_BENEFIT_LABELS, c.key)) for c in co_benefits
    ]
    form.language.choices = list(i18n.CONTENT_LANGUAGES.items())
    form.organisation.choices = [("", _("Only myself"))] + [
        (str(o.id), o.name) for o in organisations
    ]
    return themes, co_benefits, organisations
