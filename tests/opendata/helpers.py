"""Open-data downloads through HTTP, read back."""

import io
import zipfile

from tests.exports.files import EMAIL  # noqa: F401  (the '@'-address pattern)


def year_url(slug, year, name=""):
    return f"/open-data/{slug}/{year}/{name}"


def unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}
