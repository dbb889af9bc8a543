"""The calendar feeds: one per arena and one for every arena, as subscription addresses.

Calendar apps send no cookies and seldom an Accept-Language, so the address can name
the language (`?lang=sv`); without it the site's usual choice applies.
"""

from contextlib import nullcontext

from flask import Blueprint, g, make_response, request
from flask_babel import force_locale
from flask_babel import gettext as _

from arena import i18n
from arena.arenas import queries as arena_queries
from arena.calendars import feeds
from arena.workshops import queries as workshop_queries

bp = Blueprint("calendars", __name__)

# Public and short: a subscription fetched by thousands may be served from a cache,
# yet a changed date reaches people within a quarter of an hour.
CACHE_CONTROL = "public, max-age=900"


def _language():
    """force_locale for a known ?lang=, else the site's own choice of language."""
    wanted = request.args.get("lang", "")
    return force_locale(wanted) if wanted in i18n.LANGUAGES else nullcontext()


def _entries(arena) -> feeds.ArenaEntries:
    cycles = feeds.feed_cycles(list(arena.cycles), g.now)
    workshops = feeds.feed_workshops(workshop_queries.list_workshops(arena), cycles)
    return feeds.ArenaEntries(arena=arena, cycles=cycles, workshops=workshops)


def _respond(calendar, filename: str):
    response = make_response(calendar.to_ical())
    response.headers["Content-Type"] = "text/calendar; charset=utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = CACHE_CONTROL
    response.vary.add("Accept-Language")
    return response


@bp.get("/arenas/<slug>/calendar.ics")
def arena_feed(slug):
    arena = arena_queries.get_arena_by_slug_or_404(slug)
    with _language():
        calendar = feeds.build_feed(
            [_entries(arena)],
            name=_("Climate arena %(arena)s", arena=arena.name),
            description=_(
                "The phases of the yearly cycle and the workshops in %(arena)s.", arena=arena.name
            ),
            uid=f"arena-{arena.id}",
            now=g.now,
        )
    return _respond(calendar, f"{arena.slug}.ics")


@bp.get("/calendar.ics")
def all_feed():
    with _language():
        calendar = feeds.build_feed(
            [_entries(arena) for arena in arena_queries.list_arenas()],
            name=_("Local climate transition arenas"),
            description=_("The phases of the yearly cycle and the workshops in every arena."),
            uid="arenas",
            now=g.now,
        )
    return _respond(calendar, "arenas.ics")
