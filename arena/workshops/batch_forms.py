"""The shape of "extend a batch of codes": by how many days, and whether it is confirmed."""

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField

from arena.core.forms import ArenaForm, whole_number_field
from arena.workshops.access_codes import MAX_CODE_DAYS


class ExtendBatchForm(ArenaForm):
    days = whole_number_field(
        _l("Extend by (days)"),
        default=30,
        within=(1, MAX_CODE_DAYS),
        missing=_l("Enter by how many days to extend the codes."),
        out_of_range=_l("Extend by 1 to 365 days."),
        not_a_number=_l("Enter a whole number, like 30."),
        description=_l(
            "Codes that have expired work again from today. At most 365 days from today."
        ),
    )
    # Set by the confirmation page's button: without it, the form only shows what would change.
    confirmed = HiddenField()


class RevokeBatchForm(ArenaForm):
    """Revoking has nothing to choose: the confirmation page's button is the whole form."""
