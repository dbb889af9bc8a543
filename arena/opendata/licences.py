"""The licence of the open data, from ARENA_OPEN_DATA_LICENSE (an SPDX id)."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app


@dataclass(frozen=True)
class Licence:
    spdx: str
    url: str
    title: str


KNOWN = {
    "CC0-1.0": Licence(
        "CC0-1.0",
        "https://creativecommons.org/publicdomain/zero/1.0/",
        "Creative Commons Zero v1.0 Universal",
    ),
    "CC-BY-4.0": Licence(
        "CC-BY-4.0",
        "https://creativecommons.org/licenses/by/4.0/",
        "Creative Commons Attribution 4.0 International",
    ),
}


def current_licence() -> Licence:
    """The configured licence; an SPDX id we do not know points at its SPDX page."""
    spdx = (current_app.config.get("OPEN_DATA_LICENSE") or "CC0-1.0").strip()
    return KNOWN.get(spdx) or Licence(spdx, f"https://spdx.org/licenses/{spdx}.html", spdx)


def publisher_name() -> str:
    return current_app.config["ORGANISATION_NAME"]


def contact_email() -> str:
    return current_app.config["CONTACT_EMAIL"]
