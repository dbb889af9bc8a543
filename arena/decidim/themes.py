"""Which arena theme each Decidim category becomes.

The facilitator confirms the mapping on the preview (one choice per category the
file has); the choice offered first is a guess from the category's name: the
theme whose name (in Swedish or English) or one of a few words for it appears in
it, else the first theme.
"""

from __future__ import annotations

import re

from flask_babel import force_locale
from flask_babel import gettext as _

from arena.arenas.models import Theme
from arena.core.errors import ActionRefused
from arena.i18n import THEME_LABELS

# Beginnings of words that point to a theme, in Swedish and English (three letters or
# fewer: the whole word, so "bil" is not "bild").
WORDS = {
    "transport": (
        "transport",
        "trafik",
        "resa",
        "resor",
        "mobilit",
        "cykel",
        "cykl",
        "bike",
        "bil",
        "buss",
        "kollektiv",
        "gång",
        "walk",
    ),
    "energy": ("energi", "energy", "solcell", "solar", "värme", "heat", "elektri", "electri"),
    "plastics": ("plast", "plastic", "förpackning", "packaging", "skräp", "litter"),
    "consumption": (
        "konsum",
        "consum",
        "återbruk",
        "reuse",
        "reparer",
        "repair",
        "avfall",
        "waste",
        "delning",
        "sharing",
        "kläder",
        "cloth",
    ),
    "local_food": (
        "mat",
        "food",
        "odla",
        "odli",
        "grow",
        "trädgård",
        "garden",
        "jordbruk",
        "farm",
        "kolonilott",
        "allotment",
    ),
}


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _matches(word: str, stem: str) -> bool:
    return word == stem or (len(stem) > 3 and word.startswith(stem))


def guess_theme(category: str, themes: list[Theme]) -> Theme:
    """The theme a category most likely is (see the module's docstring)."""
    words = _words(category)
    for theme in themes:
        names = set()
        for code in ("sv", "en"):
            with force_locale(code):
                names.add(str(THEME_LABELS.get(theme.key, theme.key)).lower())
        names.add(theme.key.replace("_", " "))
        if any(name and name in " ".join(words) for name in names):
            return theme
    for theme in themes:
        stems = WORDS.get(theme.key, ())
        if any(_matches(word, stem) for word in words for stem in stems):
            return theme
    return themes[0]


def theme_map(categories: list[str], themes: list[Theme], chosen: dict[str, str]) -> dict:
    """Each category's theme: the one chosen (by key), else the guess. An unknown key
    is refused, naming the category, so a typing slip imports nothing."""
    by_key = {theme.key: theme for theme in themes}
    mapping = {}
    for category in categories:
        key = chosen.get(category)
        if key is None:
            mapping[category] = guess_theme(category, themes)
        elif key in by_key:
            mapping[category] = by_key[key]
        else:
            raise ActionRefused(
                _(
                    "There is no theme “%(theme)s” for the category “%(category)s”. The "
                    "themes are: %(themes)s.",
                    theme=key[:60],
                    category=category or _("No category"),
                    themes=", ".join(by_key),
                ),
                409,
            )
    return mapping
