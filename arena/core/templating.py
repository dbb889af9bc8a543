"""Template globals and filters shared by every page."""

from datetime import datetime
from functools import lru_cache

from babel import dates
from flask import request, url_for
from flask_babel import (
    format_date,
    format_percent,
    get_locale,
    get_timezone,
    get_translations,
    to_user_timezone,
)
from jinja2 import pass_context
from markupsafe import Markup

from arena import i18n
from arena.core.confirm import carried_fields
from arena.core.fragments import fragment, fragment_scope
from arena.core.numbers import format_number
from arena.core.security import current_path


def register_template_helpers(app) -> None:
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.policies["ext.i18n.trimmed"] = True
    app.jinja_env.add_extension("jinja2.ext.do")

    app.add_template_filter(format_long_date, "date")
    app.add_template_filter(lambda value: moment_formatter()(value), "datetime")
    app.add_template_global(moment_formatter, "moment_formatter")
    app.add_template_global(id_url_maker, "id_url_maker")
    app.add_template_filter(i18n.format_to_the_minute, "to_the_minute")
    app.add_template_filter(lambda value: format_date(value, "d MMM"), "day_month")
    app.add_template_filter(format_percent, "percent")
    app.add_template_filter(format_number, "number")
    app.add_template_global(carried_fields, "carried_fields")
    app.add_template_global(lang_dir, "lang_dir")
    app.add_template_filter(isolate, "bdi")
    app.add_template_filter(paragraphs, "paragraphs")
    app.add_template_global(fragment, "fragment")
    app.add_template_global(fragment_scope, "fragment_scope")

    @app.context_processor
    def inject_globals():
        locale = str(get_locale() or i18n.DEFAULT_LANGUAGE)
        translations = get_translations()
        return {
            "LANGUAGES": i18n.LANGUAGES,
            "current_language": locale,
            "text_direction": i18n.text_direction(locale),
            "current_path": current_path() if request else "/",
            "theme_label": labels_of(i18n.THEME_LABELS),
            "co_benefit_label": labels_of(i18n.CO_BENEFIT_LABELS),
            "phase_label": labels_of(i18n.PHASE_LABELS),
            "phase_description": labels_of(i18n.PHASE_DESCRIPTIONS),
            "connection_label": labels_of(i18n.CONNECTION_LABELS),
            "status_label": labels_of(i18n.STATUS_LABELS),
            **bound_gettext(translations),
        }


def labels_of(table: dict):
    """A table's labels for one rendering, each translated the first time it is asked
    for: a list page asks for its cards' themes twenty times."""
    found: dict[str, str] = {}

    def label(key: str) -> str:
        text = found.get(key)
        if text is None:
            text = found[key] = i18n.label(table, key)
        return text

    return label


def bound_gettext(translations) -> dict:
    """`_()`/`gettext()` and `ngettext()` for one rendering, bound to the translations
    Flask-Babel chose for it. Its own functions look the request's translations up
    again on every call (several context lookups each), and a page calls them a
    hundred times. `_()` behaves as Jinja's "newstyle" gettext (the text is markup, the
    variables are escaped into it); `ngettext()` as Flask-Babel's."""

    @pass_context
    def gettext(context, string, **variables):
        text = translations.ugettext(string)
        if context.eval_ctx.autoescape:
            text = Markup(text)
        return text % variables

    def ngettext(singular, plural, num, **variables):
        variables.setdefault("num", num)
        return translations.ungettext(singular, plural, num) % variables

    return {"gettext": gettext, "ngettext": ngettext}


def format_long_date(value) -> str:
    """The `date` filter: Babel's "long" date in the reader's language (a moment on its
    day in the reader's time zone), as Flask-Babel's format_date gives it."""
    if value is None:  # today, as Babel reads None: never kept
        return format_date(None, "long")
    if isinstance(value, datetime):
        value = to_user_timezone(value).date()
    return _long_date(value, get_locale())


@lru_cache(maxsize=4096)
def _long_date(day, locale) -> str:
    return dates.format_date(day, "long", locale=locale)


def moment_formatter():
    """The `datetime` filter (Babel's "medium" date and time, in the reader's language
    and time zone) with the language and zone looked up once: a page that shows many
    moments, such as a thread's comments, takes it once and calls it for each."""
    locale, zone = get_locale(), get_timezone()

    def format_moment(value) -> str:
        if value is None:  # now, as Babel reads None: never kept
            return dates.format_datetime(None, "medium", tzinfo=zone, locale=locale)
        return _medium_moment(value, locale, zone)

    return format_moment


@lru_cache(maxsize=4096)
def _medium_moment(value, locale, zone) -> str:
    # A moment in a language and zone always reads the same: the moments of the busiest
    # pages are formatted once per process, not on every view.
    return dates.format_datetime(value, "medium", tzinfo=zone, locale=locale)


# Stands for the id while the address is built, to find where the id goes.
_MARKER = 1987654321


def id_url_maker(endpoint: str, key: str):
    """`url_for(endpoint, key=id)` for many integer ids: the address is built once and
    each id put in its place, for a page with a link per row (a thread's comments)."""
    built = url_for(endpoint, **{key: _MARKER})
    head, marker, tail = built.partition(str(_MARKER))
    if not marker or str(_MARKER) in tail:
        return lambda value: url_for(endpoint, **{key: value})
    return lambda value: f"{head}{int(value)}{tail}"


@lru_cache(maxsize=256)
def lang_dir(code: str | None) -> Markup:
    """`lang` and `dir` for text written in a language, whatever the page's own: Swedish
    inside an Arabic page runs left to right, its full stop at its end (and the other way
    round). `dir` on an inline element also isolates it from the sentence around it.
    Kept per code: a list page asks twice per card."""
    code = code or i18n.DEFAULT_LANGUAGE
    return Markup('lang="%s" dir="%s"') % (code, i18n.content_direction(code))


def paragraphs(text: str | None) -> Markup:
    """Plain text as HTML paragraphs, one per blank-line-separated block, escaped: how
    people's texts (proposals, comments, descriptions) are shown. A filter, called
    once, rather than a loop in the template: a thread shows twenty of them."""
    return Markup("").join(Markup("<p>%s</p>") % part for part in (text or "").split("\n\n"))


def isolate(value) -> Markup:
    """A name put into a translated sentence, isolated so that a left-to-right name in a
    right-to-left sentence (or the reverse) does not reorder the words around it."""
    return Markup("<bdi>%s</bdi>") % value
