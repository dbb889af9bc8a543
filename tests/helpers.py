"""Small helpers shared by the HTTP tests: reading pages and counting rows."""

import functools
import re
from html import unescape

from babel.messages.pofile import read_po
from sqlalchemy import func, select

from arena.config import PROJECT_ROOT
from arena.extensions import db
from arena.proposals.models import Participation, Proposal, Support


def client_of(app, user=None, *, accept_language=None, address=None):
    """A test client of `app`, signed in as `user` (anonymous for None), sending a
    browser language and a client address on every request when given."""
    client = app.test_client()
    if accept_language:
        client.environ_base["HTTP_ACCEPT_LANGUAGE"] = accept_language
    if address:
        client.environ_base["REMOTE_ADDR"] = address
    if user is not None:
        with client.session_transaction() as session:
            session["_user_id"] = user.get_id()  # the id and the session token
            session["_fresh"] = True
    return client


def page_text(response) -> str:
    """The page's text with tags dropped and whitespace squeezed, for phrase assertions."""
    html = response.get_data(as_text=True)
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"</?bdi>", "", html)  # isolates a name inside a sentence: no word break
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def html_lang(response) -> str | None:
    found = re.search(r'<html[^>]*\blang="([^"]+)"', response.get_data(as_text=True))
    return found.group(1) if found else None


def flashes(response) -> list[str]:
    """The flash messages on a page (follow a redirect first to see them)."""
    html = response.get_data(as_text=True)
    return [unescape(m).strip() for m in re.findall(r'<p class="flash[^"]*">(.*?)</p>', html, re.S)]


def count(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def snapshot() -> dict:
    """Everything a proposal or support action could change, read from the database.

    Column selects bypass the session's identity map, so this is what is stored.
    """
    totals = select(
        select(func.count()).select_from(Proposal).scalar_subquery(),
        select(func.count()).select_from(Support).scalar_subquery(),
        select(func.count()).select_from(Participation).scalar_subquery(),
        select(func.coalesce(func.sum(Participation.supports_used), 0)).scalar_subquery(),
    )
    proposals, supports, participations, used = db.session.execute(totals).one()
    counts = select(Proposal.id, Proposal.support_count).order_by(Proposal.id)
    return {
        "proposals": proposals,
        "supports": supports,
        "participations": participations,
        "supports_used": used,
        "support_counts": [tuple(row) for row in db.session.execute(counts)],
    }


@functools.cache
def _catalog(code: str) -> dict[str, str]:
    path = PROJECT_ROOT / "translations" / code / "LC_MESSAGES" / "messages.po"
    with open(path, "rb") as handle:
        return {str(m.id): m.string for m in read_po(handle) if m.id and not m.fuzzy}


def swedish(message: str) -> str:
    """The Swedish catalog's translation of `message`; fails while it has none yet, so the
    page assertions that use it check the real translation, whatever its wording."""
    translated = _catalog("sv").get(message)
    assert translated, f"the Swedish catalog does not translate {message!r} yet"
    return translated
