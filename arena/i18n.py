"""Languages, the locale selector, and translated labels for stored keys.

Stored data uses stable keys ("transport", "voting"); people see the labels
below, which go through the translation catalogs like every other string.
"""

from __future__ import annotations

from dataclasses import dataclass

from babel import Locale
from flask import has_request_context, request
from flask_babel import format_datetime, get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user


@dataclass(frozen=True)
class Language:
    code: str
    native_name: str  # each language is offered in its own name
    direction: str = "ltr"


# Swedish and English are complete; Arabic, Somali and Finnish (the languages
# most used in the arenas' districts, and a national minority language) cover
# the resident journey and fall back to English elsewhere.
LANGUAGES = {
    "sv": Language("sv", "Svenska"),
    "en": Language("en", "English"),
    "ar": Language("ar", "العربية", "rtl"),
    "so": Language("so", "Soomaali"),
    "fi": Language("fi", "Suomi"),
}
DEFAULT_LANGUAGE = "sv"
# The visitor's choice from the footer, kept in a cookie of its own until the browser
# closes: not in the session, so that choosing a language starts no session and the
# page stays cacheable (the shared page cache keys on the language; see
# arena/core/pagecache.py).
LANGUAGE_COOKIE = "arena_lang"
API_PREFIX = "/api/"  # arena.api: answers in the language each request asks for


def select_locale() -> str | None:
    """The visitor's choice, then their profile, then their browser, then Swedish."""
    if not has_request_context():
        return None
    if request.path.startswith(API_PREFIX):
        # A program says its language in each request (?lang= or Accept-Language), and
        # reading the API must not start a session.
        asked = request.args.get("lang")
        return asked if asked in LANGUAGES else browser_language() or DEFAULT_LANGUAGE
    chosen = chosen_language(request.cookies.get(LANGUAGE_COOKIE))
    if chosen:
        return chosen
    if _may_be_signed_in() and current_user and current_user.is_authenticated:
        preferred = current_user.preferred_language
        if preferred in LANGUAGES:
            return preferred
    return browser_language() or DEFAULT_LANGUAGE


def chosen_language(cookie_value: str | None) -> str | None:
    """The language a visitor chose (the `arena_lang` cookie's value), if we offer it."""
    return cookie_value if cookie_value in LANGUAGES else None


def anonymous_language(cookie_value: str | None, accept_languages) -> tuple[str, bool]:
    """The language of an anonymous visitor's page and whether their cookie chose it:
    what `select_locale` gives someone not signed in, from the raw request parts (the
    page cache asks before Flask has made a request object)."""
    chosen = chosen_language(cookie_value)
    if chosen:
        return chosen, True
    return browser_language(accept_languages) or DEFAULT_LANGUAGE, False


def _may_be_signed_in() -> bool:
    # Without a cookie nobody is signed in: asking Flask-Login would read the session.
    return bool(request.cookies)


def browser_language(accept_languages=None) -> str | None:
    """The browser's most wanted language that we offer, "en-GB" counting as "en".

    Werkzeug's best_match prefers any exact match, so "en-GB,sv;q=0.5" would give
    Swedish to someone who asked for English first.
    """
    if accept_languages is None:
        accept_languages = request.accept_languages
    for value, _quality in accept_languages:  # most wanted first
        code = value.replace("_", "-").split("-")[0].lower()
        if code in LANGUAGES:
            return code
    return None


def text_direction(code: str) -> str:
    language = LANGUAGES.get(code)
    return language.direction if language else "ltr"


THEME_LABELS = {
    "transport": _l("Transport"),
    "energy": _l("Energy"),
    "plastics": _l("Plastics"),
    "consumption": _l("Consumption"),
    "local_food": _l("Local food growing"),
}

CO_BENEFIT_LABELS = {
    "fewer_car_trips": _l("Fewer car trips"),
    "physical_activity": _l("More physical activity"),
    "less_waste": _l("Less plastic waste"),
    "cleaner_air": _l("Cleaner air"),
    "social_contact": _l("More social contact"),
    "healthier_food": _l("Healthier food"),
    "lower_costs": _l("Lower costs for households"),
}

PHASE_LABELS = {
    "upcoming": _l("Not started"),
    "proposing": _l("Proposing"),
    "voting": _l("Voting"),
    "selection": _l("Selection"),
    "testing": _l("Testing"),
    "review": _l("Review"),
    "closed": _l("Closed"),
}

PHASE_DESCRIPTIONS = {
    "upcoming": _l("The cycle has not started yet."),
    "proposing": _l("Anyone connected to the arena can submit proposals."),
    "voting": _l("Participants support the proposals they want to see tested."),
    "selection": _l("Facilitators publish the result and choose the commitments."),
    "testing": _l("The chosen commitments run and are measured."),
    "review": _l("Each commitment is continued, revised, scaled up or stopped."),
    "closed": _l("The cycle has ended."),
}

CONNECTION_LABELS = {
    "lives": _l("I live here"),
    "works": _l("I work here"),
    "studies": _l("I study here"),
    "organisation": _l("I am active in an organisation here"),
}

ORGANISATION_KIND_LABELS = {
    "association": _l("Association"),
    "business": _l("Business"),
    "housing": _l("Housing company"),
    "school": _l("School"),
    "public": _l("Public body"),
}

STATUS_LABELS = {
    "published": _l("Published"),
    "hidden": _l("Hidden"),
    "withdrawn": _l("Withdrawn"),
    "merged": _l("Merged"),
    "selected": _l("Selected"),
    "not_selected": _l("Not selected"),
}

COMMITMENT_STATUS_LABELS = {
    "planned": _l("Planned"),
    "active": _l("Being tested"),
    "continued": _l("Continued"),
    "revised": _l("Revised"),
    "scaled_up": _l("Scaled up"),
    "stopped": _l("Stopped"),
}

REPORT_REASON_LABELS = {
    "spam": _l("Spam or advertising"),
    "offensive": _l("Offensive or hateful"),
    "personal_data": _l("Reveals personal data"),
    "off_topic": _l("Off topic"),
    "duplicate": _l("Duplicate of another proposal"),
    "other": _l("Something else"),
}


def label(table: dict, key: str) -> str:
    """A translated label, or the key itself for data the catalog does not know yet."""
    return str(table.get(key, key))


# Languages people write proposals in: the arenas' most used, each in its own name.
CONTENT_LANGUAGES = {
    "sv": "Svenska",
    "en": "English",
    "ar": "العربية",
    "so": "Soomaali",
    "fi": "Suomi",
    "fa": "فارسی",
    "ti": "ትግርኛ",
    "tr": "Türkçe",
    "es": "Español",
    "pl": "Polski",
}

RTL_LANGUAGES = {"ar", "fa"}


def content_direction(code: str) -> str:
    return "rtl" if code in RTL_LANGUAGES else "ltr"


def format_to_the_minute(value) -> str:
    """A date and time without seconds ("2 dec. 2026 14:05"), in the reader's language
    and zone: the locale's medium date joined, its own way, to its short time."""
    locale = get_locale() or Locale.parse(DEFAULT_LANGUAGE)
    pattern = locale.datetime_formats["medium"].format(
        locale.time_formats["short"].pattern, locale.date_formats["medium"].pattern
    )
    return format_datetime(value, pattern)
