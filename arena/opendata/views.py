"""The open-data pages and files: public, no sign-in, GET only. Files are made on
request from the current data, and answer 304 while their data has not changed."""

from __future__ import annotations

from flask import Blueprint, Response, abort, g, render_template, request, stream_with_context
from flask_babel import get_locale
from werkzeug.http import is_resource_modified

from arena.core.urls import base_url, external_url
from arena.opendata import files
from arena.opendata.datasets import ScopeNotFound, get_dataset, open_export
from arena.opendata.freshness import fingerprint
from arena.opendata.licences import contact_email, current_licence, publisher_name
from arena.opendata.overview import overview, overview_fingerprint
from arena.opendata.tables import LEFT_OUT, PUBLIC_BY_NAME, PUBLIC_TABLES

bp = Blueprint("opendata", __name__, url_prefix="/open-data")

CACHE_CONTROL = "public, max-age=300"
CATALOG_TYPES = {"jsonld": "application/ld+json", "ttl": "text/turtle; charset=utf-8"}


def _locale() -> str:
    return str(get_locale() or "sv")


def _validated(response: Response, etag: str, modified) -> Response:
    response.set_etag(etag, weak=True)
    response.last_modified = modified
    response.headers["Cache-Control"] = CACHE_CONTROL
    return response


def _unchanged(etag: str, modified) -> bool:
    return not is_resource_modified(request.environ, etag=etag, last_modified=modified)


def _context(slug: str, year: int) -> tuple[files.Context, str]:
    try:
        export = open_export(slug, year, g.now)
    except ScopeNotFound:
        abort(404)
    etag, modified = fingerprint(export)
    page = external_url("opendata.year", slug=slug, year=export.year)
    return files.Context(export, list(PUBLIC_TABLES), page, modified), etag


def _send(slug: str, year: int, make) -> Response:
    """The file `make(context)` builds, streamed; 304 when the client has it already."""
    ctx, etag = _context(slug, year)
    if _unchanged(etag, ctx.modified):
        return _validated(Response(status=304), etag, ctx.modified)
    file = make(ctx)
    response = Response(stream_with_context(file.chunks), content_type=file.media_type)
    disposition = "attachment" if file.download else "inline"
    response.headers["Content-Disposition"] = f'{disposition}; filename="{file.filename}"'
    return _validated(response, etag, ctx.modified)


@bp.get("")
def index():
    return render_template(
        "opendata/index.html",
        entries=overview(g.now),
        licence=current_licence(),
        publisher=publisher_name(),
    )


@bp.get("/<slug>/")
def dataset(slug):
    try:
        found = get_dataset(slug[:60])
    except ScopeNotFound:
        abort(404)
    return render_template(
        "opendata/dataset.html",
        dataset=found,
        licence=current_licence(),
        publisher=publisher_name(),
    )


@bp.get("/<slug>/<int:year>/")
def year(slug, year):
    ctx, _etag = _context(slug[:60], year)
    locale = _locale()
    return render_template(
        "opendata/year.html",
        export=ctx.export,
        slug=slug,
        tables=ctx.tables,
        table_title=lambda table: table.title(locale),
        column_text=lambda column: column.sv if locale.startswith("sv") else column.en,
        left_out=list(LEFT_OUT),
        modified=ctx.modified,
        licence=current_licence(),
        publisher=publisher_name(),
        contact=contact_email(),
    )


@bp.get("/<slug>/<int:year>/bundle.zip")
def bundle(slug, year):
    return _send(slug[:60], year, files.bundle)


@bp.get("/<slug>/<int:year>/datapackage.json")
def datapackage(slug, year):
    return _send(slug[:60], year, files.package_file)


@bp.get("/<slug>/<int:year>/README.md")
def readme(slug, year):
    return _send(slug[:60], year, files.card_file)


@bp.get("/<slug>/<int:year>/data/<table>.csv")
def table_csv(slug, year, table):
    if table not in PUBLIC_BY_NAME:
        abort(404)
    return _send(slug[:60], year, lambda ctx: files.table_csv(ctx, PUBLIC_BY_NAME[table]))


@bp.get("/<slug>/<int:year>/data.xlsx")
def workbook(slug, year):
    return _send(slug[:60], year, files.workbook)


@bp.get("/<slug>/<int:year>/data.json")
def data_json(slug, year):
    return _send(slug[:60], year, files.json_file)


def _catalog(kind: str) -> Response:
    entries = overview(g.now)
    settings = (current_licence().spdx, publisher_name(), contact_email(), base_url())
    etag, modified = overview_fingerprint(entries, kind, *settings)
    if _unchanged(etag, modified):
        response = Response(status=304)
    else:
        # rdflib here, not at start-up: few workers serve the catalogue (2 MB each).
        from arena.opendata.dcat import build_catalog, serialise

        body = serialise(build_catalog(entries), kind)
        response = Response(body, content_type=CATALOG_TYPES[kind])
    response.vary.add("Accept")
    return _validated(response, etag, modified)


@bp.get("/catalog")
def catalog():
    """JSON-LD, or Turtle for a client that prefers it."""
    offered = ["application/ld+json", "text/turtle", "application/json"]
    best = request.accept_mimetypes.best_match(offered, default="application/ld+json")
    return _catalog("ttl" if best == "text/turtle" else "jsonld")


@bp.get("/catalog.jsonld")
def catalog_jsonld():
    return _catalog("jsonld")


@bp.get("/catalog.ttl")
def catalog_ttl():
    return _catalog("ttl")
