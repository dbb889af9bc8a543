"""Swedish and English are complete, and every string in the code is in the catalogs."""

import subprocess
import sys

import pytest
from babel.messages.pofile import read_po

from arena.config import PROJECT_ROOT
from arena.i18n import LANGUAGES

COMPLETE_LANGUAGES = ("sv", "en")


def load_catalog(code):
    with open(PROJECT_ROOT / "translations" / code / "LC_MESSAGES" / "messages.po", "rb") as handle:
        return read_po(handle)


def gaps(catalog):
    """Messages that are fuzzy or lack a translation (any plural form counts)."""
    found = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            found.append(message.id)
    return found


@pytest.mark.parametrize("code", COMPLETE_LANGUAGES)
def test_catalog_has_no_untranslated_or_fuzzy_message(code):
    assert gaps(load_catalog(code)) == []


def test_catalogs_cover_every_message_in_the_code(tmp_path):
    """A string added to a template or module without `make translations` fails here."""
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "-q",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "--no-location",
            "-o",
            str(pot),
            ".",
        ],
        cwd=PROJECT_ROOT,
        check=True,
    )
    with open(pot, "rb") as handle:
        in_code = {m.id for m in read_po(handle) if m.id}
    for code in COMPLETE_LANGUAGES:
        in_catalog = {m.id for m in load_catalog(code) if m.id}
        assert sorted(map(str, in_code - in_catalog)) == [], f"run `make translations` ({code})"


def test_other_languages_report_their_coverage(capsys):
    """Arabic, Somali and Finnish cover the resident journey; print how much."""
    for code in sorted(set(LANGUAGES) - set(COMPLETE_LANGUAGES)):
        catalog = load_catalog(code)
        total = sum(1 for m in catalog if m.id)
        missing = len(gaps(catalog))
        with capsys.disabled():
            print(f"\ntranslations: {code} {total - missing}/{total} messages translated")
        assert total > 0
