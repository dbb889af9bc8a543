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


def _entry_text(change: queries.Change) -> tuple[str, str, str, str, str]:
    """(title, its language, link, summary, category) of one change."""
    item, commitment = change.item, change.commitment
    if change.kind == "commitment":
        summary = _(
            "New commitment in %(arena)s for %(year)d.", arena=item.arena.name, year=item.cycle.year
        )
        link = external_url("stories.commitment", commitment_id=item.id)
        return (
            item.title,
            item.language,
            link,
            _joined(summary, _short(item.description)),
            "commitment",
        )
    if change.kind == "selection":
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
        return item.title, item.language, link, summary, "selection"
    if change.kind == "check_in":
        summary = _("Check-in on %(title)s.", title=commitment.title)
        link = external_url(
            "commitments.show", commitment_id=commitment.id, _anchor="check-ins-title"
        )
        return (
            commitment.title,
            commitment.language,
            link,
            _joined(summary, _short(item.note)),
            "check-in",
        )
    summary = _("Reviewed: %(outcome)s.", outcome=outcome_label(item.outcome))
    link = external_url("stories.commitment", commitment_id=commitment.id)
    return (
        commitment.title,
        commitment.language,
        link,
        _joined(summary, _short(item.rationale)),
        "review",
    )


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
            "New commitments, the selection, check-ins and review outcomes in %(arena)s.",
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
