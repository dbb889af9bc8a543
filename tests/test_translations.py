"""Swedish and English are complete, and every string in the code is in the catalogs.

Arabic, Somali and Finnish are complete for what residents and local actors see: every
message used anywhere outside the staff-only places listed in STAFF_ONLY below.
"""

import fnmatch
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


def extract(pot, *options):
    """Run Babel's extraction over the project into `pot` and read it back."""
    command = [sys.executable, "-m", "babel.messages.frontend", "-q", "extract"]
    command += ["-F", "babel.cfg", "-k", "_l", *options, "-o", str(pot), "."]
    subprocess.run(command, cwd=PROJECT_ROOT, check=True, capture_output=True)
    with open(pot, "rb") as handle:
        return [m for m in read_po(handle) if m.id]


def test_catalogs_cover_every_message_in_the_code(tmp_path):
    """A string added to a template or module without `make translations` fails here."""
    in_code = {m.id for m in extract(tmp_path / "messages.pot", "--no-location")}
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


# Pages and modules only facilitators, city staff and administrators use: moderation,
# managing an arena and its cycles, the staff area, exports, the audit log, statistics
# import, the mail outbox, roles, reviews and selections, workshop codes and tallies, and
# the representation statistics. They may stay in Swedish and English (the accessibility
# statement says so). Everything else is resident-facing: a message used in any other
# place must be translated into every RESIDENT_LANGUAGES catalog.
RESIDENT_LANGUAGES = ("ar", "so", "fi")
STAFF_ONLY = (
    "arena/accounts/admin_views.py",
    "arena/accounts/roles.py",
    "templates/accounts/roles.html",
    "templates/accounts/revoke_role.html",
    "arena/arenas/cycle_forms.py",
    "arena/arenas/cycle_impact.py",
    "arena/arenas/cycles.py",
    "arena/arenas/manage_views.py",
    "arena/arenas/statistics_*.py",
    "templates/arenas/cycle_form.html",
    "templates/arenas/manage*.html",
    "templates/reminders/_overdue.html",
    "templates/statistics/*",
    "arena/audit/*",
    "arena/decidim/*",
    "templates/decidim/*",
    "templates/audit/*",
    "arena/exports/*",
    "templates/exports/*",
    "arena/mail/cli.py",
    "arena/mail/services.py",
    "arena/mail/views.py",
    "templates/mail/admin_outbox.*",
    "templates/mail/test_message.*",
    "arena/moderation/rules.py",
    "arena/moderation/services.py",
    "arena/moderation/views.py",
    "templates/moderation/index.html",
    "templates/moderation/item.html",
    "templates/moderation/reports.html",
    "templates/search/duplicates.html",
    "arena/reviews/adoption_views.py",
    "arena/reviews/changes.py",
    "arena/reviews/forms.py",
    "arena/reviews/rules.py",
    "arena/reviews/services.py",
    "arena/reviews/views.py",
    "templates/reviews/adopt.html",
    "templates/reviews/_confirm.html",
    "templates/reviews/_adoption_tasks.html",
    "templates/reviews/review.html",
    "arena/selections/*",
    "templates/selections/*",
    "arena/staff/*",
    "templates/staff/*",
    "arena/workshops/access_codes.py",
    "arena/workshops/batch_*.py",
    "arena/workshops/rules.py",
    "arena/workshops/services.py",
    "arena/workshops/tallies.py",
    "templates/workshops/codes*.html",
    "templates/workshops/form.html",
    "templates/workshops/proposal_new.html",
    "arena/representation/references.py",
    "arena/representation/views.py",
    "templates/representation/show.html",
    "templates/representation/_workshop_counts.html",
    # The API's messages and its page are read by programmers, not residents; the footer
    # link to it is resident-facing (templates/base.html) and translated.
    "arena/api/*",
    "templates/api/*",
)


def staff_only(location):
    return any(fnmatch.fnmatch(location, pattern) for pattern in STAFF_ONLY)


@pytest.fixture(scope="module")
def resident_messages(tmp_path_factory):
    """msgid (the singular for plural entries) -> where it is used, for every message
    used in at least one place that is not staff-only."""
    pot = tmp_path_factory.mktemp("pot") / "messages.pot"
    found = {}
    for message in extract(pot):
        places = sorted({path for path, _line in message.locations})
        if any(not staff_only(place) for place in places):
            key = message.id[0] if isinstance(message.id, tuple) else message.id
            found[key] = places
    return found


def test_staff_only_list_names_real_places(resident_messages):
    """Each staff-only pattern matches a file, and resident pages are not excluded."""
    files = [
        str(path.relative_to(PROJECT_ROOT))
        for folder in ("arena", "templates")
        for path in (PROJECT_ROOT / folder).rglob("*.*")
    ]
    assert [pattern for pattern in STAFF_ONLY if not fnmatch.filter(files, pattern)] == []
    for msgid in ("Not decided yet", "What did you do?", "Dot votes", "Sign in", "Local actors"):
        assert msgid in resident_messages, msgid


def key(message):
    return message.id[0] if isinstance(message.id, tuple) else message.id


@pytest.mark.parametrize("code", RESIDENT_LANGUAGES)
def test_resident_facing_messages_are_translated(code, resident_messages):
    """Fails on any resident-facing message that is missing, empty or fuzzy in `code`."""
    catalog = load_catalog(code)
    translated = {key(m) for m in catalog if m.id} - {
        m[0] if isinstance(m, tuple) else m for m in gaps(catalog)
    }
    missing = sorted(msgid for msgid in resident_messages if msgid not in translated)
    listing = "\n".join(
        f"  {msgid!r}  ({', '.join(resident_messages[msgid])})" for msgid in missing
    )
    assert not missing, f"{len(missing)} resident-facing messages lack {code}:\n{listing}"
