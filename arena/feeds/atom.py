"""Writing an Atom feed (RFC 4287) with the standard library's XML writer, so every
text is escaped and the document is always well-formed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from xml.etree import ElementTree as ET

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ET.register_namespace("", ATOM)
# The `updated` of a feed with nothing in it yet.
EPOCH = datetime(2024, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    link: str
    updated: datetime
    summary: str
    language: str
    category: str


@dataclass
class Feed:
    id: str
    title: str
    subtitle: str
    self_link: str
    alternate_link: str
    author: str
    language: str
    updated: datetime
    entries: list[Entry] = field(default_factory=list)


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _add(parent, name: str, text: str | None = None, **attributes) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{name}", attributes)
    if text is not None:
        element.text = text
    return element


def render(feed: Feed) -> bytes:
    root = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: feed.language})
    _add(root, "id", feed.id)
    _add(root, "title", feed.title)
    _add(root, "subtitle", feed.subtitle)
    _add(root, "updated", _stamp(feed.updated))
    _add(root, "link", rel="self", type="application/atom+xml", href=feed.self_link)
    _add(root, "link", rel="alternate", type="text/html", href=feed.alternate_link)
    author = _add(root, "author")
    _add(author, "name", feed.author)
    for entry in feed.entries:
        element = _add(root, "entry")
        _add(element, "id", entry.id)
        # The title is written by people, in their language; the rest is the feed's.
        _add(element, "title", entry.title, **{XML_LANG: entry.language})
        _add(element, "updated", _stamp(entry.updated))
        _add(element, "link", rel="alternate", type="text/html", href=entry.link)
        _add(element, "category", term=entry.category)
        _add(element, "summary", entry.summary, type="text")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
