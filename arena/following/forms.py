"""Input shape for the mail choice, and the buttons (CSRF only)."""

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectField
from wtforms.validators import InputRequired, Optional

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


WEEKDAY_PROBLEM = _l("Choose a day of the week.")


class WeekdayField(SelectField):
    """The weekly digest's day: checked only when the weekly digest is chosen. For the
    other choices whatever came (nothing, or a stale value) is ignored and the stored
    day stays, so saving "daily" never fails over a field it does not use."""

    def validate(self, form, extra_validators=()):
        if form.frequency.data != MailFrequency.WEEKLY:
            self.errors, self.data = [], None
            return True
        if super().validate(form, extra_validators):
            return True
        self.errors = [str(WEEKDAY_PROBLEM)]  # one clear message, not WTForms' own
        return False


class MailChoiceForm(ArenaForm):
    frequency = RadioField(
        _l("Notices by e-mail"),
        choices=lambda: [(str(key), label) for key, label in FREQUENCY_LABELS.items()],
        validators=[InputRequired(_l("Choose how often you want mail."))],
    )
    weekday = WeekdayField(
        _l("Day of the weekly digest"),
        description=_l("Used only if you choose a weekly digest."),
        choices=lambda: list(enumerate(WEEKDAYS)),
        coerce=int,
        validate_choice=True,
        # Not `required`: the field is used only with the weekly choice (validate above),
        # and a required select would need an empty first option.
    )
    # Left out of the post (an older page): the choice stays as it was.
    check_in_reminders = RadioField(
        _l("Reminders to report on commitments I own"),
        choices=lambda: list(REMINDER_LABELS.items()),
        description=_l(
            "When you own a commitment, we remind you by e-mail when one of its indicators "
            "is due for a new value."
        ),
        validators=[Optional()],
    )


REMINDER_LABELS = {
    "on": _l("Yes, remind me by e-mail when a check-in is due"),
    "off": _l("No reminders"),
}


class ButtonForm(ArenaForm):
    """A button that posts: follow, unfollow, mark all as read, unsubscribe."""
