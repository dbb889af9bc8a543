"""One-time access codes: made with `secrets`, read aloud or typed from paper.

A code is 10 characters from an alphabet without the look-alikes 0/O, 1/I/L,
printed as two groups of five ("K7PQM-X4TZB"). Only the SHA-256 of the
normalised code is stored, so the database never holds a usable code; the codes of
a batch are derived from its label and a key made from the app's secret, so its
sheet can be printed again (`derived_code`).
"""

import hashlib
import hmac
import re
import secrets
import unicodedata

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 10
GROUP = 5

# Whatever people type between the groups: spaces of every kind and dash look-alikes.
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212]+")


def new_code() -> str:
    """A fresh code, about 50 bits of randomness, in its printed form."""
    return format_code("".join(secrets.choice(ALPHABET) for _ in range(LENGTH)))


def format_code(normalised: str) -> str:
    return "-".join(normalised[i : i + GROUP] for i in range(0, len(normalised), GROUP))


def normalise(typed: str | None) -> str:
    """What the person typed, as the code it means: trimmed, upper-case, no separators.

    Full-width characters from some phone keyboards become plain ones (NFKC).
    """
    if not typed:
        return ""
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", typed)).upper()


def is_well_formed(normalised: str) -> bool:
    return len(normalised) == LENGTH and all(ch in ALPHABET for ch in normalised)


def hash_code(normalised: str) -> str:
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def sheet_key(secret_key: str) -> bytes:
    """The key codes are derived with, from the app's SECRET_KEY (its own purpose, so the
    key that signs cookies is never used as is)."""
    return hmac.new(secret_key.encode("utf-8"), b"arena access-code sheets v1", "sha256").digest()


def derived_code(key: bytes, batch: str, index: int) -> str:
    """The `index`-th code of a batch, in its printed form: HMAC-SHA256 of the batch's
    random label and the index, spelled in the alphabet.

    The code is as unguessable as a random one to anyone without the key, and the
    server can make it again to print the batch's sheet once more, so no plain or
    encrypted code needs to be stored. (256 bits spelled in 10 characters of 31: the
    bias is below 2^-200.)
    """
    number = int.from_bytes(hmac.new(key, f"{batch}:{index}".encode(), "sha256").digest(), "big")
    chars = []
    for _ in range(LENGTH):
        number, digit = divmod(number, len(ALPHABET))
        chars.append(ALPHABET[digit])
    return format_code("".join(chars))
