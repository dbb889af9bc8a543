"""The recommendation's note."""

from flask_babel import lazy_gettext as _l
from wtforms import TextAreaField

from arena.core.forms import ArenaForm, Required, max_length
from arena.staff.scale_models import MAX_NOTE


class RecommendForm(ArenaForm):
    note = TextAreaField(
        _l("Why the whole city should take it up"),
        description=_l(
            "Shown on the ready-to-scale list and on the commitment's page. At most %(max)d "
            "characters.",
            max=MAX_NOTE,
        ),
        validators=[
            Required(_l("Write why the whole city should take it up.")),
            max_length(MAX_NOTE),
        ],
    )
