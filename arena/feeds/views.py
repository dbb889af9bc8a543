"""/arenas/<slug>/feed.atom: what changed in an arena, as an Atom feed.

Feed readers send no cookies and seldom an Accept-Language, so the address can name
the language (`?lang=sv`), as the calendar feeds do. Every link is absolute (under
ARENA_BASE_URL). The ETag is the feed's own digest, so a reader that has it gets 304.
"""

from __future__ import annotations

import hashlib
from contextlib import nullcontext
from urllib.parse import urlsplit

from flask import Blueprint, current_app, make_response, request
from flask_babel import force_locale, get_locale
from flask_babel import gettext as _

from arena import i18n
from arena.arenas import queries as arena_queries
from arena.core.urls import base_url, external_url
from arena.feeds import atom, queries
from arena.reviews.labels import outcome_label

bp = Blueprint("feeds", __name__)

CACHE_CONTROL = "public, max-age=900"
SUMMARY_LENGTH = 400


def _language():
    wanted = request.args.get("lang", "")
    return force_locale(wanted) if wanted in i18n.LANGUAGES else nullcontext()


def _short(text: str) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= SUMMARY_LENGTH else text[: SUMMARY_LENGTH - 1].rstrip() + "…"


def _joined(*parts: str) -> str:
    return " ".join(part for part in parts if part)


def _commitment(change):
    item = change.item
    summary = _(
        "New commitment in %(arena)s for %(year)d.", arena=item.arena.name, year=item.cycle.year
    )
    if change.kind == "version":
        summary = _(
            "New version for %(year)d of the commitment from %(previous)d.",
            year=item.cycle.year,
            previous=item.previous.cycle.year,
        )
    elif change.kind == "adoption":
        summary = _(
            "Adopted from “%(title)s” in %(arena)s.",
            title=item.origin.title,
            arena=item.origin.arena.name,
        )
    link = external_url("stories.commitment", commitment_id=item.id)
    return item.title, item.language, link, _joined(summary, _short(item.description))


def _adopted_elsewhere(change):
    item, origin = change.item, change.other
    summary = _("Adopted in %(arena)s as “%(title)s”.", arena=item.arena.name, title=item.title)
    link = external_url("stories.commitment", commitment_id=item.id)
    return origin.title, origin.language, link, summary


def _merge(change):
    item, into = change.item, change.other
    summary = _("Merged into “%(title)s”.", title=into.title)
    link = external_url("stories.proposal", proposal_id=into.id)
    return item.title, item.language, link, summary


def _selection(change):
    item = change.item
    if item.status == "selected":
        summary = _("Selected by the facilitators.")
    else:
        summary = _("Not selected.")
    if item.decision_note:
        summary = _joined(
            summary,
            _("Their motivation: %(motivation)s", motivation=_short(item.decision_note)),
        )
    link = external_url("stories.proposal", proposal_id=item.id)
    return item.title, item.language, link, summary


def _check_in(change):
    item, commitment = change.item, change.commitment
    summary = _("Check-in on %(title)s.", title=commitment.title)
    link = external_url("commitments.show", commitment_id=commitment.id, _anchor="check-ins-title")
    return commitment.title, commitment.language, link, _joined(summary, _short(item.note))


def _review(change):
    item, commitment = change.item, change.commitment
    summary = _("Reviewed: %(outcome)s.", outcome=outcome_label(item.outcome))
    link = external_url("stories.commitment", commitment_id=commitment.id)
    return commitment.title, commitment.language, link, _joined(summary, _short(item.rationale))


# Each kind of change: how its entry reads, and its category (a term readers can filter on).
ENTRIES = {
    "commitment": (_commitment, "commitment"),
    "version": (_commitment, "version"),
    "adoption": (_commitment, "adoption"),
    "adopted_elsewhere": (_adopted_elsewhere, "adoption"),
    "merge": (_merge, "merge"),
    "selection": (_selection, "selection"),
    "check_in": (_check_in, "check-in"),
    "review": (_review, "review"),
}


def _entry_text(change: queries.Change) -> tuple[str, str, str, str, str]:
    """(title, its language, link, summary, category) of one change."""
    write, category = ENTRIES[change.kind]
    return (*write(change), category)


def _entries(changes) -> list[atom.Entry]:
    host = urlsplit(base_url()).hostname or "localhost"
    entries = []
    for change in changes:
        title, language, link, summary, category = _entry_text(change)
        entries.append(
            atom.Entry(
                id=f"tag:{host},2026:{change.key}",
                title=title,
                link=link,
                updated=change.at,
                summary=summary,
                language=language,
                category=category,
            )
        )
    return entries


def _feed(arena, changes) -> atom.Feed:
    language = str(get_locale() or i18n.DEFAULT_LANGUAGE)
    first_cycle = min((c.proposing_opens_at for c in arena.cycles), default=None)
    updated = changes[0].at if changes else first_cycle
    return atom.Feed(
        id=external_url("feeds.arena_feed", slug=arena.slug),
        title=_("Climate arena %(arena)s: what changed", arena=arena.name),
        subtitle=_(
            "New commitments, versions and adoptions, merged proposals, the selection, "
            "check-ins and review outcomes in %(arena)s.",
            arena=arena.name,
        ),
        self_link=external_url("feeds.arena_feed", slug=arena.slug, **_lang_arg()),
        alternate_link=external_url("arenas.show", slug=arena.slug),
        author=current_app.config["ORGANISATION_NAME"],
        language=language,
        updated=updated or atom.EPOCH,
        entries=_entries(changes),
    )


def _lang_arg() -> dict:
    wanted = request.args.get("lang", "")
    return {"lang": wanted} if wanted in i18n.LANGUAGES else {}


@bp.get("/arenas/<slug>/feed.atom")
def arena_feed(slug):
    arena = arena_queries.get_arena_by_slug_or_404(slug)
    changes = queries.list_changes(arena)
    with _language():
        body = atom.render(_feed(arena, changes))
    response = make_response(body)
    response.headers["Content-Type"] = "application/atom+xml; charset=utf-8"
    response.headers["Cache-Control"] = CACHE_CONTROL
    response.vary.add("Accept-Language")
    response.set_etag(hashlib.sha256(body).hexdigest()[:32])
    return response.make_conditional(request)
