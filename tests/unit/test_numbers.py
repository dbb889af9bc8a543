import pytest

from arena.core.numbers import parse_decimal


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12,5", 12.5),
        ("12.5", 12.5),
        ("1 250 000", 1_250_000),
        ("1\u00a0250,75", 1250.75),
        ("\u22123,5", -3.5),
        ("-0,25", -0.25),
        ("0", 0.0),
        ("", None),
        ("   ", None),
        (None, None),
    ],
)
def test_parses_swedish_numbers(text, expected):
    assert parse_decimal(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "abc",
        "1.234,5",
        "12,5,0",
        "1e5",
        "nan",
        "inf",
        "12 kg",
        "1" + "0" * 30,
        "1 2 3 4",
        "1  000x",
    ],
)
def test_refuses_what_is_not_a_number(text):
    with pytest.raises(ValueError):
        parse_decimal(text)
