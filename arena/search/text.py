"""Words, stems and highlights: the one place that decides what a word is.

Both databases match on stems computed here (Snowball, the stemmer PostgreSQL's own
`swedish` and `english` configurations use), so SQLite and PostgreSQL agree on every
match. Swedish nouns in -el/-er drop their e before an ending (cykel → cyklar, fågel →
fåglar), which Snowball leaves as two stems ("cykel", "cykl"); one small rule after it
brings them together, so "cykel" finds "cyklar".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer
from markupsafe import Markup, escape

# Letters and digits; everything else (punctuation, hyphens, underscores) separates words,
# as FTS5's unicode61 tokenizer and PostgreSQL's parser do with the stored terms.
WORD = re.compile(r"[^\W_]+")
MAX_WORD_LENGTH = 60  # PostgreSQL refuses longer words in a tsvector
MAX_TERMS = 4000  # words of one document that are indexed (its start)

STEMMERS = {"sv": "swedish", "en": "english", "fi": "finnish", "ar": "arabic"}
VOWELS = set("aeiouyåäö")

# Words too common to tell proposals apart; only "similar proposals" leaves them out.
# The Swedish ones include Snowball's Swedish stop list (prepositions such as "vid",
# which nearly every "X vid Y" title has, paired every proposal with every other).
_STOP_WORDS = """
    och att det som en ett är på för med av till den de har vi inte om jag kan ska
    så man vara alla mer eller men från sig där här när hur vad vår våra vårt
    våran oss dem denna detta dessa också än bara även mycket många få fler
    vid hon han var icke mig du henne då sin nu hans honom skulle hennes min ej
    kunde något ut efter upp dig sina ha mot under någon allt sedan ju själv åt
    utan varit mitt ni bli blev din några deras blir mina samma vilken er sådan
    blivit dess inom mellan sådant varför varje vilka ditt vem vilket sådana vart
    dina vars ert era vilkas hos genom över
    the a an and or of to in on for with by at from is are be we our it this that
    these those can should will more not as into about all any also than very
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())


def words(text: str) -> list[str]:
    """The words of `text`, lowercased, in order."""
    normal = unicodedata.normalize("NFKC", text or "").casefold()
    return [w for w in WORD.findall(normal) if len(w) <= MAX_WORD_LENGTH]


@lru_cache(maxsize=8)
def _stemmer(language: str):
    name = STEMMERS.get(language)
    return snowballstemmer.stemmer(name) if name else None


@lru_cache(maxsize=50_000)
def stem(word: str, language: str) -> str:
    """The stem of one lowercased word in `language` (the word itself when no stemmer)."""
    stemmer = _stemmer(language)
    if stemmer is None:
        return word
    result = stemmer.stemWord(word)
    if language == "sv":
        result = _swedish_el_er(result)
    return result


def _swedish_el_er(result: str) -> str:
    # "cykeln" → "cykel"; then a consonant + e + l/r at the end loses its e, as the
    # plural does: cykel/cyklar → "cykl", vinter/vintrar → "vintr".
    if len(result) >= 6 and result.endswith("eln"):
        result = result[:-1]
    if len(result) >= 5 and result[-1] in "lr" and result[-2] == "e" and result[-3] not in VOWELS:
        result = result[:-2] + result[-1]
    return result


def stems(text: str, language: str) -> list[str]:
    return [stem(w, language) for w in words(text)][:MAX_TERMS]


def stored_terms(text: str, language: str) -> str:
    """The stems as stored: each between spaces and two spaces apart, so that SQL can
    count a stem's occurrences with replace() on both databases."""
    found = stems(text, language)
    return " " + "  ".join(found) + " " if found else ""


def query_languages(locale: str | None) -> tuple[str, ...]:
    """A query's words are stemmed as Swedish, as English and in the reader's language:
    a query does not say its language, and a document matches any of them."""
    return tuple(dict.fromkeys(["sv", "en", *([locale] if locale in STEMMERS else [])]))


def query_groups(text: str, languages: tuple[str, ...]) -> list[tuple[str, ...]]:
    """One group of alternative stems per distinct word of the query."""
    groups = []
    for word in dict.fromkeys(words(text)):
        group = tuple(dict.fromkeys(stem(word, lang) for lang in languages))
        if group not in groups:
            groups.append(group)
    return groups


def highlight(text: str, wanted: set[str], language: str) -> Markup:
    """`text` escaped, with each word whose stem is wanted inside <mark>."""
    out, last = [], 0
    normal = unicodedata.normalize("NFKC", text or "")
    for match in WORD.finditer(normal):
        word = match.group()
        if stem(word.casefold(), language) in wanted:
            out.append(escape(normal[last : match.start()]))
            out.append(Markup("<mark>%s</mark>") % word)
            last = match.end()
    out.append(escape(normal[last:]))
    return Markup("").join(out)


def snippet(text: str, wanted: set[str], language: str, *, width: int = 220) -> Markup:
    """About `width` characters of `text` around its first wanted word, highlighted."""
    normal = unicodedata.normalize("NFKC", text or "").strip()
    start = 0
    for match in WORD.finditer(normal):
        if stem(match.group().casefold(), language) in wanted:
            start = match.start()
            break
    if len(normal) <= width:
        return highlight(normal, wanted, language)
    begin = max(0, start - width // 3)
    if begin:  # start at a word
        space = normal.find(" ", begin)
        begin = space + 1 if 0 <= space < start else begin
    end = min(len(normal), begin + width)
    if end < len(normal):
        space = normal.rfind(" ", begin, end)
        end = space if space > start else end
    piece = highlight(normal[begin:end], wanted, language)
    return Markup("").join(
        [Markup("… ") if begin else Markup(""), piece, Markup(" …") if end < len(normal) else ""]
    )
