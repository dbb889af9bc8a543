"""Input shape for the mail choice, and the buttons (CSRF only)."""

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectField
from wtforms.validators import InputRequired

from arena.core.forms import ArenaForm
from arena.following.models import MailFrequency

FREQUENCY_LABELS = {
    MailFrequency.IMMEDIATELY: _l("At once, one mail for each notice"),
    MailFrequency.DAILY: _l("A daily digest"),
    MailFrequency.WEEKLY: _l("A weekly digest"),
    MailFrequency.NONE: _l("No mail (notices stay on the site)"),
}

WEEKDAYS = (
    _l("Monday"),
    _l("Tuesday"),
    _l("Wednesday"),
    _l("Thursday"),
    _l("Friday"),
    _l("Saturday"),
    _l("Sunday"),
)


class MailChoiceForm(ArenaForm):
    frequency = RadioField(
        _l("Notices by e-mail"),
        choices=lambda: [(str(key), label) for key, label in FREQUENCY_LABELS.items()],
        validators=[InputRequired(_l("Choose how often you want mail."))],
    )
    weekday = SelectField(
        _l("Day of the weekly digest"),
        choices=lambda: list(enumerate(WEEKDAYS)),
        coerce=int,
        validate_choice=True,
        validators=[InputRequired(_l("Choose a day of the week."))],
    )


class ButtonForm(ArenaForm):
    """A button that posts: follow, unfollow, mark all as read, unsubscribe."""
