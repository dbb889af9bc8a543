"""/api/v1: every resource as a list (filters, pages by id) and one item by id, read-only,
without sign-in; its OpenAPI document; the page that explains it to people.

Every answer is JSON with an ETag (a hash of the body: `If-None-Match` gives 304 when
nothing changed) and, where the rows tell, Last-Modified; GETs may be read from any
origin (CORS); errors are RFC 9457 problem details, never an HTML page."""

from __future__ import annotations

import hashlib
import json

from flask import Blueprint, Response, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from arena.api import openapi
from arena.api.listing import Resource, fetch_one, fetch_page, language
from arena.api.params import BadParameters, read_filters
from arena.api.resources import RESOURCES
from arena.arenas.models import Arena, Theme
from arena.core.database import fits_integer_column
from arena.extensions import db

bp = Blueprint("api", __name__, url_prefix="/api/v1")
docs = Blueprint("api_docs", __name__)

PREFIX = "/api/v1"
MEDIA_TYPE = "application/json"
PROBLEM_TYPE = "application/problem+json"


@bp.after_request
def open_to_every_origin(response):
    # Public data, no cookies: any web page may read it (CORS).
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Expose-Headers"] = "ETag, Last-Modified, Retry-After"
    response.vary.add("Accept-Language")
    return response


def problem(status: int, title: str, detail: str, headers: dict | None = None, errors=None):
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    body["errors"] = errors or {}
    response = Response(json.dumps(body, ensure_ascii=False), status, mimetype=PROBLEM_TYPE)
    response.headers.update(headers or {})
    return response


def _json(document, last_modified=None) -> Response:
    body = json.dumps(document, ensure_ascii=False, separators=(",", ":"), default=str)
    response = Response(body, mimetype=MEDIA_TYPE)
    response.set_etag(hashlib.blake2b(body.encode(), digest_size=16).hexdigest())
    if last_modified is not None:
        response.last_modified = last_modified
    # Fresh for a minute in any cache; after that, ask again with the ETag.
    response.headers["Cache-Control"] = "public, max-age=60"
    response.headers["Content-Language"] = language()
    return _conditional(response)


def _conditional(response: Response) -> Response:
    """304 when the client's copy has this ETag. If-Modified-Since alone is not enough
    here: a phase that starts by the clock changes an answer with no row changing."""
    if request.if_none_match and request.if_none_match.contains(response.get_etag()[0]):
        response.status_code = 304
        response.set_data(b"")
        del response.headers["Content-Type"]
    return response


def _check_names(filters, errors: dict[str, str]) -> None:
    """An arena or theme that does not exist is a mistake worth saying, not an empty list."""
    if (
        filters.arena
        and db.session.scalar(select(Arena.id).where(Arena.slug == filters.arena)) is None
    ):
        slugs = ", ".join(db.session.scalars(select(Arena.slug).order_by(Arena.slug)))
        errors["arena"] = _("No arena has this slug. The arenas are: %(names)s.", names=slugs)
    if (
        filters.theme
        and db.session.scalar(select(Theme.id).where(Theme.key == filters.theme)) is None
    ):
        keys = ", ".join(db.session.scalars(select(Theme.key).order_by(Theme.key)))
        errors["theme"] = _("No theme has this key. The themes are: %(names)s.", names=keys)
    if errors:
        raise BadParameters(errors)


def list_view(resource: Resource):
    def view():
        errors: dict[str, str] = {}
        try:
            filters = read_filters(request.args, resource.filters, resource.statuses)
        except BadParameters as bad:
            filters, errors = bad.filters, dict(bad.errors)
        try:
            _check_names(filters, errors)
        except BadParameters as bad:
            errors = bad.errors
        if errors:
            detail = " ".join(f"{name}: {message}" for name, message in errors.items())
            return problem(400, _("Some parameters cannot be used"), detail, errors=errors)
        items, after = fetch_page(resource, filters)
        following = None
        if after is not None:
            following = url_for(
                f"api.{resource.name}",
                _external=True,
                **filters.given,
                after=after,
                limit=filters.limit,
            )
        changed = [s.changed_at for s in items if s.changed_at is not None]
        page = openapi.page_model(resource)(
            items=[s.item for s in items], next=following, language=language()
        )
        return _json(
            page.model_dump(mode="json"),
            max(changed) if changed and len(changed) == len(items) else None,
        )

    view.__name__ = resource.name
    return view


def item_view(resource: Resource):
    def view(item_id: int):
        found = fetch_one(resource, item_id) if fits_integer_column(item_id) else None
        if found is None:
            return problem(404, _("Not found"), _("There is no item with this id."))
        return _json(found.item.model_dump(mode="json"), found.changed_at)

    view.__name__ = f"{resource.name}_item"
    return view


for _resource in RESOURCES:
    bp.add_url_rule(f"/{_resource.name}", _resource.name, list_view(_resource), methods=["GET"])
    bp.add_url_rule(
        f"/{_resource.name}/<int:item_id>",
        f"{_resource.name}_item",
        item_view(_resource),
        methods=["GET"],
    )


@bp.get("/")
def index():
    return _json(
        {
            "openapi": url_for("api.openapi_document", _external=True),
            "documentation": url_for("api_docs.page", _external=True),
            "resources": {r.name: url_for(f"api.{r.name}", _external=True) for r in RESOURCES},
        }
    )


@bp.get("/openapi.json")
def openapi_document():
    return _json(openapi.document(RESOURCES))


@docs.get("/api")
def page():
    """For people: what the API offers, with an example per resource."""
    return render_template("api/index.html", resources=RESOURCES, openapi=openapi)
