"""Hypothesis strategies for what a hostile or careless client sends to a form.

`form_data(form, known)` gives a list of (name, value) pairs: each field of the
form is left as the page had it, left out, sent with a hostile value or sent
several times; now and then an extra field the form never asked for comes along.
Long values are made by repetition from a few seeds, so examples stay cheap.
"""

import io

from hypothesis import strategies as st

from tests.hostile.pages import TEXT_TYPES, FormField, PostForm

# Just under the app's MAX_CONTENT_LENGTH (1 MB) with everything else in a form,
# and a little over it: a body that is too big must be refused before anything is saved.
LONG_LENGTHS = [255, 256, 1_001, 5_001, 20_000, 100_000]
OVER_THE_LIMIT = 1024 * 1024 + 1

PAYLOADS = [
    "",
    " ",
    "   \t  ",
    "\n\n\r\n",
    "\u00a0\u2003\u3000",  # no-break, em and ideographic spaces
    "\x00",
    "a\x00b",
    "\x01\x02\x07\x08\x0b\x0c\x1b\x7f",
    "\ud7ff\ufeff\ufffe",
    "\u202eevil\u202c",
    "abc\u2066\u2069\u200f\u200e",
    "\U0001f525\U0001f468\u200d\U0001f469\u200d\U0001f467",
    "e\u0301\u0301\u0301\u0301\u0301\u0301",
    "Z\u0351\u0352\u0353\u0354\u0355\u0356\u0357\u0358\u0359",
    "' OR '1'='1",
    "'; DROP TABLE users; --",
    '"><script>alert(1)</script>',
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "{{ 7*7 }}{% raw %}",
    "%(name)s %s %d {0}",
    "../../etc/passwd",
    "\\",
    "https://example.org/\u202e",
    "user@example.org",
    "UPPER@EXAMPLE.ORG ",
    "a@b",
    "@",
    "x" * 10,
]

NUMBERS = [
    "0",
    "-0",
    "1",
    "-1",
    "1e309",
    "-1e309",
    "1e-400",
    "NaN",
    "nan",
    "inf",
    "-Infinity",
    "\u0661\u0662\u0663",  # Arabic-Indic 123
    "\u06f1\u06f2",  # Persian 12
    "\uff11\uff12",  # full-width 12
    "9" * 40,
    "2147483647",
    "2147483648",
    "-2147483649",
    "9223372036854775808",
    "12,5",
    "12.5",
    "1 200",
    "1\u00a0200",
    "1,2,3",
    "0x10",
    "1_000",
    "+5",
    "--5",
    "5-",
    "½",
    "abc",
]

DATES = [
    "0001-01-01",
    "0000-00-00",
    "1999-12-31",
    "2000-01-01",
    "2026-02-30",
    "2026-13-01",
    "2026-00-10",
    "2100-12-31",
    "2101-01-01",
    "9999-12-31",
    "10000-01-01",
    "-2026-01-01",
    "2026-1-1",
    "2026/05/14",
    "14.05.2026",
    "2026-05-14T12:00",
    "\u0662\u0660\u0662\u0666-\u0660\u0665-\u0661\u0664",
]

TIMES = ["25:61", "24:00", "23:59:60", "-1:00", "12", "12:5", "1230", "12:30:00.000001", "noon"]

IDS = ["1", "2", "0", "-1", "2147483648", "99999999", "abc", "1.0", "1 ", "0x1", "\u0661"]

FILES = [
    b"",
    b"\x00\x01\x02",
    b"\xff\xfe\x00a",  # UTF-16 without a BOM a CSV reader expects
    b"area;year;name;value\n",
    b"arena;year;statistic;value\njarva;2026;population;1e309\n",
    b"arena,year,statistic,value\n" + b"jarva,2026,population,12\n" * 2000,
    b'"unterminated\n',
    "\ufeffarena;\u00e5r;v\u00e4rde\n\u202e;\u0662\u0660;NaN\n".encode(),
    b"=cmd|' /C calc'!A0\n",
    b"x" * 200_000,
]


def _long(seed: str, length: int) -> str:
    """About `length` bytes of UTF-8 (so a long value stays under the size limit)."""
    seed = seed or "x"
    return seed * max(1, length // len(seed.encode()))


def hostile_text(field: FormField | None = None) -> st.SearchStrategy[str]:
    lengths = list(LONG_LENGTHS)
    if field is not None and field.max_length:
        lengths = [field.max_length, field.max_length + 1, *lengths]
    return st.one_of(
        st.sampled_from(PAYLOADS),
        st.sampled_from(NUMBERS + DATES + TIMES + IDS),
        st.text(max_size=30),
        st.builds(
            _long,
            st.sampled_from(["x", "\U0001f525", "\u202e", "e\u0301", "<b>"]),
            st.sampled_from(lengths),
        ),
    )


def _kind_values(field: FormField) -> st.SearchStrategy[str]:
    kind = field.kind
    if kind == "date":
        return st.sampled_from(DATES)
    if kind == "time":
        return st.sampled_from(TIMES)
    if kind in ("number", "range") or field.numeric:
        return st.sampled_from(NUMBERS)
    if field.options:
        unknown = [
            "",
            "no-such-choice",
            "0",
            "-1",
            "2147483648",
            *[f"{o} " for o in field.options[:1]],
        ]
        return st.one_of(st.sampled_from(field.options), st.sampled_from(unknown))
    if kind == "hidden" and field.value.isdigit():
        return st.sampled_from(IDS)
    return hostile_text(field)


def field_value(field: FormField, known: list[str]) -> st.SearchStrategy:
    """What one field sends: nothing, one value or several (a repeated name)."""
    if field.kind == "file":
        upload = st.builds(
            lambda content, name: (io.BytesIO(content), name),
            st.sampled_from(FILES),
            st.sampled_from(["statistics.csv", "a.xlsx", "", "../../x.csv", "\u202evsc.exe"]),
        )
        return st.one_of(st.none(), upload.map(lambda u: [u]), st.just(["not a file"]))
    # As the page has it; an unticked box or an unnamed button sends nothing.
    keep = [field.value] if field.value or field.kind not in ("checkbox", "radio", "button") else []
    one = st.one_of(
        st.sampled_from(known or [field.value]),
        _kind_values(field),
        hostile_text(field) if field.kind not in TEXT_TYPES else st.sampled_from(NUMBERS + IDS),
    )
    return st.one_of(
        st.just(keep),
        st.none(),  # the field left out
        one.map(lambda v: [v]),
        st.lists(one, min_size=2, max_size=4),
    )


EXTRA_NAMES = [
    "id",
    "user_id",
    "is_admin",
    "arena_id",
    "next",
    "csrf_token",
    "status",
    "__proto__",
    "a[]",
    "",
]


def form_data(form: PostForm, known: dict[str, list[str]] | None = None) -> st.SearchStrategy:
    """The whole request body, as (name, value) pairs in the order they are sent."""
    known = known or {}
    names = sorted(form.fields)
    per_field = st.fixed_dictionaries(
        {name: field_value(form.fields[name], known.get(name, [])) for name in names}
    )
    extras = st.lists(st.tuples(st.sampled_from(EXTRA_NAMES), hostile_text()), max_size=2)
    over = st.sampled_from([False] * 19 + [True])

    def assemble(values, extra, too_big):
        pairs = [(name, v) for name in names for v in (values[name] or [])]
        pairs += extra
        if too_big:
            pairs.append((names[0] if names else "x", "x" * OVER_THE_LIMIT))
        return pairs

    return st.builds(assemble, per_field, extras, over)
