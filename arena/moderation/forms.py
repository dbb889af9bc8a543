"""Input shape for reports and the facilitators' moderation actions."""

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectField, TextAreaField
from wtforms.validators import Optional

from arena.core.forms import ArenaForm, Required, max_length
from arena.i18n import REPORT_REASON_LABELS
from arena.moderation.services import MAX_NOTE_LENGTH, MAX_REASON_LENGTH


class ReportForm(ArenaForm):
    reason = RadioField(
        _l("Why should the facilitators look at this?"),
        choices=lambda: list(REPORT_REASON_LABELS.items()),
        invalid_choice_message=_l("Choose one of the reasons."),
    )
    note = TextAreaField(
        _l("Anything else the facilitators should know (optional)"),
        validators=[Optional(), max_length(MAX_NOTE_LENGTH)],
        description=_l("Only the facilitators read this. At most 1000 characters."),
    )


class HideForm(ArenaForm):
    reason = TextAreaField(
        _l("Public reason for hiding"),
        validators=[
            Required(_l("Give the public reason for hiding it.")),
            max_length(MAX_REASON_LENGTH),
        ],
        description=_l("Shown to everyone in place of the hidden text. At most 500 characters."),
    )


class DecisionForm(ArenaForm):
    """Restore or dismiss: an optional note for the audit log."""

    note = TextAreaField(
        _l("Note for the audit log (optional)"),
        validators=[Optional(), max_length(MAX_REASON_LENGTH)],
    )


class MergeForm(ArenaForm):
    # Any id is accepted here; the service says clearly why a proposal cannot be the target.
    into = SelectField(
        _l("Merge into"),
        validate_choice=False,
        validators=[Required(_l("Choose the proposal to merge into."))],
        description=_l(
            "The duplicate's supports move there; people who supported both get one support back."
        ),
    )
    reason = TextAreaField(
        _l("Why (for the audit log, optional)"),
        validators=[Optional(), max_length(MAX_REASON_LENGTH)],
    )
