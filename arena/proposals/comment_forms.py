"""The shape of a comment: its text and the language it is written in."""

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from wtforms import SelectField, TextAreaField

from arena import i18n
from arena.core.forms import ArenaForm, Required, max_length
from arena.proposals.comments import MAX_COMMENT_LENGTH


class CommentForm(ArenaForm):
    body = TextAreaField(
        _l("Your comment"),
        validators=[Required(_l("Write your comment.")), max_length(MAX_COMMENT_LENGTH)],
        description=_l("Be kind and keep to the proposal. At most 2000 characters."),
    )
    language = SelectField(
        _l("Language you write in"), choices=lambda: list(i18n.CONTENT_LANGUAGES.items())
    )

    def preset_language(self) -> "CommentForm":
        """Start with the page's language, when it is one people write in."""
        if not self.language.data:
            locale = str(get_locale() or i18n.DEFAULT_LANGUAGE)
            self.language.data = (
                locale if locale in i18n.CONTENT_LANGUAGES else i18n.DEFAULT_LANGUAGE
            )
        return self
