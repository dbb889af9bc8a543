"""Every piece of text people send is cleaned the same way before validation."""

import unicodedata

import pytest

from arena.core.forms import clean_text


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("  Cykelpool  ", "Cykelpool"),
        ("\t\n Cykelpool \n", "Cykelpool"),
        ("rad ett\r\nrad två\rrad tre", "rad ett\nrad två\nrad tre"),
        ("stycke\n\nstycke\ttab", "stycke\n\nstycke\ttab"),  # newlines and tabs inside stay
        ("Cykel\x00väg", "Cykelväg"),
        ("a\x01b\x08c\x0bd\x0ce\x0ef\x1fg\x7fh", "abcdefgh"),
        ("   ", ""),
        ("\x00\x00", ""),
        ("مرحبا 🚲🌱 åäö", "مرحبا 🚲🌱 åäö"),
    ],
)
def test_clean_text(raw, clean):
    assert clean_text(raw) == clean


def test_decomposed_letters_are_composed():
    # "å" typed as a + combining ring (as some phones send it) is stored as one letter.
    decomposed = unicodedata.normalize("NFD", "Årsta gård")
    assert decomposed != "Årsta gård"
    assert clean_text(decomposed) == "Årsta gård"


@pytest.mark.parametrize("value", [None, 5, ["a\x00"]])
def test_non_text_is_left_alone(value):
    assert clean_text(value) == value
